import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { moneyTransformer } from '@app/database';
import type { SubjectDocument } from '@app/documents';
import { CHALLENGE_STATUSES, type ChallengeStatus } from '../challenge-lifecycle';
import type { Eligibility, Objective } from '../challenge-rules';
import {
  FIELD_KEYS,
  INDUSTRY_KEYS,
  MECHANISM_KEYS,
  TRACK_KEYS,
  ZONE_KEYS,
  ZONES,
  type Field,
  type Industry,
  type Mechanism,
  type Track,
  type Zone,
} from '../challenge-taxonomy';
import type { StoredStage } from '../challenge.entity';
import {
  CHALLENGE_DOCUMENT_ROLES,
  REQUIRABLE_BID_DOCUMENT_ROLES,
  type ChallengeDocumentRole,
  type RequirableBidDocumentRole,
} from '../document-roles';
import type { ChallengeJsonRow, ChallengeRow } from '../repositories/challenges.repository';
import { EligibilityDto, ObjectiveDto, StageDto } from './create-challenge.dto';

// The row types are the repository's; re-exported here for the views' readers.
export { CHALLENGE_COLUMNS, type ChallengeRow } from '../repositories/challenges.repository';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const fen = (v: string | number | null) => moneyTransformer.from(v) as number | null;

export class ZoneView {
  @ApiProperty({ enum: ZONE_KEYS }) key: Zone;
  @ApiProperty({ example: '光明科学城' }) zh: string;
  @ApiProperty() en: string;
}

/** A challenge's document (download: GET /api/v1/documents/{id}/content; public once the challenge is). */
export class ChallengeDocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CHALLENGE_DOCUMENT_ROLES }) role: ChallengeDocumentRole;
  @ApiProperty({ description: 'The file name as uploaded (for display).' }) name: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType: string;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex.' }) sha256: string;
}

/** The view's documents (same keys, same order in the single view and the list's JSON writer). */
export function challengeDocumentViews(docs: readonly SubjectDocument[]): ChallengeDocumentView[] {
  return docs.map((d) => ({
    id: d.id,
    role: d.role as ChallengeDocumentRole,
    name: d.name,
    mediaType: d.mediaType,
    size: d.size,
    sha256: d.sha256,
  }));
}

export class ChallengeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ enum: INDUSTRY_KEYS }) industry: Industry;
  @ApiProperty({ enum: INDUSTRY_KEYS, nullable: true }) secondaryIndustry: Industry | null;
  @ApiProperty({ enum: FIELD_KEYS, nullable: true, description: 'Null for a project-manager-track challenge that names none.' })
  field: Field | null;
  @ApiProperty({ enum: MECHANISM_KEYS }) mechanism: Mechanism;
  @ApiProperty({ enum: TRACK_KEYS }) track: Track;
  @ApiProperty() budgetFen: number;
  @ApiProperty({ type: Number, nullable: true }) maxAwardFen: number | null;
  @ApiProperty() parallelSlots: number;
  @ApiProperty({ type: [StageDto] }) stages: StoredStage[];
  @ApiProperty({ type: [ObjectiveDto] }) objectives: Objective[];
  @ApiProperty({ type: EligibilityDto }) eligibility: Eligibility;
  @ApiProperty() bidDeadline: string;
  @ApiProperty() projectEndsAt: string;
  @ApiProperty({ enum: ZONE_KEYS, nullable: true }) zone: Zone | null;
  @ApiPropertyOptional({ type: ZoneView, nullable: true, description: 'The zone with its names.' }) zoneName: ZoneView | null;
  @ApiProperty({ enum: CHALLENGE_STATUSES }) status: ChallengeStatus;
  @ApiProperty({ format: 'uuid', description: 'The agency officer (user) who created the challenge.' }) agencyId: string;
  @ApiProperty({
    format: 'uuid',
    description: 'The agency organisation that owns the challenge (GET /organizations/{id}); all its officers manage it.',
  })
  agencyOrganizationId: string;
  @ApiProperty({ type: String, nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelledAt: string | null;
  @ApiProperty({ description: 'Sum of the awards made so far, fen.' }) awardedFen: number;
  @ApiProperty({ description: 'Awards made so far (≤ parallelSlots).' }) awardedCount: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({
    enum: REQUIRABLE_BID_DOCUMENT_ROLES,
    isArray: true,
    description: 'The documents every bid must carry, by role.',
  })
  requiredBidDocuments: RequirableBidDocumentRole[];
  @ApiProperty({ type: [ChallengeDocumentView], description: 'The notice and technical annexes, in the order attached.' })
  documents: ChallengeDocumentView[];

  static of(row: ChallengeRow, documents: readonly SubjectDocument[]): ChallengeView {
    return {
      id: row.id,
      title: row.title,
      summary: row.summary,
      industry: row.industry,
      secondaryIndustry: row.secondary_industry,
      field: row.field,
      mechanism: row.mechanism,
      track: row.track,
      budgetFen: fen(row.budget_fen) as number,
      maxAwardFen: fen(row.max_award_fen),
      parallelSlots: row.parallel_slots,
      stages: row.stages,
      objectives: row.objectives,
      eligibility: row.eligibility,
      bidDeadline: row.bid_deadline.toISOString(),
      projectEndsAt: row.project_ends_at.toISOString(),
      zone: row.zone,
      zoneName: row.zone ? { key: row.zone, ...ZONES[row.zone] } : null,
      status: row.status,
      agencyId: row.agency_id,
      agencyOrganizationId: row.agency_organization_id,
      publishedAt: iso(row.published_at),
      closedAt: iso(row.closed_at),
      cancelledAt: iso(row.cancelled_at),
      awardedFen: fen(row.awarded_fen) as number,
      awardedCount: row.awarded_count,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      requiredBidDocuments: row.required_bid_documents,
      documents: challengeDocumentViews(documents),
    };
  }
}

/**
 * The list's hot path: a writer that builds exactly `JSON.stringify(ChallengeView.of(row))` from
 * the repository's cheap columns (instants as epoch milliseconds, jsonb as its text) without
 * parsing the jsonb or the dates (the e2e suite compares the two).
 */
const ZONE_JSON: Record<string, string> = Object.fromEntries(
  Object.entries(ZONES).map(([key, names]) => [key, JSON.stringify({ key, ...names })]),
);
const str = (v: string | null) => (v === null ? 'null' : JSON.stringify(v));
/** Milliseconds are whole in the API; the database keeps microseconds: truncate like a JS Date. */
const instant = (ms: number | null) => (ms === null ? 'null' : `"${isoMillis(ms)}"`);

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * Exactly `new Date(ms).toISOString()`, about three times as fast: a page formats seven instants a
 * row. The civil date from the day number is H. Hinnant's `civil_from_days`; years outside
 * 1000–9999 (never a challenge's) are left to Date.
 */
export function isoMillis(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return new Date(ms).toISOString();
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${year}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}Z`;
}
const money = (v: string | null) => {
  if (v === null) return 'null';
  return String(moneyTransformer.from(v));
};

/** The `documents` of a list item: what `ChallengeView.of` puts there, as JSON. */
export const challengeDocumentsJson = (documents: readonly SubjectDocument[]): string =>
  JSON.stringify(challengeDocumentViews(documents));

/** A list item; `documentsJson` is `challengeDocumentsJson` of its documents. */
export function challengeJson(r: ChallengeJsonRow, documentsJson: string): string {
  return (
    `{"id":"${r.id}","title":${str(r.title)},"summary":${str(r.summary)},"industry":"${r.industry}",` +
    `"secondaryIndustry":${str(r.secondary_industry)},"field":${str(r.field)},"mechanism":"${r.mechanism}","track":"${r.track}",` +
    `"budgetFen":${money(r.budget_fen)},"maxAwardFen":${money(r.max_award_fen)},"parallelSlots":${r.parallel_slots},` +
    `"stages":${r.stages},"objectives":${r.objectives},"eligibility":${r.eligibility},` +
    `"bidDeadline":${instant(r.bid_deadline)},"projectEndsAt":${instant(r.project_ends_at)},` +
    `"zone":${str(r.zone)},"zoneName":${r.zone ? ZONE_JSON[r.zone] : 'null'},"status":"${r.status}","agencyId":"${r.agency_id}",` +
    `"agencyOrganizationId":"${r.agency_organization_id}",` +
    `"publishedAt":${instant(r.published_at)},"closedAt":${instant(r.closed_at)},"cancelledAt":${instant(r.cancelled_at)},` +
    `"awardedFen":${money(r.awarded_fen)},"awardedCount":${r.awarded_count},` +
    `"createdAt":${instant(r.created_at)},"updatedAt":${instant(r.updated_at)},` +
    `"requiredBidDocuments":${r.required_bid_documents},"documents":${documentsJson}}`
  );
}

export class ChallengePage {
  @ApiProperty({ type: [ChallengeView] }) items: ChallengeView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AnswerView {
  @ApiProperty() text: string;
  @ApiProperty() answeredAt: string;
}

/** A question as shown: never who asked it (only `askedByMe`, to the asker). */
export class QuestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() text: string;
  @ApiProperty() askedAt: string;
  @ApiProperty({ type: AnswerView, nullable: true }) answer: AnswerView | null;
  @ApiProperty({ description: 'True when the caller asked this question.' }) askedByMe: boolean;
}

export class QuestionPage {
  @ApiProperty({ type: [QuestionView] }) items: QuestionView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** The answer to a question, with the deadline after it (moved when the answer came late). */
export class AnsweredQuestionView extends QuestionView {
  @ApiProperty({ description: 'The bid deadline after this answer.' }) bidDeadline: string;
  @ApiProperty({ description: 'Whether this late answer extended the deadline.' }) deadlineExtended: boolean;
}
