import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, Role } from '@app/common/auth';
import { invalid, notFound } from '@app/common/domain-error';
import { Page, decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { challengeNotFound, lockOwnedChallenge } from './challenge-lock';
import { ListProjectsQuery, ProgramManagerDto } from './dto/award.dto';
import { ProjectSummaryView, ProjectView, PublicResultsView } from './dto/views';
import type { MilestoneStatus } from './project-milestone.entity';
import type { ProjectConsortiumEntry, ProjectStatus } from './project.entity';
import { fen, iso, query } from './sql';

/** Why a user may see a project: its team (lead or consortium member), its program manager, its challenge's agency, an admin. */
export type ProjectAccess = 'team' | 'program_manager' | 'agency' | 'admin';

/** A project row as stored (snake_case, bigints as strings), for libs/milestones. */
export interface ProjectRow {
  id: string;
  challenge_id: string;
  bid_id: string;
  organization_id: string;
  title: string;
  consortium: ProjectConsortiumEntry[];
  granted_fen: string;
  paid_fen: string;
  requested_fen: string;
  cap_fen: string;
  rule_id: string;
  status: ProjectStatus;
  program_manager_id: string | null;
  stage_reached: number;
  publicity_ends_at: Date;
  created_at: Date;
  agency_id: string;
}

const PROJECT_COLUMNS = `p.id, p.challenge_id, p.bid_id, p.organization_id, p.title, p.consortium, p.granted_fen, p.paid_fen, p.requested_fen,
  p.cap_fen, p.rule_id, p.status, p.program_manager_id, p.stage_reached, p.publicity_ends_at, p.created_at, c.agency_id`;

export const projectNotFound = (id: string) => notFound('projects.not_found', `No project ${id} that you may see.`);

/** Why `user` may see the project, or null. */
export function accessTo(
  row: Pick<ProjectRow, 'organization_id' | 'consortium' | 'program_manager_id' | 'agency_id'>,
  user: AuthUser | undefined,
): ProjectAccess | null {
  if (!user) return null;
  if (user.role === Role.Admin) return 'admin';
  if (user.role === Role.Agency && row.agency_id === user.id) return 'agency';
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
    const [row] = await query<ProjectRow>(
      em,
      `SELECT ${PROJECT_COLUMNS} FROM projects p JOIN challenges c ON c.id = p.challenge_id WHERE p.id = $1`,
      [projectId],
    );
    const access = row ? accessTo(row, user) : null;
    if (!row || !access) throw projectNotFound(projectId);
    return { project: row, access };
  }

  async lockForUpdate(em: EntityManager, projectId: string): Promise<ProjectRow> {
    const [row] = await query<ProjectRow>(
      em,
      `SELECT ${PROJECT_COLUMNS} FROM projects p JOIN challenges c ON c.id = p.challenge_id WHERE p.id = $1 FOR UPDATE OF p`,
      [projectId],
    );
    if (!row) throw notFound('projects.not_found', `No project ${projectId}.`);
    return row;
  }

  async list(user: AuthUser, q: ListProjectsQuery): Promise<Page<ProjectSummaryView>> {
    const limit = q.limit ?? 20;
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    switch (user.role) {
      case Role.Admin:
        break;
      case Role.Agency:
        where.push(`c.agency_id = ${p(user.id)}`);
        break;
      case Role.ProgramManager:
        where.push(`p.program_manager_id = ${p(user.id)}`);
        break;
      case Role.Team:
        if (!user.organizationId) return { items: [], nextCursor: null };
        where.push(
          `(p.organization_id = ${p(user.organizationId)} OR p.consortium @> ${p(JSON.stringify([{ organizationId: user.organizationId }]))}::jsonb)`,
        );
        break;
      default:
        return { items: [], nextCursor: null };
    }
    if (q.challengeId) where.push(`p.challenge_id = ${p(q.challengeId)}`);
    if (q.status) where.push(`p.status = ${p(q.status)}`);
    if (q.cursor) {
      const [createdAt, id] = decodeInstantIdCursor(q.cursor);
      where.push(`(date_trunc('milliseconds', p.created_at), p.id) < (${p(createdAt)}::timestamptz, ${p(id)}::uuid)`);
    }
    const rows = await query<ListedProjectRow>(
      this.dataSource.manager,
      `SELECT ${PROJECT_COLUMNS}, c.title AS challenge_title, c.mechanism, o.name AS organization_name,
              (SELECT json_build_object('id', m.id, 'seq', m.seq, 'title', m.title, 'dueAt', m.due_at, 'status', m.status,
                                        'trancheFen', m.tranche_fen)
                 FROM project_milestones m WHERE m.project_id = p.id AND m.status IN ('scheduled', 'submitted', 'overdue')
                ORDER BY m.due_at, m.seq LIMIT 1) AS next_milestone
         FROM projects p JOIN challenges c ON c.id = p.challenge_id JOIN organizations o ON o.id = p.organization_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY date_trunc('milliseconds', p.created_at) DESC, p.id DESC LIMIT ${p(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(listItemOf),
      nextCursor: rows.length > limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  /** The public results of a challenge: each awarded project's title, organisation, amount and status, nothing else. */
  async results(challengeId: string): Promise<PublicResultsView> {
    const [c] = await query<{ published_at: Date | null; awarded_fen: string; paid_fen: string }>(
      this.dataSource.manager,
      `SELECT c.published_at, c.awarded_fen,
              (SELECT coalesce(sum(p.paid_fen), 0) FROM projects p WHERE p.challenge_id = c.id) AS paid_fen
         FROM challenges c WHERE c.id = $1`,
      [challengeId],
    );
    if (!c || c.published_at === null) throw challengeNotFound(challengeId);
    const rows = await query<{
      id: string;
      title: string;
      name: string;
      granted_fen: string;
      paid_fen: string;
      status: ProjectStatus;
      stage_reached: number;
      publicity_ends_at: Date;
    }>(
      this.dataSource.manager,
      `SELECT p.id, p.title, o.name, p.granted_fen, p.paid_fen, p.status, p.stage_reached, p.publicity_ends_at
         FROM projects p JOIN organizations o ON o.id = p.organization_id
        WHERE p.challenge_id = $1 ORDER BY p.created_at, p.id`,
      [challengeId],
    );
    const items = rows.map((r) => ({
      projectId: r.id,
      title: r.title,
      organizationName: r.name,
      amountFen: fen(r.granted_fen),
      paidFen: fen(r.paid_fen),
      status: r.status,
      stageReached: r.stage_reached,
      publicityEndsAt: r.publicity_ends_at.toISOString(),
    }));
    return {
      challengeId,
      awardedFen: fen(c.awarded_fen),
      paidFen: fen(c.paid_fen),
      items,
      nextCursor: null,
    };
  }

  /** The challenge's agency assigns or replaces the project's program manager (an active program_manager user). */
  async assignProgramManager(projectId: string, dto: ProgramManagerDto, user: AuthUser): Promise<ProjectView> {
    return this.dataSource.transaction(async (em) => {
      const [ref] = await query<{ challenge_id: string }>(em, `SELECT challenge_id FROM projects WHERE id = $1`, [projectId]);
      if (!ref) throw projectNotFound(projectId);
      await lockOwnedChallenge(em, ref.challenge_id, user);
      const [pm] = await query<{ role: string }>(em, `SELECT role FROM users WHERE id = $1 AND active`, [dto.userId]);
      if (pm?.role !== Role.ProgramManager) {
        throw invalid('awards.not_a_program_manager', 'userId is not an active program manager', [
          { field: 'userId', message: 'is not an active program manager' },
        ]);
      }
      const before = await this.lockForUpdate(em, projectId);
      await em.query(`UPDATE projects SET program_manager_id = $2, updated_at = now() WHERE id = $1`, [projectId, dto.userId]);
      await this.audit.record(em, {
        challengeId: ref.challenge_id,
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
    const milestones = await query<{
      id: string;
      seq: number;
      title: string;
      due_at: Date;
      deliverable: string;
      status: MilestoneStatus;
      tranche_fen: string;
      stage_index: number | null;
    }>(
      em,
      `SELECT id, seq, title, due_at, deliverable, status, tranche_fen, stage_index FROM project_milestones WHERE project_id = $1 ORDER BY seq`,
      [row.id],
    );
    return {
      ...summaryOf(row),
      capFen: fen(row.cap_fen),
      ruleId: row.rule_id,
      consortium: row.consortium,
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

interface ListedProjectRow extends ProjectRow {
  challenge_title: string;
  mechanism: string;
  organization_name: string;
  next_milestone: {
    id: string;
    seq: number;
    title: string;
    dueAt: string;
    status: MilestoneStatus;
    trancheFen: string | number;
  } | null;
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
