import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, Role, actsForAgency } from '@app/common/auth';
import { invalid, notFound } from '@app/common/domain-error';
import { Page, decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { lockOwnedChallenge, lockPublishedChallenge } from '@app/challenges';
import { fen, iso } from '@app/database';
import { readActiveUserRole, readOrganizationNames } from '@app/identity';
import { ListProjectsQuery, ProgramManagerDto } from './dto/award.dto';
import { ProjectSummaryView, ProjectView, PublicResultsView } from './dto/views';
import { readProjectMilestones } from './repositories/project-milestones.repository';
import {
  ListedProjectRow,
  ProjectListFilter,
  ProjectRow,
  listProjects,
  readChallengeResults,
  readProject,
  readProjectChallengeId,
  setProgramManager,
} from './repositories/projects.repository';

/** Why a user may see a project: its team (lead or consortium member), its program manager, its challenge's agency, an admin. */
export type ProjectAccess = 'team' | 'program_manager' | 'agency' | 'admin';

export type { ProjectRow } from './repositories/projects.repository';

export const projectNotFound = (id: string) => notFound('projects.not_found', `No project ${id} that you may see.`);

/** Why `user` may see the project, or null. */
export function accessTo(
  row: Pick<ProjectRow, 'organization_id' | 'consortium' | 'program_manager_id' | 'agency_organization_id'>,
  user: AuthUser | undefined,
): ProjectAccess | null {
  if (!user) return null;
  if (user.role === Role.Admin) return 'admin';
  if (actsForAgency(user, row.agency_organization_id)) return 'agency';
  if (user.role === Role.ProgramManager && row.program_manager_id === user.id) return 'program_manager';
  if (
    user.role === Role.Team &&
    user.organizationId &&
    (row.organization_id === user.organizationId || row.consortium.some((m) => m.organizationId === user.organizationId))
  )
    return 'team';
  return null;
}

/**
 * Projects: reading them (with the access check on every object), the public results of a
 * challenge, and assigning a program manager. The API libs/milestones builds on:
 *
 *   get(projectId, user): Promise<ProjectView>                       404 unless the user may see it
 *   list(user, query): Promise<Page<ProjectSummaryView>>             what the user may see
 *   access(projectId, user, em?): Promise<{ project: ProjectRow; access: ProjectAccess }>   404 unless visible
 *   lockForUpdate(em, projectId): Promise<ProjectRow>                SELECT … FOR UPDATE (404 if none)
 *
 * Money invariants libs/milestones keeps: projects.paid_fen only grows, by disbursements, in a
 * transaction that first locks the project row (lockForUpdate); the CHECK paid_fen <= granted_fen
 * refuses an overpayment. A milestone `cancelled` is never paid. Lock order when a transaction
 * needs both: the challenge row, then the project row.
 * The challenge's counters equal: awarded_fen = Σ granted_fen of its projects not terminated
 * + Σ paid_fen of its terminated ones; awarded_count = the number of projects not terminated.
 * Merged projects (强强联合) count in neither: their paid money is carried into the merged project's
 * grant and paid_fen (merges.service.ts).
 */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(projectId: string, user: AuthUser): Promise<ProjectView> {
    const { project } = await this.access(projectId, user);
    return this.viewOf(this.dataSource.manager, project);
  }

  async access(
    projectId: string,
    user: AuthUser | undefined,
    em: EntityManager = this.dataSource.manager,
  ): Promise<{ project: ProjectRow; access: ProjectAccess }> {
    const row = await readProject(em, projectId, 'none');
    const access = row ? accessTo(row, user) : null;
    if (!row || !access) throw projectNotFound(projectId);
    return { project: row, access };
  }

  async lockForUpdate(em: EntityManager, projectId: string): Promise<ProjectRow> {
    const row = await readProject(em, projectId, 'FOR UPDATE');
    if (!row) throw notFound('projects.not_found', `No project ${projectId}.`);
    return row;
  }

  async list(user: AuthUser, q: ListProjectsQuery): Promise<Page<ProjectSummaryView>> {
    const limit = q.limit ?? 20;
    const seen = visibleTo(user);
    if (!seen) return { items: [], nextCursor: null };
    const filter: ProjectListFilter = { ...seen, challengeId: q.challengeId, status: q.status };
    if (q.cursor) {
      const [createdAt, id] = decodeInstantIdCursor(q.cursor);
      filter.before = { createdAt, id };
    }
    const rows = await listProjects(this.dataSource.manager, filter, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(listItemOf),
      nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  /** The public results of a challenge: each awarded project's title, organisation, amount and status, nothing else. */
  async results(challengeId: string): Promise<PublicResultsView> {
    const c = await lockPublishedChallenge(this.dataSource.manager, challengeId, 'none');
    const rows = await readChallengeResults(this.dataSource.manager, challengeId);
    const items = rows.map((r) => ({
      projectId: r.id,
      title: r.title,
      organizationName: r.name,
      amountFen: fen(r.granted_fen),
      paidFen: fen(r.paid_fen),
      status: r.status,
      stageReached: r.stage_reached,
      publicityEndsAt: r.publicity_ends_at.toISOString(),
      mergedInto: r.merged_into,
    }));
    return {
      challengeId,
      awardedFen: fen(c.awarded_fen),
      // A merged project's payments are carried into the project it became: counted there once.
      paidFen: items.reduce((sum, r) => sum + (r.status === 'merged' ? 0 : r.paidFen), 0),
      items,
      nextCursor: null,
    };
  }

  /** The challenge's agency assigns or replaces the project's program manager (an active program_manager user). */
  async assignProgramManager(projectId: string, dto: ProgramManagerDto, user: AuthUser): Promise<ProjectView> {
    return this.dataSource.transaction(async (em) => {
      const challengeId = await readProjectChallengeId(em, projectId);
      if (!challengeId) throw projectNotFound(projectId);
      await lockOwnedChallenge(em, challengeId, user);
      if ((await readActiveUserRole(em, dto.userId)) !== Role.ProgramManager) {
        throw invalid('awards.not_a_program_manager', 'userId is not an active program manager', [
          { field: 'userId', message: 'is not an active program manager' },
        ]);
      }
      const before = await this.lockForUpdate(em, projectId);
      await setProgramManager(em, projectId, dto.userId);
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'project.program_manager_assigned',
        subjectType: 'project',
        subjectId: projectId,
        before: { programManagerId: before.program_manager_id },
        after: { programManagerId: dto.userId },
        public: false,
      });
      return this.viewOf(em, { ...before, program_manager_id: dto.userId });
    });
  }

  async viewOf(em: EntityManager, row: ProjectRow): Promise<ProjectView> {
    const milestones = await readProjectMilestones(em, row.id);
    const names = await readOrganizationNames(em, [row.organization_id, ...row.consortium.map((c) => c.organizationId)]);
    return {
      ...summaryOf(row),
      organizationName: names.get(row.organization_id) ?? '',
      capFen: fen(row.cap_fen),
      ruleId: row.rule_id,
      consortium: row.consortium.map((c) => ({ ...c, organizationName: names.get(c.organizationId) ?? '' })),
      milestones: milestones.map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueAt: m.due_at.toISOString(),
        deliverable: m.deliverable,
        status: m.status,
        trancheFen: fen(m.tranche_fen),
        stageIndex: m.stage_index,
      })),
    };
  }
}

/** A row of the list: the project with its challenge's title and mechanism and its next open milestone (one query, no N+1). */
function listItemOf(row: ListedProjectRow): ProjectSummaryView {
  const next = row.next_milestone;
  return {
    ...summaryOf(row),
    challengeTitle: row.challenge_title,
    mechanism: row.mechanism,
    organizationName: row.organization_name,
    nextMilestone: next ? { ...next, dueAt: new Date(next.dueAt).toISOString(), trancheFen: fen(next.trancheFen) } : null,
  };
}

/** Which projects the user sees in lists, as a filter; null when none (a role without projects, a team user without organisation). */
function visibleTo(
  user: AuthUser,
): Pick<ProjectListFilter, 'agencyOrganizationId' | 'programManagerId' | 'organizationId'> | null {
  switch (user.role) {
    case Role.Admin:
      return {};
    case Role.Agency:
      return user.organizationId ? { agencyOrganizationId: user.organizationId } : null;
    case Role.ProgramManager:
      return { programManagerId: user.id };
    case Role.Team:
      return user.organizationId ? { organizationId: user.organizationId } : null;
    default:
      return null;
  }
}

function summaryOf(
  row: ProjectRow,
): Omit<ProjectSummaryView, 'challengeTitle' | 'mechanism' | 'organizationName' | 'nextMilestone'> {
  return {
    id: row.id,
    challengeId: row.challenge_id,
    bidId: row.bid_id,
    organizationId: row.organization_id,
    title: row.title,
    amountFen: fen(row.granted_fen),
    paidFen: fen(row.paid_fen),
    status: row.status,
    programManagerId: row.program_manager_id,
    stageReached: row.stage_reached,
    publicityEndsAt: iso(row.publicity_ends_at) as string,
    createdAt: iso(row.created_at) as string,
  };
}
