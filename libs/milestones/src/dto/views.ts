import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MILESTONE_STATUSES, MilestoneSummaryView, PROJECT_STATUSES, ProjectDocumentView } from '@app/awards';
import { NOTIFICATION_KINDS } from '../notifications/notification-wording';

/**
 * Response shapes of the milestones library, for the OpenAPI document (and so for the web app's
 * typed client). The services build plain objects; these classes only describe them.
 */

const DECISIONS = ['accept', 'reject', 'partial'];
const HEALTH = ['on_track', 'at_risk', 'late'];

export class AchievedView {
  @ApiProperty() metric: string;
  @ApiProperty() value: number;
}

export class AttachmentView {
  @ApiProperty() name: string;
  @ApiProperty() sha256: string;
  @ApiProperty() url: string;
}

export class SubmittedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: ['submitted'] }) status: 'submitted';
  @ApiProperty() submittedAt: string;
  @ApiProperty({ type: [ProjectDocumentView], description: 'The evidence files attached (role "evidence").' })
  documents: ProjectDocumentView[];
}

export class SubmissionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() attempt: number;
  @ApiProperty() report: string;
  @ApiProperty({ type: [AchievedView] }) achieved: AchievedView[];
  @ApiProperty({ type: [AttachmentView], description: 'Evidence as links (name, hash, URL), as given.' })
  attachments: AttachmentView[];
  @ApiProperty({
    type: [ProjectDocumentView],
    description: 'Evidence files (role "evidence"): readable by whoever may see the project.',
  })
  documents: ProjectDocumentView[];
  @ApiProperty({ format: 'uuid' }) submittedBy: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ enum: DECISIONS, nullable: true, type: String }) decision: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: Number }) reducedTrancheFen: number | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
}

export class SubmissionListView {
  @ApiProperty({ type: [SubmissionView] }) items: SubmissionView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ScheduledDisbursementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() scheduledFor: string;
}

export class ReviewResultView {
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: DECISIONS }) decision: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) submissionId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'After a reject: until when the team may resubmit.' })
  graceEndsAt: string | null;
  @ApiProperty({ nullable: true, type: ScheduledDisbursementView }) disbursement: ScheduledDisbursementView | null;
}

export class DisbursementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty() milestoneSeq: number;
  @ApiProperty() milestoneTitle: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ enum: ['scheduled', 'paid', 'cancelled', 'blocked'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) scheduledFor: string | null;
  @ApiProperty({ nullable: true, type: String }) paidAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class DisbursementListView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() grantedFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty({ type: [DisbursementView] }) items: DisbursementView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ChangeRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The due date asked for (null: unchanged).' })
  dueAt: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The tranche asked for (null: unchanged).' })
  trancheFen: number | null;
  @ApiProperty({
    type: [ProjectDocumentView],
    description: 'Supporting files (role "attachment"): readable by whoever may see the project.',
  })
  documents: ProjectDocumentView[];
}

export class ChangeRequestDetailView extends ChangeRequestView {
  @ApiProperty() milestoneSeq: number;
  @ApiProperty() milestoneTitle: string;
  @ApiProperty({ description: 'The milestone’s due date now.' }) currentDueAt: string;
  @ApiProperty({ description: 'The milestone’s tranche now.' }) currentTrancheFen: number;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

export class ChangeRequestListView {
  @ApiProperty({ type: [ChangeRequestDetailView] }) items: ChangeRequestDetailView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ChangeDecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: ['approved', 'rejected'] }) status: string;
  @ApiProperty() dueAt: string;
}

export class PortfolioItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'The lead organisation’s registered name.' }) organizationName: string;
  @ApiProperty() industry: string;
  @ApiProperty({ enum: PROJECT_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) programManagerId: string | null;
  @ApiProperty() grantedFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty({ description: 'Accepted tranches not paid yet.' }) scheduledFen: number;
  @ApiProperty({ nullable: true, type: MilestoneSummaryView }) nextMilestone: MilestoneSummaryView | null;
  @ApiProperty({ type: [MilestoneSummaryView] }) dueNext30Days: MilestoneSummaryView[];
  @ApiProperty({ type: [MilestoneSummaryView] }) overdue: MilestoneSummaryView[];
  @ApiProperty({ type: [MilestoneSummaryView] }) awaitingReview: MilestoneSummaryView[];
  @ApiProperty({ enum: HEALTH }) health: string;
}

export class PortfolioTotalsView {
  @ApiProperty() projects: number;
  @ApiProperty() grantedFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty() onTrack: number;
  @ApiProperty() atRisk: number;
  @ApiProperty() late: number;
  @ApiProperty() awaitingReview: number;
}

export class MoneyPointView {
  @ApiProperty({ example: '2026-11', description: 'A calendar month in Asia/Shanghai.' }) month: string;
  @ApiProperty({ description: 'Granted by the end of the month (cumulative).' }) grantedFen: number;
  @ApiProperty({
    description: 'Tranches falling due by the end of the month (cumulative): milestones neither cancelled nor judged not met.',
  })
  scheduledFen: number;
  @ApiProperty({ description: 'Paid by the end of the month (cumulative).' }) paidFen: number;
}

export class PortfolioView {
  @ApiProperty({ type: [PortfolioItemView] }) items: PortfolioItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({
    type: PortfolioTotalsView,
    description: 'The whole portfolio under status and challengeId, every page and before the health filter.',
  })
  totals: PortfolioTotalsView;
  @ApiProperty({
    type: [MoneyPointView],
    description:
      'Money granted, scheduled and paid over the same projects’ lifetime (before the health filter), cumulative, one point per ' +
      'month from the first award to the later of now and the last milestone’s due month.',
  })
  timeline: MoneyPointView[];
  @ApiProperty({ description: 'The summed budgets of the challenges these projects belong to (the chart’s budget line).' })
  budgetFen: number;
}

export class LedgerTotalsView {
  @ApiProperty() awardedFen: number;
  @ApiProperty() paidFen: number;
}

export class LedgerChallengeView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() title: string;
  @ApiProperty() industry: string;
  @ApiProperty() budgetFen: number;
  @ApiProperty() projects: number;
  @ApiProperty() awardedFen: number;
  @ApiProperty() paidFen: number;
}

export class LedgerIndustryView {
  @ApiProperty() industry: string;
  @ApiProperty() projects: number;
  @ApiProperty() awardedFen: number;
  @ApiProperty() paidFen: number;
}

export class LedgerYearView {
  @ApiProperty() year: number;
  @ApiProperty() awardedFen: number;
  @ApiProperty() paidFen: number;
}

export class LedgerView {
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({ example: 'fen' }) unit: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ type: LedgerTotalsView }) totals: LedgerTotalsView;
  @ApiProperty({ type: [LedgerChallengeView] }) byChallenge: LedgerChallengeView[];
  @ApiProperty({ type: [LedgerIndustryView] }) byIndustry: LedgerIndustryView[];
  @ApiProperty({ type: [LedgerYearView] }) byYear: LedgerYearView[];
}

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: 'disbursement.paid',
    description: `What happened: ${NOTIFICATION_KINDS.join(', ')}. The client words it in the reader's language from \`params\`.`,
  })
  kind: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { disbursementId: 'uuid', milestoneId: 'uuid', milestoneTitle: '样机验收', amountFen: 720000000 },
    description:
      'The facts of the event: amounts in fen (numbers), ids, titles, instants in ISO-8601. By kind — disbursement.paid: disbursementId, milestoneId, milestoneTitle, amountFen; milestone.rejected: milestoneId, milestoneTitle, dueAt, comment; milestone.reminder / milestone.overdue / milestone.not_met: milestoneId, milestoneTitle, projectTitle, dueAt; review.sla: submissionId, milestoneId, milestoneTitle, submittedAt; stage.gate_due: challengeId, challengeTitle, stage, stageName, endsAt. Derived from the ledger (subjectId is the ledger entry, offset the recipient) — question.asked / question.answered: challengeId, challengeTitle, questionId; review.assigned: challengeId, challengeTitle; milestone.awaiting_review: milestoneId, milestoneTitle, projectId, projectTitle, submissionId; bid.received: challengeId, challengeTitle, bidId, receiptHash, revision, submittedAt; award.granted: challengeId, challengeTitle, projectId, projectTitle, amountFen; objection.lodged / objection.decided (+ decision, comment): challengeId, challengeTitle, projectId, projectTitle, objectionId, stage (a gate objection; null for publicity); award.objected / award.objection_dismissed (+ comment) / award.revoked (+ comment) / award.final (+ activatedAt): challengeId, challengeTitle, projectId, projectTitle, amountFen; gate.result: challengeId, challengeTitle, projectId, projectTitle, stage, stageName, advanced, final; consent.requested: challengeId, challengeTitle, bidId, bidDeadline, leadOrganizationName, sharePercent; consent.accepted / consent.declined (+ reasonGiven): challengeId, challengeTitle, bidId, bidDeadline, memberOrganizationName. From the deadline sweep — bid.deadline_approaching: challengeId, challengeTitle, bidDeadline; consent.reminder: challengeId, challengeTitle, bidId, bidDeadline, leadOrganizationName, sharePercent; consent.incomplete: challengeId, challengeTitle, bidId, bidDeadline, members ([{organizationName, state}]).',
  })
  params: Record<string, unknown>;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ nullable: true, type: String }) offset: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) projectId: string | null;
  @ApiProperty({ nullable: true, type: String }) dueAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) emailedAt: string | null;
}

export class NotificationListView {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({ description: 'How many of your notifications are unread in all (whatever the page or filter).' })
  unreadCount: number;
}
