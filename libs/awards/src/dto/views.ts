import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MILESTONE_STATUSES, type MilestoneStatus } from '../project-milestone.entity';
import { OBJECTION_STATUSES, type ObjectionStatus } from '../project-objection.entity';
import { PROJECT_STATUSES, type ProjectStatus } from '../project.entity';
import type { GatePhase } from '../gate-publicity-rules';
import { ProjectDocumentView } from '../documents/project-documents';

/** A milestone in a list: the project's next one, a gate's evidence, a portfolio's due and overdue ones. */
export class MilestoneSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty() title: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: string;
  @ApiProperty() trancheFen: number;
}

export class ProjectMilestoneView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: number;
  @ApiProperty() title: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() deliverable: string;
  @ApiProperty({ enum: MILESTONE_STATUSES }) status: MilestoneStatus;
  @ApiProperty({ description: 'The tranche paid when the milestone is met, scaled to the award.' }) trancheFen: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Horse race: the 0-based stage the milestone falls in.' })
  stageIndex: number | null;
}

export class ProjectConsortiumView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'The organisation’s registered name.' }) organizationName: string;
  @ApiProperty() creditCode: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: 'lead' | 'member';
  @ApiProperty() sharePercent: number;
}

export class ProjectView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'The lead organisation’s registered name.' }) organizationName: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The award (granted), fen.' }) amountFen: number;
  @ApiProperty({ description: 'Paid so far by disbursements, fen.' }) paidFen: number;
  @ApiProperty({ description: 'The tightest per-project limit at award time (rule rate × base, rule cap, per-award maximum).' })
  capFen: number;
  @ApiProperty() ruleId: string;
  @ApiProperty({ enum: PROJECT_STATUSES }) status: ProjectStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) programManagerId: string | null;
  @ApiProperty({ description: 'Horse race: stage gates passed.' }) stageReached: number;
  @ApiProperty() publicityEndsAt: string;
  @ApiProperty({ type: [ProjectConsortiumView] }) consortium: ProjectConsortiumView[];
  @ApiProperty({ type: [ProjectMilestoneView] }) milestones: ProjectMilestoneView[];
  @ApiProperty() createdAt: string;
}

export class ProjectSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() title: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty({ enum: PROJECT_STATUSES }) status: ProjectStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) programManagerId: string | null;
  @ApiProperty() stageReached: number;
  @ApiProperty() publicityEndsAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() challengeTitle: string;
  @ApiProperty({ enum: ['open_call', 'horse_race'] }) mechanism: string;
  @ApiProperty({ description: 'The lead organisation’s registered name.' }) organizationName: string;
  @ApiProperty({
    nullable: true,
    type: MilestoneSummaryView,
    description: 'The open milestone (scheduled, submitted or overdue) due first; null when none is open.',
  })
  nextMilestone: MilestoneSummaryView | null;
}

export class ProjectPage {
  @ApiProperty({ type: [ProjectSummaryView] }) items: ProjectSummaryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class PublicResultView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() title: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ description: 'The award (granted), fen.' }) amountFen: number;
  @ApiProperty({ description: 'Paid so far by disbursements, fen.' }) paidFen: number;
  @ApiProperty({ enum: PROJECT_STATUSES }) status: ProjectStatus;
  @ApiProperty({ description: 'Horse race: stage gates passed (0 for an open call).' }) stageReached: number;
  @ApiProperty({ description: 'When the publicity period (公示) ends.' }) publicityEndsAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Status merged: the consortium project it was merged into at a gate (强强联合).',
  })
  mergedInto: string | null;
}

export class PublicResultsView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The challenge’s awarded total, fen (money returned by upheld objections excluded).' })
  awardedFen: number;
  @ApiProperty({ description: 'Paid so far on the challenge’s projects, fen.' }) paidFen: number;
  @ApiProperty({ type: [PublicResultView] }) items: PublicResultView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FinishAwardingView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ example: 'awarded' }) status: string;
  @ApiProperty() awardedCount: number;
  @ApiProperty() awardedFen: number;
  @ApiProperty({ type: [String], description: 'The bids rejected now (every bid not awarded).' }) rejectedBidIds: string[];
}

export class GateEvidenceView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: '2 per milestone of the stage met, 1 per partially met.' }) points: number;
  @ApiProperty({ type: [MilestoneSummaryView] }) milestones: MilestoneSummaryView[];
}

export class CancelledTrancheView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) milestoneId: string;
  @ApiProperty() trancheFen: number;
}

export class GatePreviewView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: '1-based stage number.' }) stage: number;
  @ApiProperty() stageName: string;
  @ApiProperty() advancingSlots: number;
  @ApiProperty() endsAt: string;
  @ApiProperty({ description: 'The stage has ended (database clock): the gate may run.' }) ended: boolean;
  @ApiProperty({ description: 'This gate has run already (GET …/gate has its result).' }) gateRun: boolean;
  @ApiProperty({ description: 'An earlier gate has not run yet.' }) previousGatePending: boolean;
  @ApiProperty({ description: 'An earlier gate has run but is not final yet (in publicity or held by an objection).' })
  previousGateNotFinal: boolean;
  @ApiProperty({
    type: [GateEvidenceView],
    description: 'Every project still in the race, best first, as the gate would see it now.',
  })
  evidence: GateEvidenceView[];
  @ApiProperty() tieRule: string;
}

/** A gate's result; GET also answers for a gate not run yet (`run: false`, `id` and `decidedAt` null, empty lists). */
export class GateView {
  @ApiProperty({
    description:
      'Whether the gate has run. false: not yet (GET only), no decision — `id` and `decidedAt` are null, the lists empty.',
  })
  run: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id: string | null;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: '1-based stage number.' }) stage: number;
  @ApiProperty() stageName: string;
  @ApiProperty() advancingSlots: number;
  @ApiProperty({ type: [String] }) advancing: string[];
  @ApiProperty({ type: [String] }) eliminated: string[];
  @ApiProperty({ type: [GateEvidenceView], description: 'Every project in the race at this gate, best first.' })
  evidence: GateEvidenceView[];
  @ApiPropertyOptional({ nullable: true, type: String }) tieBreakReason: string | null;
  @ApiProperty() tieRule: string;
  @ApiProperty({ type: [CancelledTrancheView], description: 'The eliminated projects’ milestones cancelled (unpaid).' })
  cancelled: CancelledTrancheView[];
  @ApiProperty({ nullable: true, type: String, description: 'When it ran; null when `run` is false.' }) decidedAt: string | null;
  @ApiProperty({
    enum: ['not_run', 'in_publicity', 'held', 'final'],
    description:
      'in_publicity: published (公示期) until publicityEndsAt, nothing of the stop has taken effect; held: the period is over but an ' +
      'objection is open; final: stopped projects are eliminated and their undecided milestones cancelled.',
  })
  phase: 'not_run' | GatePhase;
  @ApiProperty({ nullable: true, type: String, description: 'End of the publicity period; null when `run` is false.' })
  publicityEndsAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the result became final; null until then.' })
  finalisedAt: string | null;
}

export class GateObjectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) gateId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: OBJECTION_STATUSES }) status: ObjectionStatus;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resolutionComment: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({
    type: [ProjectDocumentView],
    description: 'Its documents (role "attachment"): readable by the objector’s organisation, the challenge’s agency and admins.',
  })
  documents: ProjectDocumentView[];
}

export class GateObjectionPage {
  @ApiProperty({ type: [GateObjectionView] }) items: GateObjectionView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class GateResolutionView {
  @ApiProperty({ type: GateObjectionView }) objection: GateObjectionView;
  @ApiProperty({ type: GateView, description: 'The gate after the resolution (final if it was the last thing holding it).' })
  gate: GateView;
}

export class ObjectionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: OBJECTION_STATUSES }) status: ObjectionStatus;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resolutionComment: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({
    type: [ProjectDocumentView],
    description: 'Its documents (role "attachment"): readable by the objector’s organisation, the challenge’s agency and admins.',
  })
  documents: ProjectDocumentView[];
}

export class ResolutionView {
  @ApiProperty({ type: ObjectionView }) objection: ObjectionView;
  @ApiProperty({ enum: PROJECT_STATUSES }) projectStatus: ProjectStatus;
  @ApiProperty({ description: 'Money returned to the challenge’s budget (upheld), fen.' }) returnedFen: number;
  @ApiProperty() challengeAwardedFen: number;
  @ApiProperty() challengeAwardedCount: number;
}

export class ObjectionPage {
  @ApiProperty({ type: [ObjectionView] }) items: ObjectionView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
