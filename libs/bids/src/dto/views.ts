import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BID_STATUSES, type BidStatus } from '../bid.entity';
import type { ApproachInput, ConsortiumRole } from '../bid-rules';
import { TIE_BREAK_ORDER, type TieBreakStep } from '../ranking';
import { MemberConsentView } from './consent';

export class ApproachView {
  @ApiProperty() metric: string;
  @ApiProperty() plan: string;
}

export class ProposalView {
  @ApiProperty() text: string;
  @ApiProperty({ type: [ApproachView], nullable: true, description: 'null when the proposal was sent as plain text.' })
  approach: ApproachInput[] | null;
}

export class ConsortiumEntryView {
  @ApiProperty() creditCode: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'The organisation’s registered name.' }) organizationName: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: ConsortiumRole;
  @ApiProperty() sharePercent: number;
}

export class MilestoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty() title: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() deliverable: string;
  @ApiProperty() trancheFen: number;
}

export class ReceiptView {
  @ApiProperty({ example: 'sha-256' }) algorithm: 'sha-256';
  @ApiProperty({ example: 'RFC 8785 (JCS)' }) canonicalization: string;
  @ApiProperty({ description: 'hex SHA-256 of the canonical bid (see libs/bids/src/receipt.ts).' }) hash: string;
  @ApiProperty({ description: 'The server (database) time the bid was stored; part of the hashed document.' }) serverTime: string;
}

export class BidDocumentView {
  @ApiProperty({ format: 'uuid', description: 'Download: GET /documents/{id}/content.' }) id: string;
  @ApiProperty({ enum: ['application', 'commitment', 'qualification', 'budget', 'other'] }) role: string;
  @ApiProperty() name: string;
  @ApiProperty() mediaType: string;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ description: 'hex SHA-256 of the file (covered by the receipt).' }) sha256: string;
}

export class BidView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: BID_STATUSES }) status: BidStatus;
  @ApiProperty() totalInvestmentFen: number;
  @ApiProperty() requestedFundingFen: number;
  @ApiProperty({ type: ProposalView }) proposal: ProposalView;
  @ApiProperty({ type: [ConsortiumEntryView], description: '[] when the organisation bids alone.' })
  consortium: ConsortiumEntryView[];
  @ApiProperty({ type: [MilestoneView] }) milestones: MilestoneView[];
  @ApiProperty({ type: [BidDocumentView], description: 'The current version’s files, in order ([] when none).' })
  documents: BidDocumentView[];
  @ApiProperty() receiptHash: string;
  @ApiProperty({ type: ReceiptView }) receipt: ReceiptView;
  @ApiProperty() revision: number;
  @ApiProperty() submittedAt: string;
  @ApiPropertyOptional({ nullable: true }) withdrawnAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['consortium_consent_missing'],
    description: 'Null when the team withdrew it; consortium_consent_missing when the close did not open it.',
  })
  withdrawnReason: 'consortium_consent_missing' | null;
  @ApiProperty({
    type: [MemberConsentView],
    description:
      'Each consortium member’s consent ([] without a consortium). The bid is opened at the deadline only if all accepted.',
  })
  consents: MemberConsentView[];
  @ApiProperty({ enum: ['complete', 'pending', 'declined'], description: 'The consortium’s consent in one word.' })
  consortiumConsent: 'complete' | 'pending' | 'declined';
  @ApiProperty() updatedAt: string;
}

export class BidListView {
  @ApiProperty({ type: [BidView], description: 'Empty for anyone who may only know how many bids there are.' })
  items: BidView[];
  @ApiProperty({ description: 'How many live (not withdrawn) bids the challenge has.' })
  count: number;
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class CriterionLabelView {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

export class CriterionView {
  @ApiProperty({ description: 'The stable id score sheets and the ranking refer to; not for people to read.' }) key: string;
  @ApiProperty({ nullable: true, type: String, description: 'The name the agency gave it (null: none given).' })
  name: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({
    type: CriterionLabelView,
    description: 'What to show, per language: the name given, else the default criteria’s built-in name, else the key.',
  })
  label: CriterionLabelView;
  @ApiProperty() weight: number;
  @ApiProperty() minScore: number;
}

export class CriteriaView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiProperty({ description: 'false while the defaults apply.' }) custom: boolean;
}

export class ReviewerView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty() assignedAt: string;
}

export class ReviewerListView {
  @ApiProperty({ type: [ReviewerView] }) items: ReviewerView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}

export class ConflictView {
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() reason: string;
  @ApiProperty() declaredAt: string;
}

export class ScoreView {
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) scores: Record<string, number>;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() revision: number;
  @ApiProperty() updatedAt: string;
}

export class MyScoreSheetView {
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'criterion key → score' })
  scores: Record<string, number>;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() revision: number;
  @ApiProperty() updatedAt: string;
}

export class MyConflictView {
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() reason: string;
  @ApiProperty() declaredAt: string;
}

export class MyScoresView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ nullable: true, type: String, description: 'Set once the panel has closed: the sheets can no longer change.' })
  panelClosedAt: string | null;
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiProperty({
    type: [MyScoreSheetView],
    description: 'The caller’s own sheets, one per bid they scored (none before the deadline).',
  })
  sheets: MyScoreSheetView[];
  @ApiProperty({
    type: [MyConflictView],
    description: 'The conflicts of interest the caller declared (none before the deadline).',
  })
  conflicts: MyConflictView[];
}

export class PanelView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() reviewers: number;
  @ApiProperty() bids: number;
  @ApiProperty() scores: number;
}

export class RankedBidView {
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'The bidding (lead) organisation’s registered name.' }) organizationName: string;
  @ApiProperty() rank: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Weighted score (z units with normalize=z), 4 decimals.' }) score:
    number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } }) scores: Record<
    string,
    number | null
  >;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } }) rawScores: Record<
    string,
    number | null
  >;
  @ApiProperty() eligible: boolean;
  @ApiProperty({ type: [String] }) failedCriteria: string[];
  @ApiProperty() reviewers: number;
  @ApiProperty({ enum: BID_STATUSES }) status: BidStatus;
  @ApiProperty() requestedFundingFen: number;
  @ApiProperty() submittedAt: string;
}

export class RankingView {
  @ApiProperty({ type: [RankedBidView], description: 'Best first.' }) items: RankedBidView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
  @ApiProperty({ enum: ['none', 'z'] }) normalize: 'none' | 'z';
  @ApiProperty({ type: [CriterionView] }) criteria: CriterionView[];
  @ApiProperty() panelClosed: boolean;
  @ApiProperty({ description: 'The tie-break rule, in English words.' }) tieBreak: string;
  @ApiProperty({
    enum: TIE_BREAK_ORDER,
    enumName: 'TieBreakStep',
    isArray: true,
    description: 'The tie-break steps, best first, as codes a client words in its own language.',
  })
  tieBreakOrder: TieBreakStep[];
}

export class ShortlistView {
  @ApiProperty({ type: [String] }) shortlisted: string[];
}
