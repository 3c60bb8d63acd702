/**
 * Releases about the call itself (challenges + the ledger only):
 *
 * | ledger action                 | tag                  | what it carries                                  |
 * |-------------------------------|----------------------|--------------------------------------------------|
 * | `challenge.published`         | `tender`             | the whole call: title, description, value, period, objectives… |
 * | `challenge.deadline_extended` | `tenderAmendment`    | the new `tenderPeriod.endDate` and an amendment  |
 * | `question.answered`           | `tenderUpdate`       | `tender.enquiries[]`: the published question and answer (Enquiries extension) |
 * | `challenge.closed`            | `tenderUpdate`       | bidding closed: `numberOfTenderers` (a count)    |
 * | `challenge.cancelled`         | `tenderCancellation` | `status: cancelled` and the reason as an amendment |
 *
 * Mapping of this platform's fields (documented here, and in the JSON Schema):
 * - `tender.id` = the challenge id; `description` = its summary; `value` = its budget (fen → CNY).
 * - Objectives (metric, target, unit) are `tender.jiebang.objectives` (the platform's extension):
 *   OCDS 1.1 has no field for performance targets, and `tender.items` are goods or services with a
 *   quantity to buy — a target of 100 TOPS is not 100 of anything bought. No `items` are published.
 *   Eligibility becomes the text `eligibilityCriteria`.
 * - Both mechanisms are open calls: `procurementMethod: open`; the mechanism (揭榜挂帅 / 赛马制) is in
 *   `procurementMethodDetails`. Bids are scored by a review panel: `awardCriteria: ratedCriteria`.
 * - `tender.procuringEntity` is the buyer: the agency both pays and runs the call.
 * - `tender.jiebang` holds the platform's own classification (industry, field, mechanism, track,
 *   zone, parallel slots): the platform's own extension, served by the api and declared in every
 *   package (see jiebang-extension.ts).
 * - A published answer is an enquiry (Enquiries extension, declared), not an amendment: a
 *   clarification does not change the call, and counting it as one would inflate amendments.
 */
import type { EntityManager } from 'typeorm';
import { liveBidCountsForOpenData } from '@app/bids';
import {
  CHALLENGE_SUBJECT_TYPE,
  INDUSTRIES,
  MECHANISMS,
  ORG_KINDS,
  TRACKS,
  ChallengeFactsForOpenData,
  challengeFactsForOpenData,
} from '@app/challenges';
import { SubjectDocument, readDocumentsOfSubjects } from '@app/documents';
import type { LocalizedText } from '@app/policy';
import type { OpenDataConfig } from '../open-data.config';
import { Amendment, OcdsDocument, Tender, cny, iso, referenceOf } from '../ocds';
import { EventRow, ReleaseBody, ReleaseBuilder, buyerParty } from './release-builder';

/**
 * The challenge as published: fields that cannot change once it is (only the deadline can, and
 * that comes from the ledger), and its documents (frozen at publication).
 */
export type ChallengeFacts = ChallengeFactsForOpenData & { documents?: SubjectDocument[] };

/** The facts of the batch's challenges and their documents, in two queries. */
export async function challengeFacts(db: EntityManager, rows: EventRow[]): Promise<Map<string, ChallengeFacts>> {
  const ids = [...new Set(rows.map((r) => r.challenge_id))];
  const facts = await challengeFactsForOpenData(db, ids);
  const documents = await readDocumentsOfSubjects(db, CHALLENGE_SUBJECT_TYPE, ids);
  return new Map(facts.map((f) => [f.id, { ...f, documents: documents.get(f.id) ?? [] }]));
}

/** A challenge document's role as an OCDS documentType (documentType codelist). */
const DOCUMENT_TYPES: Record<string, OcdsDocument['documentType']> = {
  notice: 'tenderNotice',
  technical_annex: 'technicalSpecifications',
};

/**
 * The call's files, public from its publication: `url` is the api's public download (no token;
 * the file never changes), `jiebang` its SHA-256 and size (the platform's extension).
 */
export function tenderDocuments(docs: readonly SubjectDocument[], published: string, config: OpenDataConfig): OcdsDocument[] {
  return docs
    .filter((d) => DOCUMENT_TYPES[d.role])
    .map((d) => ({
      id: d.id,
      documentType: DOCUMENT_TYPES[d.role],
      title: d.name,
      url: `${config.baseUrl}/api/v1/documents/${d.id}/content`,
      datePublished: published,
      format: d.mediaType,
      language: 'zh',
      jiebang: { sha256: d.sha256, size: d.size },
    }));
}

const ORG_KIND_NAMES: Record<string, LocalizedText> = {
  enterprise: { zh: '企业', en: 'enterprises' },
  university: { zh: '高校', en: 'universities' },
  institute: { zh: '科研院所', en: 'research institutes' },
  medical: { zh: '医疗卫生机构', en: 'medical institutions' },
  other: { zh: '其他组织', en: 'other organisations' },
};

/** In the release's language (`zh`) and its English variant (OCDS `<field>_en`). */
export function eligibilityText(e: ChallengeFacts['eligibility']): LocalizedText {
  const kinds = (e.orgKinds ?? []).filter((k) => (ORG_KINDS as readonly string[]).includes(k)).map((k) => ORG_KIND_NAMES[k]);
  const zh = `可申报主体：${kinds.map((k) => k.zh).join('、')}。`;
  const en = `Eligible applicants: ${kinds.map((k) => k.en).join(', ')}.`;
  if (!e.consortiumAllowed) return { zh: `${zh}不接受联合体申报。`, en: `${en} No consortia.` };
  return {
    zh: `${zh}允许组建创新联合体，最多 ${e.maxMembers} 家成员。`,
    en: `${en} Consortia allowed, at most ${e.maxMembers} members.`,
  };
}

/** How bids are judged, with the challenge's track and industry (names from the taxonomy). */
function awardCriteriaText(row: ChallengeFacts): LocalizedText {
  const track = TRACKS[row.track as keyof typeof TRACKS];
  const industry = INDUSTRIES[row.industry as keyof typeof INDUSTRIES];
  return {
    zh:
      '评审专家按公布的评审标准打分，择优确定揭榜方。' +
      (track ? `支持方向：${track.zh}。` : '') +
      (industry ? `产业：${industry.zh}。` : ''),
    en:
      'Scored by a review panel against published criteria; the best-ranked bids are awarded.' +
      (track ? ` Track: ${track.en}.` : '') +
      (industry ? ` Industry: ${industry.en}.` : ''),
  };
}

const SUBMISSION: LocalizedText = {
  zh: '通过平台提交密封的电子申报材料，截止时间过后方可开启。',
  en: 'Sealed electronic bids through the platform; contents are opened only after the deadline.',
};

/**
 * In Chinese only: OCDS 1.1 has no language variant for procurementMethodDetails; the mechanism's
 * code is in `tender.jiebang.mechanism` for readers of other languages.
 */
function mechanismDetails(row: ChallengeFacts): string {
  const m = MECHANISMS[row.mechanism as keyof typeof MECHANISMS];
  const name = m ? m.zh : row.mechanism;
  if (row.mechanism !== 'horse_race') return name;
  const stages = row.stages?.length ? `，设 ${row.stages.length} 个阶段关口` : '';
  return `${name}：最多 ${row.parallel_slots} 个团队并行支持${stages}`;
}

function classification(row: ChallengeFacts): Tender['jiebang'] {
  return {
    industry: row.industry,
    ...(row.secondary_industry ? { secondaryIndustry: row.secondary_industry } : {}),
    ...(row.field ? { field: row.field } : {}),
    mechanism: row.mechanism,
    track: row.track,
    ...(row.zone ? { zone: row.zone } : {}),
    parallelSlots: row.parallel_slots,
    ...(row.objectives?.length
      ? { objectives: row.objectives.map(({ metric, target, unit }) => ({ metric, target, unit })) }
      : {}),
  };
}

/** The deadline as the entry recorded it (the ledger is the history; the row only knows the latest). */
function deadlineOf(row: EventRow): string | undefined {
  const d = row.after?.bidDeadline;
  return typeof d === 'string' ? iso(d) : undefined;
}

const publishedAt = (row: EventRow): string | undefined =>
  typeof row.after?.publishedAt === 'string' ? iso(row.after.publishedAt) : (row.published_at ?? undefined);

export const tenderBuilder: ReleaseBuilder<Map<string, ChallengeFacts>> = {
  name: 'tender',
  actions: ['challenge.published'],
  prefetch: challengeFacts,
  build(event, facts, config): ReleaseBody | null {
    const row = facts.get(event.challenge_id);
    if (!row) return null;
    const start = publishedAt(event) ?? event.recorded_at;
    const criteria = awardCriteriaText(row);
    const eligibility = eligibilityText(row.eligibility);
    const documents = tenderDocuments(row.documents ?? [], start, config);
    return {
      tag: ['tender'],
      date: start,
      tender: {
        id: event.challenge_id,
        title: row.title,
        description: row.summary,
        status: 'active',
        value: cny(row.budget_fen),
        procurementMethod: 'open',
        procurementMethodDetails: mechanismDetails(row),
        mainProcurementCategory: 'services',
        awardCriteria: 'ratedCriteria',
        awardCriteriaDetails: criteria.zh,
        awardCriteriaDetails_en: criteria.en,
        submissionMethod: ['electronicSubmission'],
        submissionMethodDetails: SUBMISSION.zh,
        submissionMethodDetails_en: SUBMISSION.en,
        tenderPeriod: { startDate: start, endDate: deadlineOf(event) },
        contractPeriod: { endDate: row.project_ends_at },
        eligibilityCriteria: eligibility.zh,
        eligibilityCriteria_en: eligibility.en,
        procuringEntity: referenceOf(buyerParty(event)),
        hasEnquiries: false,
        ...(documents.length ? { documents } : {}),
        jiebang: classification(row),
      },
    };
  },
};

function amendment(row: EventRow, rationale: string, description: string): Amendment {
  return { id: row.entry_id, date: row.recorded_at, rationale, description };
}

export const deadlineAmendmentBuilder: ReleaseBuilder<void> = {
  name: 'tenderAmendment.deadline',
  actions: ['challenge.deadline_extended'],
  build(row): ReleaseBody | null {
    const to = deadlineOf(row);
    if (!to) return null;
    const from = typeof row.before?.bidDeadline === 'string' ? iso(row.before.bidDeadline) : undefined;
    const reason = typeof row.after?.reason === 'string' && row.after.reason ? row.after.reason : null;
    return {
      tag: ['tenderAmendment'],
      tender: {
        id: row.challenge_id,
        status: 'active',
        tenderPeriod: { ...(publishedAt(row) ? { startDate: publishedAt(row) } : {}), endDate: to },
        amendments: [amendment(row, reason ?? '截止时间延长', `投标截止时间：${from ?? '—'} → ${to}`)],
      },
    };
  },
};

/**
 * A published answer: an enquiry of the Enquiries extension, tagged `tenderUpdate` as the extension
 * recommends. The enquiry's id is the question's; the asker is never named (questions are
 * anonymous to everyone), and the answer's date is the ledger entry's.
 */
export const answerEnquiryBuilder: ReleaseBuilder<void> = {
  name: 'tenderUpdate.enquiry',
  actions: ['question.answered'],
  build(row): ReleaseBody | null {
    const q = row.after?.question;
    const a = row.after?.answer;
    if (typeof a !== 'string') return null;
    return {
      tag: ['tenderUpdate'],
      tender: {
        id: row.challenge_id,
        hasEnquiries: true,
        enquiries: [
          {
            id: row.subject_id,
            ...(typeof q === 'string' ? { description: q } : {}),
            answer: a,
            dateAnswered: row.recorded_at,
          },
        ],
      },
    };
  },
};

/** At the deadline: how many bids were received (a count; never who or what). */
export const closedBuilder: ReleaseBuilder<Map<string, number>> = {
  name: 'tenderUpdate.closed',
  actions: ['challenge.closed'],
  async prefetch(db: EntityManager, rows: EventRow[]) {
    // Bids cannot be submitted, replaced or withdrawn after the deadline, so this count is final
    // by the time the challenge closes and the release says the same thing every time.
    const counted = await liveBidCountsForOpenData(db, [...new Set(rows.map((r) => r.challenge_id))]);
    return new Map(counted.map((c) => [c.challenge_id, c.n]));
  },
  build(row, counts): ReleaseBody {
    return {
      tag: ['tenderUpdate'],
      tender: {
        id: row.challenge_id,
        status: 'active',
        tenderPeriod: {
          ...(publishedAt(row) ? { startDate: publishedAt(row) } : {}),
          ...(deadlineOf(row) ? { endDate: deadlineOf(row) } : {}),
        },
        numberOfTenderers: counts.get(row.challenge_id) ?? 0,
      },
    };
  },
};

export const cancellationBuilder: ReleaseBuilder<void> = {
  name: 'tenderCancellation',
  actions: ['challenge.cancelled'],
  build(row): ReleaseBody {
    const reason = typeof row.after?.reason === 'string' && row.after.reason ? row.after.reason : null;
    return {
      tag: ['tenderCancellation'],
      tender: {
        id: row.challenge_id,
        status: 'cancelled',
        ...(reason ? { amendments: [amendment(row, reason, '榜单取消')] } : {}),
      },
    };
  },
};

export const TENDER_BUILDERS: ReleaseBuilder<any>[] = [
  tenderBuilder,
  deadlineAmendmentBuilder,
  answerEnquiryBuilder,
  closedBuilder,
  cancellationBuilder,
];
