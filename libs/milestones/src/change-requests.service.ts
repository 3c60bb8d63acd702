import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProjectsService, documentIdsOf, projectDocumentView, replanMilestone } from '@app/awards';
import { AuditService } from '@app/audit';
import { AuthUser } from '@app/common/auth';
import { conflict, forbidden, invalid, notFound } from '@app/common/domain-error';
import { fen, fenOrNull, iso } from '@app/database';
import { attachDocuments, readDocumentsOfSubjects, readSubjectDocuments } from '@app/documents';
import { CHANGE_REQUEST_DOCUMENTS } from './documents/milestone-documents.access';
import { FundingPolicy } from '@app/funding-rules';
import { ChangeDecisionDto, ChangeRequestDto } from './dto/milestones.dto';
import { LockedProject, MilestoneRow, lockMilestone, lockProject } from './locks';
import { assertPlanWithinGrant } from './milestone-rules';
import { MILESTONES_SETTINGS, MilestonesSettings } from './milestones-settings';
import { otherTranchesFen } from './repositories/disbursements.repository';
import { endGracePeriod, moveGracePeriod } from './repositories/grace-periods.repository';
import {
  changeRequestsOf,
  insertPendingChange,
  lockChangeRequest,
  recordChangeDecision,
} from './repositories/milestone-change-requests.repository';
import { SweepService } from './sweep.service';

/**
 * Plan changes: the team or the program manager asks to move a milestone's due date or tranche;
 * the program manager decides, never beyond the grant or the funding rule. Each write is one
 * transaction with its audit entry, locking the project, the request, then the milestone.
 */
@Injectable()
export class ChangeRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    private readonly audit: AuditService,
    private readonly policy: FundingPolicy,
    private readonly sweep: SweepService,
    @Inject(MILESTONES_SETTINGS) private readonly settings: MilestonesSettings,
  ) {}

  async changeRequests(projectId: string, user: AuthUser) {
    await this.projects.access(projectId, user);
    const rows = await changeRequestsOf(this.dataSource.manager, projectId);
    const documents = await readDocumentsOfSubjects(
      this.dataSource.manager,
      CHANGE_REQUEST_DOCUMENTS.subjectType,
      rows.map((r) => r.id),
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
        documents: (documents.get(r.id) ?? []).map(projectDocumentView),
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
      const cr = await insertPendingChange(em, {
        projectId,
        milestoneId,
        requestedBy: user.id,
        dueAt: dto.dueAt ?? null,
        trancheFen: dto.trancheFen ?? null,
        reason: dto.reason ?? '',
      });
      if (!cr) throw conflict('milestones.change_pending', 'A change request for this milestone is already pending.');
      // Attached in this transaction: the request is written with its files or not at all.
      await attachDocuments(em, {
        ...CHANGE_REQUEST_DOCUMENTS,
        documentIds: documentIdsOf(dto.documents),
        subjectId: cr.id,
        by: user,
      });
      const documents = (await readSubjectDocuments(em, CHANGE_REQUEST_DOCUMENTS.subjectType, cr.id)).map(projectDocumentView);
      await this.audit.record(em, {
        challengeId: project.challenge_id,
        actorId: user.id,
        action: 'milestone.change_requested',
        subjectType: 'milestone',
        subjectId: milestoneId,
        before: { dueAt: iso(m.due_at), trancheFen: fen(m.tranche_fen) },
        after: {
          changeRequestId: cr.id,
          dueAt: dto.dueAt ?? null,
          trancheFen: dto.trancheFen ?? null,
          documents: documents.map((d) => ({ id: d.id, name: d.name, sha256: d.sha256 })),
        },
        public: false,
      });
      return {
        id: cr.id,
        milestoneId,
        projectId,
        status: 'pending',
        dueAt: dto.dueAt ?? null,
        trancheFen: dto.trancheFen ?? null,
        documents,
      };
    });
  }

  async decideChange(projectId: string, changeId: string, dto: ChangeDecisionDto, user: AuthUser) {
    const result = await this.dataSource.transaction(async (em) => {
      const { access } = await this.projects.access(projectId, user, em);
      if (access !== 'program_manager')
        throw forbidden('milestones.program_manager_only', 'Only the project’s program manager decides plan changes.');
      const project = await lockProject(em, projectId);
      const cr = await lockChangeRequest(em, projectId, changeId);
      if (!cr) throw notFound('milestones.change_not_found', `No change request ${changeId}.`);
      if (cr.status !== 'pending') throw conflict('milestones.change_decided', `The change request is already ${cr.status}.`);
      const m = await lockMilestone(em, projectId, cr.milestone_id);
      if (dto.approve) await this.applyChange(em, project, m, cr);
      const status = dto.approve ? 'approved' : 'rejected';
      await recordChangeDecision(em, cr.id, { status, decidedBy: user.id, comment: dto.comment ?? null });
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

  /** An approved change: within the grant and the funding rule, a new due date and tranche, and the grace period they imply. */
  private async applyChange(
    em: EntityManager,
    project: LockedProject,
    m: MilestoneRow,
    cr: { due_at: Date | null; tranche_fen: string | null },
  ): Promise<void> {
    if (!['scheduled', 'overdue'].includes(m.status))
      throw conflict('milestones.not_open', `The milestone is ${m.status}; its plan is settled.`);
    const newTranche = cr.tranche_fen === null ? fen(m.tranche_fen) : fen(cr.tranche_fen);
    const others = fen(await otherTranchesFen(em, project.id, m.id));
    assertPlanWithinGrant(fen(project.granted_fen), others, newTranche);
    await this.policy.assertForProject(em, project, {
      baseFen: fen(project.total_investment_fen),
      requestedFen: newTranche,
      alreadyGrantedFen: others,
      date: project.created_at,
    });
    const dueAt = cr.due_at ?? m.due_at;
    // A new due date in the future reopens an overdue milestone; its grace period goes.
    const status = m.status === 'overdue' && dueAt.getTime() > m.now.getTime() ? 'scheduled' : m.status;
    await replanMilestone(em, m.id, { dueAt, trancheFen: newTranche, status });
    if (status === 'scheduled') await endGracePeriod(em, m.id);
    else if (m.status === 'overdue') await moveGracePeriod(em, m.id, new Date(dueAt.getTime() + this.settings.graceMs));
  }
}
