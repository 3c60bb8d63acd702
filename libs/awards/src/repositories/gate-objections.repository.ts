import { EntityManager } from 'typeorm';
import { joinChallengeOfProjectSql } from '@app/challenges';
import { RowOf, Sql, runSql, sql } from '@app/database';
import type { ObjectionStatus } from '../project-objection.entity';

export type GateObjectionRow = RowOf<
  'gate_objections',
  'id' | 'gate_id' | 'project_id' | 'reason' | 'resolution_comment' | 'created_at' | 'resolved_at',
  { status: ObjectionStatus }
>;

const COLUMNS = sql`id, gate_id, project_id, status, reason, resolution_comment, created_at, resolved_at`;

/** A new open objection; `UQ_gate_objections_open` refuses a second open one for the project and gate. */
export async function insertGateObjection(
  em: EntityManager,
  o: { gateId: string; projectId: string; challengeId: string; raisedBy: string; reason: string },
): Promise<GateObjectionRow> {
  const [row] = await runSql<GateObjectionRow>(
    em,
    sql`INSERT INTO gate_objections (gate_id, project_id, challenge_id, raised_by, reason)
        VALUES (${o.gateId}, ${o.projectId}, ${o.challengeId}, ${o.raisedBy}, ${o.reason})
        RETURNING ${COLUMNS}`,
  );
  return row;
}

export async function lockGateObjection(
  em: EntityManager,
  objectionId: string,
  gateId: string,
): Promise<GateObjectionRow | undefined> {
  const [row] = await runSql<GateObjectionRow>(
    em,
    sql`SELECT ${COLUMNS} FROM gate_objections WHERE id = ${objectionId} AND gate_id = ${gateId} FOR UPDATE`,
  );
  return row;
}

export async function resolveGateObjection(
  em: EntityManager,
  objectionId: string,
  r: { decision: 'upheld' | 'dismissed'; resolvedBy: string; comment: string },
): Promise<GateObjectionRow> {
  const [row] = await runSql<GateObjectionRow>(
    em,
    sql`UPDATE gate_objections SET status = ${r.decision}, resolved_by = ${r.resolvedBy}, resolution_comment = ${r.comment},
               resolved_at = now()
         WHERE id = ${objectionId} RETURNING ${COLUMNS}`,
  );
  return row;
}

/** Open objections to the gate (all, or only the project's). */
export async function countOpenGateObjections(em: EntityManager, gateId: string, projectId?: string): Promise<number> {
  const [row] = await runSql<{ n: number }>(
    em,
    sql`SELECT count(*)::int AS n FROM gate_objections
         WHERE gate_id = ${gateId} AND status = 'open' ${projectId ? sql`AND project_id = ${projectId}` : sql``}`,
  );
  return row.n;
}

/** The gate's objections, oldest first: all of them, or only those about the organisation's projects. */
export function listGateObjections(
  em: EntityManager,
  gateId: string,
  organizationIds: string[] | 'all',
): Promise<GateObjectionRow[]> {
  const filter =
    organizationIds === 'all'
      ? sql``
      : sql`AND project_id IN (SELECT p.id FROM projects p WHERE p.organization_id = ANY(${organizationIds}::uuid[]))`;
  return runSql<GateObjectionRow>(
    em,
    sql`SELECT ${COLUMNS} FROM gate_objections WHERE gate_id = ${gateId} ${filter} ORDER BY created_at, id`,
  );
}

export function openGateObjectionExistsSql(gateIdColumn: Sql): Sql {
  return sql`EXISTS (SELECT 1 FROM gate_objections o WHERE o.gate_id = ${gateIdColumn} AND o.status = 'open')`;
}

/** Who lodged the objection and the agency organisation of its challenge (for its documents' access rule), or undefined. */
export async function readGateObjectionParties(
  em: EntityManager,
  objectionId: string,
): Promise<(RowOf<'gate_objections', 'raised_by'> & { agency_organization_id: string }) | undefined> {
  const [row] = await runSql<RowOf<'gate_objections', 'raised_by'> & { agency_organization_id: string }>(
    em,
    sql`SELECT o.raised_by, c.agency_organization_id FROM gate_objections o ${joinChallengeOfProjectSql(sql`o.challenge_id`)}
         WHERE o.id = ${objectionId}`,
  );
  return row;
}
