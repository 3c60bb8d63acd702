import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProjectsService, documentIdsOf, projectDocumentView, setMilestoneStatus } from '@app/awards';
import { AuditService } from '@app/audit';
import { AuthUser } from '@app/common/auth';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, forbidden, notFound } from '@app/common/domain-error';
import { FundingPolicy } from '@app/funding-rules';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { ReviewDto, SubmissionDto } from './dto/milestones.dto';
import { assertCanSubmit, assertWithinGrant, reviewOutcome } from './milestone-rules';
import { MILESTONES_SETTINGS, MilestonesSettings } from './milestones-settings';
import { fen, fenOrNull, iso } from '@app/database';
import { attachDocuments, readDocumentsOfSubjects, readSubjectDocuments } from '@app/documents';
import { SUBMISSION_DOCUMENTS } from './documents/milestone-documents.access';
import { LockedProject, MilestoneRow, lockMilestone, lockProject } from './locks';
import { disbursementLedgerOf, scheduleDisbursement, scheduledFenOfProject } from './repositories/disbursements.repository';
import { endGracePeriod, grantGracePeriod } from './repositories/grace-periods.repository';
import {
  decidePendingSubmission,
  insertSubmission,
  nextAttempt,
  submissionsOf,
} from './repositories/milestone-submissions.repository';
import { insertNotice } from './repositories/notifications.repository';
import { SweepService } from './sweep.service';
import { NoticeMailScheduler } from './mail/notice-mail-scheduler';

/**
 * Submissions, reviews and disbursements (scheduling and reading); plan changes are in
 * ChangeRequestsService. Every write runs
 * in one transaction with its audit entry; jobs are scheduled after the commit (`trySchedule`: if
 * Redis is away the reconcile job schedules them from the rows).
 */
@Injectable()
export class MilestonesService {
  private readonly logger = new Logger(MilestonesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly audit: AuditService,
    private readonly policy: FundingPolicy,
    private readonly scheduler: JobScheduler,
    private readonly sweep: SweepService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MILESTONES_SETTINGS) private readonly settings: MilestonesSettings,
    private readonly mails: NoticeMailScheduler,
  ) {}

  async submit(projectId: string, milestoneId: string, dto: SubmissionDto, user: AuthUser) {
    const result = await this.dataSource.transaction(async (em) => {
      const { access } = await this.projects.access(projectId, user, em);
      if (access !== 'team') throw forbidden('milestones.team_only', 'Only the project’s team submits milestone reports.');
      const project = await lockProject(em, projectId);
      const m = await lockMilestone(em, projectId, milestoneId);
      assertCanSubmit({ status: m.status, dueAt: m.due_at }, m.now, this.settings.graceMs, project.status);
      const attempt = await nextAttempt(em, milestoneId);
      const s = await insertSubmission(em, {
        milestoneId,
        projectId,
        attempt,
        report: dto.report,
        achieved: dto.achieved ?? [],
        attachments: dto.attachments ?? [],
        submittedBy: user.id,
      });
      // Attached in this transaction: the submission is written with its evidence files or not at all.
      await attachDocuments(em, {
        ...SUBMISSION_DOCUMENTS,
        documentIds: documentIdsOf(dto.documents),
        subjectId: s.id,
        by: user,
      });
      const documents = (await readSubjectDocuments(em, SUBMISSION_DOCUMENTS.subjectType, s.id)).map(projectDocumentView);
      await setMilestoneStatus(em, milestoneId, 'submitted');
      await endGracePeriod(em, milestoneId);
      await this.audit.record(em, {
        challengeId: project.challenge_id,
        actorId: user.id,
        action: 'milestone.submitted',
        subjectType: 'milestone',
        subjectId: milestoneId,
        before: { status: m.status },
        after: {
          status: 'submitted',
          submissionId: s.id,
          attempt,
          attachments: (dto.attachments ?? []).map((a) => ({ name: a.name, sha256: a.sha256 })),
          documents: documents.map((d) => ({ id: d.id, name: d.name, sha256: d.sha256 })),
        },
        public: false,
      });
      return {
        id: s.id,
        milestoneId,
        projectId,
        attempt,
        status: 'submitted' as const,
        submittedAt: s.submitted_at.toISOString(),
        documents,
      };
    });
    // The review-SLA reminder is due at submittedAt + REVIEW_SLA: wake the sweep then.
    await this.sweep.wakeAt(new Date(Date.parse(result.submittedAt) + this.config.reviewSlaMs));
    return result;
  }

  async review(projectId: string, milestoneId: string, dto: ReviewDto, user: AuthUser) {
    const result = await this.dataSource.transaction(async (em) => {
      const { access } = await this.projects.access(projectId, user, em);
      if (access !== 'program_manager')
        throw forbidden('milestones.program_manager_only', 'Only the project’s program manager reviews milestones.');
      const project = await lockProject(em, projectId);
      const m = await lockMilestone(em, projectId, milestoneId);
      const trancheFen = fen(m.tranche_fen);
      const outcome = reviewOutcome(
        { status: m.status, dueAt: m.due_at, trancheFen },
        dto.decision,
        dto.reducedTrancheFen,
        m.now,
        this.settings.graceMs,
      );
      const disbursement = outcome.payFen === null ? null : await this.scheduleTranche(em, project, m, outcome.payFen, user);
      const submissionId = await this.recordDecision(em, project, m, dto, outcome, user);
      await this.audit.record(em, {
        challengeId: project.challenge_id,
        actorId: user.id,
        action: `milestone.review.${dto.decision}`,
        subjectType: 'milestone',
        subjectId: milestoneId,
        before: { status: m.status, trancheFen },
        after: {
          status: outcome.status,
          comment: dto.comment,
          payFen: outcome.payFen,
          disbursementId: disbursement?.id ?? null,
          graceEndsAt: iso(outcome.graceEndsAt),
        },
        public: outcome.payFen !== null,
      });
      return {
        milestoneId,
        projectId,
        decision: dto.decision,
        status: outcome.status,
        submissionId,
        graceEndsAt: iso(outcome.graceEndsAt),
        disbursement,
      };
    });
    if (result.disbursement)
      await this.scheduler.trySchedule(
        JobName.MilestoneDisburse,
        { milestoneId },
        { jobId: jobIds.milestoneDisburse(milestoneId), runAt: new Date(result.disbursement.scheduledFor) },
      );
    if (result.graceEndsAt) await this.sweep.wakeAt(new Date(result.graceEndsAt));
    // A rejection told the team (a notice, committed now): its mail job.
    if (dto.decision === 'reject') await this.mails.scheduleAbout(milestoneId);
    return result;
  }

  /** Accept / partial: the tranche is scheduled, within the grant and the funding rule counting what is paid or scheduled. */
  private async scheduleTranche(em: EntityManager, project: LockedProject, m: MilestoneRow, payFen: number, user: AuthUser) {
    if (project.status === 'terminated')
      throw conflict('milestones.project_terminated', 'The project is terminated; no more tranches are paid.');
    // What the project has paid or will pay: paid_fen plus disbursements still scheduled.
    const committed = fen(project.paid_fen) + fen(await scheduledFenOfProject(em, project.id));
    assertWithinGrant({ grantedFen: fen(project.granted_fen), paidFen: committed }, payFen);
    await this.policy.assertForProject(em, project, {
      baseFen: fen(project.total_investment_fen),
      requestedFen: payFen,
      alreadyGrantedFen: committed,
      date: project.created_at,
    });
    const d = await scheduleDisbursement(em, {
      projectId: project.id,
      milestoneId: m.id,
      challengeId: project.challenge_id,
      amountFen: payFen,
      delayMs: this.config.disbursementDelayMs,
      createdBy: user.id,
    });
    if (!d) throw conflict('milestones.already_disbursed', 'This milestone already has a disbursement.');
    return { id: d.id, amountFen: payFen, scheduledFor: d.scheduled_for.toISOString() };
  }

  /** The submission's decision, the milestone's new status, its grace period, and (on a rejection) the team's notice. */
  private async recordDecision(
    em: EntityManager,
    project: LockedProject,
    m: MilestoneRow,
    dto: ReviewDto,
    outcome: ReturnType<typeof reviewOutcome>,
    user: AuthUser,
  ): Promise<string | null> {
    const submissionId = await decidePendingSubmission(em, m.id, {
      decision: dto.decision,
      comment: dto.comment,
      reducedTrancheFen: dto.decision === 'partial' ? (dto.reducedTrancheFen ?? null) : null,
      decidedBy: user.id,
    });
    await setMilestoneStatus(em, m.id, outcome.status);
    if (outcome.graceEndsAt) await grantGracePeriod(em, m.id, outcome.graceEndsAt);
    if (dto.decision === 'reject')
      await insertNotice(em, {
        event: {
          kind: 'milestone.rejected',
          params: { milestoneId: m.id, milestoneTitle: m.title, dueAt: m.due_at.toISOString(), comment: dto.comment },
        },
        subjectId: submissionId ?? m.id,
        recipientOrganizationId: project.organization_id,
        projectId: project.id,
        dueAt: m.due_at,
      });
    return submissionId ?? null;
  }

  async submissions(projectId: string, milestoneId: string, user: AuthUser) {
    await this.projects.access(projectId, user);
    const rows = await submissionsOf(this.dataSource.manager, projectId, milestoneId);
    const documents = await readDocumentsOfSubjects(
      this.dataSource.manager,
      SUBMISSION_DOCUMENTS.subjectType,
      rows.map((s) => s.id),
    );
    return {
      items: rows.map((s) => ({
        id: s.id,
        attempt: s.attempt,
        report: s.report,
        achieved: s.achieved,
        attachments: s.attachments,
        documents: (documents.get(s.id) ?? []).map(projectDocumentView),
        submittedBy: s.submitted_by,
        submittedAt: iso(s.submitted_at),
        decision: s.decision,
        comment: s.comment,
        reducedTrancheFen: fenOrNull(s.reduced_tranche_fen),
        decidedAt: iso(s.decided_at),
      })),
      nextCursor: null,
    };
  }

  async disbursements(projectId: string, user: AuthUser) {
    await this.projects.access(projectId, user);
    const r = await disbursementLedgerOf(this.dataSource.manager, projectId);
    if (!r) throw notFound('projects.not_found', `No project ${projectId}.`);
    return {
      projectId,
      grantedFen: fen(r.granted_fen),
      paidFen: fen(r.paid_fen),
      items: r.items.map((d) => ({
        id: d.id,
        milestoneId: d.milestoneId,
        milestoneSeq: d.seq,
        milestoneTitle: d.title,
        amountFen: fen(d.amountFen),
        status: d.status,
        scheduledFor: iso(d.scheduledFor),
        paidAt: iso(d.paidAt),
        reason: d.reason,
      })),
      nextCursor: null,
    };
  }
}
