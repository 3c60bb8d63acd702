import { EntityManager } from 'typeorm';
import { joinChallengeOfProjectSql } from '@app/challenges';
import { RowOf, Sql, runSql, sql } from '@app/database';
import type { ObjectionStatus } from '../project-objection.entity';

export type ObjectionRow = RowOf<
  'project_objections',
  'id' | 'project_id' | 'reason' | 'resolution_comment' | 'created_at' | 'resolved_at',
  { status: ObjectionStatus }
>;

const OBJECTION_COLUMNS = sql`id, project_id, status, reason, resolution_comment, created_at, resolved_at`;

export async function insertObjection(
  em: EntityManager,
  o: { projectId: string; challengeId: string; raisedBy: string; reason: string },
): Promise<ObjectionRow> {
  const [row] = await runSql<ObjectionRow>(
    em,
    sql`INSERT INTO project_objections (project_id, challenge_id, raised_by, reason)
        VALUES (${o.projectId}, ${o.challengeId}, ${o.raisedBy}, ${o.reason})
        RETURNING ${OBJECTION_COLUMNS}`,
  );
  return row;
}

/** The objection to the project, locked FOR UPDATE, or undefined. */
export async function lockObjection(
  em: EntityManager,
  objectionId: string,
  projectId: string,
): Promise<ObjectionRow | undefined> {
  const [row] = await runSql<ObjectionRow>(
    em,
    sql`SELECT ${OBJECTION_COLUMNS} FROM project_objections WHERE id = ${objectionId} AND project_id = ${projectId} FOR UPDATE`,
  );
  return row;
}

export async function resolveObjection(
  em: EntityManager,
  objectionId: string,
  resolution: { decision: 'upheld' | 'dismissed'; resolvedBy: string; comment: string },
): Promise<ObjectionRow> {
  const [row] = await runSql<ObjectionRow>(
    em,
    sql`UPDATE project_objections SET status = ${resolution.decision}, resolved_by = ${resolution.resolvedBy},
               resolution_comment = ${resolution.comment}, resolved_at = now()
         WHERE id = ${objectionId}
        RETURNING ${OBJECTION_COLUMNS}`,
  );
  return row;
}

/** Every other open objection to the project is upheld with the one that revoked it. */
export async function upholdOpenObjections(
  em: EntityManager,
  projectId: string,
  resolvedBy: string,
  comment: string,
): Promise<void> {
  await runSql(
    em,
    sql`UPDATE project_objections SET status = 'upheld', resolved_by = ${resolvedBy}, resolution_comment = ${comment}, resolved_at = now()
         WHERE project_id = ${projectId} AND status = 'open'`,
  );
}

export async function countOpenObjections(em: EntityManager, projectId: string): Promise<number> {
  const [row] = await runSql<{ n: number }>(
    em,
    sql`SELECT count(*)::int AS n FROM project_objections WHERE project_id = ${projectId} AND status = 'open'`,
  );
  return row.n;
}

/** The project's objections, oldest first: all of them, or only those `raisedBy` lodged. */
export function listObjections(em: EntityManager, projectId: string, all: boolean, raisedBy: string): Promise<ObjectionRow[]> {
  return runSql<ObjectionRow>(
    em,
    sql`SELECT ${OBJECTION_COLUMNS} FROM project_objections
         WHERE project_id = ${projectId} AND (${all} OR raised_by = ${raisedBy}) ORDER BY created_at, id`,
  );
}

/** Whether the project `projectIdColumn` has an open objection (it holds the project in publicity). */
export function openObjectionExistsSql(projectIdColumn: Sql): Sql {
  return sql`EXISTS (SELECT 1 FROM project_objections o WHERE o.project_id = ${projectIdColumn} AND o.status = 'open')`;
}

/** Who lodged the objection and the agency organisation of its challenge (for its documents' access rule), or undefined. */
export async function readObjectionParties(
  em: EntityManager,
  objectionId: string,
): Promise<(RowOf<'project_objections', 'raised_by'> & { agency_organization_id: string }) | undefined> {
  const [row] = await runSql<RowOf<'project_objections', 'raised_by'> & { agency_organization_id: string }>(
    em,
    sql`SELECT o.raised_by, c.agency_organization_id FROM project_objections o ${joinChallengeOfProjectSql(sql`o.challenge_id`)}
         WHERE o.id = ${objectionId}`,
  );
  return row;
}
