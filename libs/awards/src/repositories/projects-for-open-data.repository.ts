import { EntityManager } from 'typeorm';
import { RowOf, Sql, queryRows, sql } from '@app/database';

/**
 * What the public open-data feed reads of awarded projects and their milestones: amounts fixed at
 * award, the organisations involved (by id: the feed names them through libs/identity), the
 * planned milestones. Timestamps are ISO-8601 UTC text; bigint amounts are text (exact).
 */

const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A planned milestone of a project, as the feed publishes it. */
export interface ProjectMilestoneForOpenData {
  id: string;
  title: string;
  dueAt: string;
  trancheFen: string;
}

/** A project: its lead organisation, its consortium members' organisations, its milestones in plan order. */
export type AwardedProjectForOpenData = RowOf<
  'projects',
  'id' | 'granted_fen' | 'organization_id',
  { activated_at: string | null; member_organization_ids: string[]; milestones: ProjectMilestoneForOpenData[] }
>;

/** These projects (unknown ids are left out), in one query. */
export function awardedProjectsForOpenData(em: EntityManager, ids: readonly string[]): Promise<AwardedProjectForOpenData[]> {
  return queryRows<AwardedProjectForOpenData>(
    em,
    `SELECT p.id, p.granted_fen::text AS granted_fen, ${isoText('p.activated_at')} AS activated_at, p.organization_id,
            (SELECT coalesce(json_agg((m->>'organizationId')::uuid), '[]'::json)
               FROM jsonb_array_elements(p.consortium) AS m) AS member_organization_ids,
            (SELECT coalesce(json_agg(json_build_object('id', m.id, 'title', m.title, 'dueAt', ${isoText('m.due_at')},
                                                        'trancheFen', m.tranche_fen::text) ORDER BY m.seq), '[]'::json)
               FROM project_milestones m WHERE m.project_id = p.id) AS milestones
       FROM projects p WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
}

/** A project milestone with its project and the project's lead organisation. */
export type MilestoneOfProjectForOpenData = RowOf<'project_milestones', 'id' | 'project_id' | 'title'> &
  RowOf<'projects', 'organization_id'>;

/** These milestones (unknown ids are left out), in one query. */
export function milestonesForOpenData(em: EntityManager, ids: readonly string[]): Promise<MilestoneOfProjectForOpenData[]> {
  return queryRows<MilestoneOfProjectForOpenData>(
    em,
    `SELECT m.id, m.project_id, m.title, p.organization_id
       FROM project_milestones m JOIN projects p ON p.id = m.project_id
      WHERE m.id = ANY($1::uuid[])`,
    [ids],
  );
}

/** Whether this database has the awards tables yet (statistics count no awards until it has). */
export async function projectsTableExists(em: EntityManager): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(em, `SELECT to_regclass('projects') IS NOT NULL AS ok`);
  return row.ok;
}

/**
 * Projects' totals per challenge as a relation (`challenge_id`, `awards`, `awarded_fen` = granted,
 * `paid_fen` = paid by disbursements), to LEFT JOIN on `challenge_id`. Projects of any status count.
 * Without the awards tables (`tablesExist` false), an empty relation of the same shape.
 */
export function projectTotalsPerChallenge(tablesExist: boolean): Sql {
  if (!tablesExist)
    return sql`(SELECT NULL::uuid AS challenge_id, 0::bigint AS awards, 0::bigint AS awarded_fen, 0::bigint AS paid_fen WHERE false)`;
  // Merged projects live on in the project they were merged into (its grant and what they were paid).
  return sql`(SELECT challenge_id, count(*) AS awards, sum(granted_fen) AS awarded_fen, sum(paid_fen) AS paid_fen
       FROM projects WHERE status <> 'merged' GROUP BY challenge_id)`;
}

/**
 * Projects as a relation for the horse-race figures (`id`, `challenge_id`, `activated`: out of
 * publicity, `completed`, `stage_reached`: stage gates passed).
 */
export function projectProgressForOpenData(): Sql {
  return sql`(SELECT p.id, p.challenge_id, p.activated_at IS NOT NULL AS activated, p.status = 'completed' AS completed, p.stage_reached
       FROM projects p)`;
}
