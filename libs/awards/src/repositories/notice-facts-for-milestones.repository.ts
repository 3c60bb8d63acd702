import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';

/** What libs/milestones' notices read of projects, milestones and objections (to word and address them). */

export type ProjectForNotices = RowOf<'projects', 'id' | 'title' | 'organization_id' | 'program_manager_id' | 'granted_fen'>;

export async function projectForNotices(em: EntityManager, projectId: string): Promise<ProjectForNotices | undefined> {
  const [row] = await runSql<ProjectForNotices>(
    em,
    sql`SELECT id, title, organization_id, program_manager_id, granted_fen FROM projects WHERE id = ${projectId}`,
  );
  return row;
}

/** Every project of a challenge (a horse race's teams; the gate's entry says which were in the race). */
export function challengeProjectsForNotices(em: EntityManager, challengeId: string): Promise<ProjectForNotices[]> {
  return runSql<ProjectForNotices>(
    em,
    sql`SELECT id, title, organization_id, program_manager_id, granted_fen FROM projects WHERE challenge_id = ${challengeId} ORDER BY id`,
  );
}

export type MilestoneForNotices = RowOf<'project_milestones', 'id' | 'title' | 'project_id'>;

export async function milestoneForNotices(em: EntityManager, milestoneId: string): Promise<MilestoneForNotices | undefined> {
  const [row] = await runSql<MilestoneForNotices>(
    em,
    sql`SELECT id, title, project_id FROM project_milestones WHERE id = ${milestoneId}`,
  );
  return row;
}

/** Who lodged an objection: to a project in publicity, or (`gate`) to a horse-race gate's result. */
export async function objectionAuthorForNotices(
  em: EntityManager,
  objectionId: string,
  gate: boolean,
): Promise<string | undefined> {
  const [row] = await runSql<{ raised_by: string }>(
    em,
    gate
      ? sql`SELECT raised_by FROM gate_objections WHERE id = ${objectionId}`
      : sql`SELECT raised_by FROM project_objections WHERE id = ${objectionId}`,
  );
  return row?.raised_by;
}
