import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { ProjectsService } from '@app/awards';
import { AuthUser } from '@app/common/auth';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, forbidden, invalid, notFound } from '@app/common/domain-error';
import { FundingPolicy } from '@app/funding-rules';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { ChangeDecisionDto, ChangeRequestDto, ReviewDto, SubmissionDto } from './dto/milestones.dto';
import { MilestoneStatus, assertCanSubmit, assertPlanWithinGrant, assertWithinGrant, reviewOutcome } from './milestone-rules';
import { MILESTONES_SETTINGS, MilestonesSettings } from './milestones-settings';
import { fen, fenOrNull, iso, q } from './sql';
import { SweepService } from './sweep.service';

export interface LockedProject {
  id: string;
  challenge_id: string;
  organization_id: string;
  status: string;
  program_manager_id: string | null;
  granted_fen: string;
  paid_fen: string;
  total_investment_fen: string;
  rule_id: string;
  created_at: Date;
}

interface MilestoneRow {
  id: string;
  project_id: string;
  seq: number;
  title: string;
  due_at: Date;
  status: MilestoneStatus;
  tranche_fen: string;
  now: Date;
}

/** Lock order everywhere: the project row, then its milestone rows, then a disbursement row. */
export async function lockProject(em: EntityManager, projectId: string): Promise<LockedProject> {
  const [row] = await q<LockedProject>(
    em,
    `SELECT id, challenge_id, organization_id, status, program_manager_id, granted_fen, paid_fen, total_investment_fen, rule_id, created_at
       FROM projects WHERE id = $1 FOR UPDATE`,
    [projectId],
  );
  if (!row) throw notFound('projects.not_found', `No project ${projectId}.`);
  return row;
}

async function lockMilestone(em: EntityManager, projectId: string, milestoneId: string): Promise<MilestoneRow> {
  const [m] = await q<MilestoneRow>(
    em,
    `SELECT id, project_id, seq, title, due_at, status, tranche_fen, now() AS now FROM project_milestones WHERE id = $1 AND project_id = $2 FOR UPDATE`,
    [milestoneId, projectId],
  );
  if (!m) throw notFound('milestones.not_found', `No milestone ${milestoneId} in project ${projectId}.`);
  return m;
}

/** What a project has paid or will pay: paid_fen plus disbursements still scheduled. */
async function committedFen(em: EntityManager, project: LockedProject): Promise<number> {
  const [r] = await q<{ s: string }>(
    em,
    `SELECT coalesce(sum(amount_fen), 0)::bigint AS s FROM disbursements WHERE project_id = $1 AND status = 'scheduled'`,
    [project.id],
  );
  return fen(project.paid_fen) + fen(r.s);
}

/**
 * Submissions, reviews, disbursements (scheduling and reading) and plan changes. Every write runs
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
  ) {}

  async submit(projectId: string, milestoneId: string, dto: SubmissionDto, user: AuthUser) {
    const result = await this.dataSource.transaction(async (em) => {
      const { access } = await this.projects.access(projectId, user, em);
      if (access !== 'team') throw forbidden('milestones.team_only', 'Only the project’s team submits milestone reports.');
      const project = await lockProject(em, projectId);
      const m = await lockMilestone(em, projectId, milestoneId);
      assertCanSubmit({ status: m.status, dueAt: m.due_at }, m.now, this.settings.graceMs, project.status);
      const [{ attempt }] = await q<{ attempt: number }>(
        em,
        `SELECT coalesce(max(attempt), 0) + 1 AS attempt FROM milestone_submissions WHERE milestone_id = $1`,
        [milestoneId],
      );
      const [s] = await q<{ id: string; submitted_at: Date }>(
        em,
        `INSERT INTO milestone_submissions (milestone_id, project_id, attempt, report, achieved, attachments, submitted_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING id, submitted_at`,
        [
          milestoneId,
          projectId,
          attempt,
          dto.report,
          JSON.stringify(dto.achieved ?? []),
          JSON.stringify(dto.attachments ?? []),
          user.id,
        ],
      );
      await em.query(`UPDATE project_milestones SET status = 'submitted', updated_at = now() WHERE id = $1`, [milestoneId]);
      await em.query(`DELETE FROM milestone_grace_periods WHERE milestone_id = $1`, [milestoneId]);
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
      let disbursement: { id: string; amountFen: number; scheduledFor: string } | null = null;
      if (outcome.payFen !== null) {
        if (project.status === 'terminated')
          throw conflict('milestones.project_terminated', 'The project is terminated; no more tranches are paid.');
        const committed = await committedFen(em, project);
        // Both the grant and the funding rule, on what is paid or scheduled already.
        assertWithinGrant({ grantedFen: fen(project.granted_fen), paidFen: committed }, outcome.payFen);
        this.policy.assertRequest(project.rule_id, {
          baseFen: fen(project.total_investment_fen),
          requestedFen: outcome.payFen,
          alreadyGrantedFen: committed,
          date: project.created_at,
        });
        const [d] = await q<{ id: string; scheduled_for: Date }>(
          em,
          `INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, scheduled_for, created_by)
           VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond', $6)
           ON CONFLICT (milestone_id) DO NOTHING RETURNING id, scheduled_for`,
          [projectId, milestoneId, project.challenge_id, outcome.payFen, this.config.disbursementDelayMs, user.id],
        );
        if (!d) throw conflict('milestones.already_disbursed', 'This milestone already has a disbursement.');
        disbursement = { id: d.id, amountFen: outcome.payFen, scheduledFor: d.scheduled_for.toISOString() };
      }
      const decided = await q<{ id: string }>(
        em,
        `UPDATE milestone_submissions SET decision = $2, comment = $3, reduced_tranche_fen = $4, decided_by = $5, decided_at = now()
          WHERE milestone_id = $1 AND decision IS NULL RETURNING id`,
        [milestoneId, dto.decision, dto.comment, dto.decision === 'partial' ? dto.reducedTrancheFen : null, user.id],
      );
      await em.query(`UPDATE project_milestones SET status = $2, updated_at = now() WHERE id = $1`, [
        milestoneId,
        outcome.status,
      ]);
      if (outcome.graceEndsAt)
        await em.query(
          `INSERT INTO milestone_grace_periods (milestone_id, ends_at) VALUES ($1, $2) ON CONFLICT (milestone_id) DO UPDATE SET ends_at = EXCLUDED.ends_at`,
          [milestoneId, outcome.graceEndsAt],
        );
      if (dto.decision === 'reject')
        await em.query(
          `INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, title, body, due_at)
           VALUES ('milestone.rejected', $1, '', $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [
            decided[0]?.id ?? milestoneId,
            project.organization_id,
            projectId,
            `里程碑未通过 / Milestone rejected: ${m.title}`,
            dto.comment,
            m.due_at,
          ],
        );
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
        submissionId: decided[0]?.id ?? null,
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
    return result;
  }

  async submissions(projectId: string, milestoneId: string, user: AuthUser) {
    await this.projects.access(projectId, user);
    const rows = await q<Record<string, any>>(
      this.dataSource.manager,
      `SELECT s.* FROM milestone_submissions s JOIN project_milestones m ON m.id = s.milestone_id
        WHERE s.milestone_id = $1 AND m.project_id = $2 ORDER BY s.attempt`,
      [milestoneId, projectId],
    );
    return {
      items: rows.map((s) => ({
        id: s.id,
        attempt: s.attempt,
        report: s.report,
        achieved: s.achieved,
        attachments: s.attachments,
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
    // One statement, one snapshot: the totals and the rows always agree (a tranche paid between two
    // reads would otherwise show as paid while the total still leaves it out).
    const [r] = await q<{ granted_fen: string; paid_fen: string; items: Record<string, any>[] }>(
      this.dataSource.manager,
      `SELECT p.granted_fen, p.paid_fen,
              coalesce((SELECT json_agg(json_build_object('id', d.id, 'milestoneId', d.milestone_id, 'seq', m.seq, 'title', m.title,
                                                          'amountFen', d.amount_fen::text, 'status', d.status, 'scheduledFor', d.scheduled_for,
                                                          'paidAt', d.paid_at, 'reason', d.reason) ORDER BY d.created_at, d.id)
                          FROM disbursements d JOIN project_milestones m ON m.id = d.milestone_id WHERE d.project_id = p.id), '[]') AS items
         FROM projects p WHERE p.id = $1`,
      [projectId],
    );
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

  async changeRequests(projectId: string, user: AuthUser) {
    await this.projects.access(projectId, user);
    const rows = await q<Record<string, any>>(
      this.dataSource.manager,
      `SELECT r.*, m.seq, m.title, m.due_at AS current_due_at, m.tranche_fen AS current_tranche_fen
         FROM milestone_change_requests r JOIN project_milestones m ON m.id = r.milestone_id
        WHERE r.project_id = $1 ORDER BY (r.status = 'pending') DESC, r.created_at DESC, r.id`,
      [projectId],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        milestoneId: r.milestone_id,
        projectId: r.project_id,
        status: r.status,
        dueAt: iso(r.due_at),
        trancheFen: fenOrNull(r.tranche_fen),
        milestoneSeq: r.seq,
        milestoneTitle: r.title,
        currentDueAt: iso(r.current_due_at) as string,
        currentTrancheFen: fen(r.current_tranche_fen),
        reason: r.reason,
        requestedBy: r.requested_by,
        createdAt: iso(r.created_at) as string,
        decidedAt: iso(r.decided_at),
        comment: r.comment,
      })),
      nextCursor: null,
    };
  }

  /** The team or the program manager asks to move a due date or a tranche; the program manager decides. */
  async requestChange(projectId: string, milestoneId: string, dto: ChangeRequestDto, user: AuthUser) {
    if (dto.dueAt === undefined && dto.trancheFen === undefined)
      throw invalid('milestones.empty_change', 'A change request moves a due date, a tranche, or both.', [
        { field: 'dueAt', message: 'dueAt or trancheFen is required' },
      ]);
    return this.dataSource.transaction(async (em) => {
      const { access } = await this.projects.access(projectId, user, em);
      if (access !== 'team' && access !== 'program_manager')
        throw forbidden('milestones.change_not_allowed', 'Only the team or the program manager requests a plan change.');
      const project = await lockProject(em, projectId);
      const m = await lockMilestone(em, projectId, milestoneId);
      if (!['scheduled', 'overdue'].includes(m.status))
        throw conflict('milestones.not_open', `The milestone is ${m.status}; its plan is settled.`);
      const [cr] = await q<{ id: string; created_at: Date }>(
        em,
        `INSERT INTO milestone_change_requests (project_id, milestone_id, requested_by, due_at, tranche_fen, reason)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (milestone_id) WHERE status = 'pending' DO NOTHING RETURNING id, created_at`,
        [projectId, milestoneId, user.id, dto.dueAt ?? null, dto.trancheFen ?? null, dto.reason ?? ''],
      );
      if (!cr) throw conflict('milestones.change_pending', 'A change request for this milestone is already pending.');
      await this.audit.record(em, {
        challengeId: project.challenge_id,
        actorId: user.id,
        action: 'milestone.change_requested',
        subjectType: 'milestone',
        subjectId: milestoneId,
        before: { dueAt: iso(m.due_at), trancheFen: fen(m.tranche_fen) },
        after: { changeRequestId: cr.id, dueAt: dto.dueAt ?? null, trancheFen: dto.trancheFen ?? null },
        public: false,
      });
      return {
        id: cr.id,
        milestoneId,
        projectId,
        status: 'pending',
        dueAt: dto.dueAt ?? null,
        trancheFen: dto.trancheFen ?? null,
      };
    });
  }

  async decideChange(projectId: string, changeId: string, dto: ChangeDecisionDto, user: AuthUser) {
    const result = await this.dataSource.transaction(async (em) => {
      const { access } = await this.projects.access(projectId, user, em);
      if (access !== 'program_manager')
        throw forbidden('milestones.program_manager_only', 'Only the project’s program manager decides plan changes.');
      const project = await lockProject(em, projectId);
      const [cr] = await q<{ id: string; milestone_id: string; status: string; due_at: Date | null; tranche_fen: string | null }>(
        em,
        `SELECT id, milestone_id, status, due_at, tranche_fen FROM milestone_change_requests WHERE id = $1 AND project_id = $2 FOR UPDATE`,
        [changeId, projectId],
      );
      if (!cr) throw notFound('milestones.change_not_found', `No change request ${changeId}.`);
      if (cr.status !== 'pending') throw conflict('milestones.change_decided', `The change request is already ${cr.status}.`);
      const m = await lockMilestone(em, projectId, cr.milestone_id);
      if (dto.approve) {
        if (!['scheduled', 'overdue'].includes(m.status))
          throw conflict('milestones.not_open', `The milestone is ${m.status}; its plan is settled.`);
        const newTranche = cr.tranche_fen === null ? fen(m.tranche_fen) : fen(cr.tranche_fen);
        const others = await this.otherTranchesFen(em, projectId, m.id);
        assertPlanWithinGrant(fen(project.granted_fen), others, newTranche);
        this.policy.assertRequest(project.rule_id, {
          baseFen: fen(project.total_investment_fen),
          requestedFen: newTranche,
          alreadyGrantedFen: others,
          date: project.created_at,
        });
        const dueAt = cr.due_at ?? m.due_at;
        // A new due date in the future reopens an overdue milestone; its grace period goes.
        const status = m.status === 'overdue' && dueAt.getTime() > m.now.getTime() ? 'scheduled' : m.status;
        await em.query(
          `UPDATE project_milestones SET due_at = $2, tranche_fen = $3, status = $4, updated_at = now() WHERE id = $1`,
          [m.id, dueAt, newTranche, status],
        );
        if (status === 'scheduled') await em.query(`DELETE FROM milestone_grace_periods WHERE milestone_id = $1`, [m.id]);
        else if (m.status === 'overdue')
          await em.query(`UPDATE milestone_grace_periods SET ends_at = $2 WHERE milestone_id = $1`, [
            m.id,
            new Date(dueAt.getTime() + this.settings.graceMs),
          ]);
      }
      const status = dto.approve ? 'approved' : 'rejected';
      await em.query(
        `UPDATE milestone_change_requests SET status = $2, decided_by = $3, decided_at = now(), comment = $4 WHERE id = $1`,
        [cr.id, status, user.id, dto.comment ?? null],
      );
      await this.audit.record(em, {
        challengeId: project.challenge_id,
        actorId: user.id,
        action: `milestone.change_${status}`,
        subjectType: 'milestone',
        subjectId: m.id,
        before: { dueAt: iso(m.due_at), trancheFen: fen(m.tranche_fen) },
        after: {
          changeRequestId: cr.id,
          dueAt: iso(cr.due_at),
          trancheFen: fenOrNull(cr.tranche_fen),
          comment: dto.comment ?? null,
        },
        public: false,
      });
      return { id: cr.id, milestoneId: m.id, projectId, status, dueAt: iso(cr.due_at ?? m.due_at) as string };
    });
    await this.sweep.wakeAt(new Date(0));
    return result;
  }

  /** What the plan commits besides one milestone: open tranches as planned, decided ones as paid or scheduled. */
  private async otherTranchesFen(em: EntityManager, projectId: string, milestoneId: string): Promise<number> {
    const [r] = await q<{ s: string }>(
      em,
      `SELECT coalesce(sum(CASE WHEN m.status IN ('scheduled', 'submitted', 'overdue') THEN m.tranche_fen
                                WHEN m.status IN ('met', 'partially_met') THEN coalesce(d.amount_fen, 0) ELSE 0 END), 0)::bigint AS s
         FROM project_milestones m LEFT JOIN disbursements d ON d.milestone_id = m.id AND d.status IN ('scheduled', 'paid')
        WHERE m.project_id = $1 AND m.id <> $2`,
      [projectId, milestoneId],
    );
    return fen(r.s);
  }
}
