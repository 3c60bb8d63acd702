import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';
import { MilestoneStatus, OPEN_MILESTONE_STATUSES } from '../project-milestone.entity';

export type ProjectMilestoneRow = RowOf<
  'project_milestones',
  'id' | 'seq' | 'title' | 'due_at' | 'deliverable' | 'tranche_fen' | 'stage_index',
  { status: MilestoneStatus }
>;

/** A milestone as a json object inside another row (bigint tranche as text or number, dates as strings). */
export interface MilestoneJson {
  id: string;
  seq: number;
  title: string;
  dueAt: string;
  status: MilestoneStatus;
  trancheFen: string | number;
}

/** A milestone the award copies from the bid's plan, scaled to the grant. */
export interface NewProjectMilestone {
  seq: number;
  title: string;
  dueAt: Date;
  deliverable: string;
  trancheFen: number;
  stageIndex: number | null;
}

/**
 * `<cteName> AS (INSERT INTO project_milestones … RETURNING id, seq)`: the milestones of the project
 * inserted by the CTE `projectCte` (which returns its `id`), one row per planned milestone.
 */
export function insertProjectMilestonesCte(cteName: string, projectCte: string, milestones: readonly NewProjectMilestone[]): Sql {
  const p = rawSql(projectCte);
  return sql`${rawSql(cteName)} AS (
           INSERT INTO project_milestones (project_id, seq, title, due_at, deliverable, tranche_fen, stage_index)
           SELECT ${p}.id, x.seq, x.title, x.due_at, x.deliverable, x.tranche_fen, x.stage_index
             FROM ${p}, unnest(${milestones.map((m) => m.seq)}::int[], ${milestones.map((m) => m.title)}::text[],
                        ${milestones.map((m) => m.dueAt)}::timestamptz[], ${milestones.map((m) => m.deliverable)}::text[],
                        ${milestones.map((m) => String(m.trancheFen))}::bigint[], ${milestones.map((m) => m.stageIndex)}::int[])
                       AS x(seq, title, due_at, deliverable, tranche_fen, stage_index)
           RETURNING id, seq
         )`;
}

export function readProjectMilestones(em: EntityManager, projectId: string): Promise<ProjectMilestoneRow[]> {
  return runSql<ProjectMilestoneRow>(
    em,
    sql`SELECT id, seq, title, due_at, deliverable, status, tranche_fen, stage_index FROM project_milestones
         WHERE project_id = ${projectId} ORDER BY seq`,
  );
}

/** The undecided milestones (scheduled, submitted, overdue) of the projects cancelled; what was cancelled. */
export function cancelOpenMilestones(
  em: EntityManager,
  projectIds: readonly string[],
): Promise<RowOf<'project_milestones', 'id' | 'project_id' | 'tranche_fen'>[]> {
  return runSql(
    em,
    sql`UPDATE project_milestones SET status = 'cancelled', updated_at = now()
         WHERE project_id = ANY(${projectIds}::uuid[]) AND status = ANY(${[...OPEN_MILESTONE_STATUSES]}::text[])
        RETURNING id, project_id, tranche_fen`,
  );
}

/** The open milestone due first of the project `projectIdColumn`, as json (null when none is open). */
export function nextOpenMilestoneSql(projectIdColumn: Sql): Sql {
  return sql`(SELECT json_build_object('id', m.id, 'seq', m.seq, 'title', m.title, 'dueAt', m.due_at, 'status', m.status,
                                        'trancheFen', m.tranche_fen)
                 FROM project_milestones m WHERE m.project_id = ${projectIdColumn} AND m.status IN ('scheduled', 'submitted', 'overdue')
                ORDER BY m.due_at, m.seq LIMIT 1)`;
}

/** The milestones of stage `stageIndex` of the project `projectIdColumn`, as a json array in seq order. */
export function stageMilestonesJsonSql(projectIdColumn: Sql, stageIndex: number): Sql {
  return sql`(SELECT coalesce(json_agg(json_build_object('id', m.id, 'seq', m.seq, 'title', m.title, 'dueAt', m.due_at,
                                                        'status', m.status, 'trancheFen', m.tranche_fen::text) ORDER BY m.seq), '[]'::json)
               FROM project_milestones m WHERE m.project_id = ${projectIdColumn} AND m.stage_index = ${stageIndex})`;
}
