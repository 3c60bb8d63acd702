import { EntityManager } from 'typeorm';
import { RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';

/**
 * What libs/milestones reads and writes of `projects`, `project_milestones` and `stage_gates`:
 * row locks and updates inside its transactions, and fragments (subqueries, CTE bodies, conditions)
 * it composes into its single-statement sweeps and read models. A fragment's column list is its
 * contract; the statements around it stay in libs/milestones.
 */

export type LockedProject = RowOf<
  'projects',
  | 'id'
  | 'challenge_id'
  | 'organization_id'
  | 'status'
  | 'program_manager_id'
  | 'granted_fen'
  | 'paid_fen'
  | 'total_investment_fen'
  | 'rule_id'
  | 'policy_version_id'
  | 'created_at'
>;

export type LockedMilestone = RowOf<
  'project_milestones',
  'id' | 'project_id' | 'seq' | 'title' | 'due_at' | 'status' | 'tranche_fen',
  { now: Date }
>;

/** The project row FOR UPDATE (first in every milestone write's lock order), or undefined. */
export async function lockProjectRow(em: EntityManager, projectId: string): Promise<LockedProject | undefined> {
  const [row] = await runSql<LockedProject>(
    em,
    sql`SELECT id, challenge_id, organization_id, status, program_manager_id, granted_fen, paid_fen, total_investment_fen, rule_id,
               policy_version_id, created_at
          FROM projects WHERE id = ${projectId} FOR UPDATE`,
  );
  return row;
}

/** A milestone of the project FOR UPDATE (after its project row), with the database's clock. */
export async function lockMilestoneRow(
  em: EntityManager,
  projectId: string,
  milestoneId: string,
): Promise<LockedMilestone | undefined> {
  const [row] = await runSql<LockedMilestone>(
    em,
    sql`SELECT id, project_id, seq, title, due_at, status, tranche_fen, now() AS now
          FROM project_milestones WHERE id = ${milestoneId} AND project_id = ${projectId} FOR UPDATE`,
  );
  return row;
}

export async function setMilestoneStatus(em: EntityManager, milestoneId: string, status: string): Promise<void> {
  await runSql(em, sql`UPDATE project_milestones SET status = ${status}, updated_at = now() WHERE id = ${milestoneId}`);
}

/** An approved plan change: the new due date and tranche, and the status they imply. */
export async function replanMilestone(
  em: EntityManager,
  milestoneId: string,
  plan: { dueAt: Date; trancheFen: number; status: string },
): Promise<void> {
  await runSql(
    em,
    sql`UPDATE project_milestones SET due_at = ${plan.dueAt}, tranche_fen = ${plan.trancheFen}, status = ${plan.status}, updated_at = now()
         WHERE id = ${milestoneId}`,
  );
}

/** A tranche paid: the project's paid total grows (its CHECK paid_fen <= granted_fen is the last line of defence). */
export async function addPaidFen(
  em: EntityManager,
  projectId: string,
  amountFen: number,
): Promise<RowOf<'projects', 'paid_fen'>> {
  const [row] = await runSql<RowOf<'projects', 'paid_fen'>>(
    em,
    sql`UPDATE projects SET paid_fen = paid_fen + ${amountFen}, updated_at = now() WHERE id = ${projectId} RETURNING paid_fen`,
  );
  return row;
}

// ---- Fragments --------------------------------------------------------------------------------

/** `SELECT id, status, tranche_fen` of a project's milestones other than one. */
export const otherMilestonesOf = (projectId: string, milestoneId: string): Sql =>
  sql`SELECT m.id, m.status, m.tranche_fen FROM project_milestones m WHERE m.project_id = ${projectId} AND m.id <> ${milestoneId}`;

/** `SELECT id, seq, title, status, due_at, tranche_fen` of the milestones of the project(s) `projectId` (a value or a column). */
export const milestonesOfProject = (projectId: string | Sql): Sql =>
  sql`SELECT m.id, m.seq, m.title, m.status, m.due_at, m.tranche_fen FROM project_milestones m WHERE m.project_id = ${projectId}`;

/** `SELECT id, seq, title, status` of every milestone (to join on an id the caller already filters by). */
export const milestoneLabels = (): Sql => sql`SELECT m.id, m.seq, m.title, m.status FROM project_milestones m`;

/** `SELECT granted_fen, paid_fen` (and id) of one project. */
export const projectMoney = (projectId: string): Sql =>
  sql`SELECT p.id, p.granted_fen, p.paid_fen FROM projects p WHERE p.id = ${projectId}`;

/** `SELECT id, title, organization_id, program_manager_id, challenge_id` of the project `projectId` (a column). */
export const projectNoticeFacts = (projectId: Sql): Sql =>
  sql`SELECT p.id, p.title, p.organization_id, p.program_manager_id, p.challenge_id FROM projects p WHERE p.id = ${projectId}`;

/** `SELECT title` of the milestone `milestoneId` (a column). */
export const milestoneTitleOf = (milestoneId: Sql): Sql =>
  sql`SELECT m.title FROM project_milestones m WHERE m.id = ${milestoneId}`;

/** The body of a CTE: up to `limit` scheduled milestones past due, locked, skipping rows another sweep holds. */
export const lockDueScheduledMilestones = (limit: number): Sql =>
  sql`SELECT m.id FROM project_milestones m
       WHERE m.status = 'scheduled' AND m.due_at <= now()
       ORDER BY m.due_at LIMIT ${limit} FOR UPDATE OF m SKIP LOCKED`;

/** The body of a CTE: the milestones listed by CTE `due` (column id) become overdue; RETURNING id, project_id, due_at, title. */
export const markOverdue = (due: string): Sql => {
  const cte = rawSql(due);
  return sql`UPDATE project_milestones m SET status = 'overdue', updated_at = now() FROM ${cte}
              WHERE m.id = ${cte}.id AND m.status = 'scheduled'
             RETURNING m.id, m.project_id, m.due_at, m.title`;
};

/** The body of a CTE: the overdue milestones listed by CTE `ended` (column milestone_id) become not_met; RETURNING id, project_id, title, due_at. */
export const markNotMet = (ended: string): Sql => {
  const cte = rawSql(ended);
  return sql`UPDATE project_milestones m SET status = 'not_met', updated_at = now() FROM ${cte}
              WHERE m.id = ${cte}.milestone_id AND m.status = 'overdue'
             RETURNING m.id, m.project_id, m.title, m.due_at`;
};

/**
 * Scheduled milestones of live projects due in (now + innerMs, now + offsetMs] (and after `since`
 * when given), nearest first, at most `limit`, for which `unless(milestoneId)` does not hold:
 * `SELECT id, project_id, organization_id, title, project_title, due_at`.
 */
export function remindableMilestones(w: {
  limit: number;
  offsetMs: number;
  innerMs: number;
  since: Date | null;
  unless: (milestoneId: Sql) => Sql;
}): Sql {
  const since = w.since ? sql`AND m.due_at > ${w.since}::timestamptz` : rawSql('');
  return sql`SELECT m.id, p.id AS project_id, p.organization_id, m.title, p.title AS project_title, m.due_at
               FROM project_milestones m JOIN projects p ON p.id = m.project_id
              WHERE m.status = 'scheduled' AND p.status IN ('publicity', 'active')
                AND m.due_at > now() + ${w.innerMs} * interval '1 millisecond' AND m.due_at <= now() + ${w.offsetMs} * interval '1 millisecond'
                ${since}
                AND NOT ${w.unless(rawSql('m.id'))}
              ORDER BY m.due_at LIMIT ${w.limit}`;
}

/** A condition: stage `stage` of challenge `challengeId` (columns) has no gate decided yet. */
export const stageGateUndecided = (challengeId: Sql, stage: Sql): Sql =>
  sql`NOT EXISTS (SELECT 1 FROM stage_gates g WHERE g.challenge_id = ${challengeId} AND g.stage = ${stage})`;

/** A condition: challenge `challengeId` (a column) still has a project in publicity or active. */
export const hasLiveProjects = (challengeId: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM projects p WHERE p.challenge_id = ${challengeId} AND p.status IN ('publicity', 'active'))`;

/** A scalar: the earliest due time of a scheduled milestone, `leadMs` before it (only those not yet within `leadMs`). */
export const nextScheduledDue = (leadMs?: number): Sql =>
  leadMs === undefined
    ? sql`(SELECT min(due_at) FROM project_milestones WHERE status = 'scheduled')`
    : sql`(SELECT min(due_at) - ${leadMs} * interval '1 millisecond' FROM project_milestones
            WHERE status = 'scheduled' AND due_at > now() + ${leadMs} * interval '1 millisecond')`;

/** What a project counts as awarded: its grant, or what it was paid once terminated (as the challenge's counter). */
const AWARDED_FEN = rawSql(`CASE WHEN p.status = 'terminated' THEN p.paid_fen ELSE p.granted_fen END`);

export interface ProjectScope {
  programManagerId?: string;
  /** A subquery of challenge ids (the agency's). */
  challengeIds?: Sql;
  status?: string;
  challengeId?: string;
}

/**
 * `SELECT id, title, challenge_id, organization_id, status, program_manager_id, granted_fen,
 * paid_fen, created_at, awarded_fen` of the projects in `scope` (all but merged ones when empty).
 */
export function scopedProjects(scope: ProjectScope = {}): Sql {
  const where: Sql[] = [];
  if (scope.programManagerId !== undefined) where.push(sql`p.program_manager_id = ${scope.programManagerId}`);
  if (scope.challengeIds) where.push(sql`p.challenge_id IN (${scope.challengeIds})`);
  // A merged project lives on in the project it was merged into (which carries its grant and what
  // it was paid): counting both would count the money twice. Asked for by status, it is listed.
  where.push(scope.status !== undefined ? sql`p.status = ${scope.status}` : sql`p.status <> 'merged'`);
  if (scope.challengeId !== undefined) where.push(sql`p.challenge_id = ${scope.challengeId}`);
  const filter = sql`WHERE ${joinSql(where, ' AND ')}`;
  return sql`SELECT p.id, p.title, p.challenge_id, p.organization_id, p.status, p.program_manager_id, p.granted_fen, p.paid_fen,
                    p.created_at, ${AWARDED_FEN} AS awarded_fen
               FROM projects p ${filter}`;
}
