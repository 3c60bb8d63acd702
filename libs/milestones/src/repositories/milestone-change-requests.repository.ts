import { EntityManager } from 'typeorm';
import { milestonesOfProject } from '@app/awards';
import { RowOf, runSql, sql } from '@app/database';

type LockedChangeRequest = RowOf<'milestone_change_requests', 'id' | 'milestone_id' | 'status' | 'due_at' | 'tranche_fen'>;

export type ChangeRequestListRow = RowOf<
  'milestone_change_requests',
  | 'id'
  | 'milestone_id'
  | 'project_id'
  | 'status'
  | 'due_at'
  | 'tranche_fen'
  | 'reason'
  | 'requested_by'
  | 'created_at'
  | 'decided_at'
  | 'comment'
> &
  RowOf<'project_milestones', 'seq' | 'title'> & { current_due_at: Date; current_tranche_fen: string };

/** A pending request; undefined when the milestone has one pending already (one at a time). */
export async function insertPendingChange(
  em: EntityManager,
  r: {
    projectId: string;
    milestoneId: string;
    requestedBy: string;
    dueAt: string | null;
    trancheFen: number | null;
    reason: string;
  },
): Promise<RowOf<'milestone_change_requests', 'id' | 'created_at'> | undefined> {
  const [row] = await runSql<RowOf<'milestone_change_requests', 'id' | 'created_at'>>(
    em,
    sql`INSERT INTO milestone_change_requests (project_id, milestone_id, requested_by, due_at, tranche_fen, reason)
        VALUES (${r.projectId}, ${r.milestoneId}, ${r.requestedBy}, ${r.dueAt}, ${r.trancheFen}, ${r.reason})
        ON CONFLICT (milestone_id) WHERE status = 'pending' DO NOTHING RETURNING id, created_at`,
  );
  return row;
}

/** The request FOR UPDATE (after its project row, before its milestone row). */
export async function lockChangeRequest(
  em: EntityManager,
  projectId: string,
  changeId: string,
): Promise<LockedChangeRequest | undefined> {
  const [row] = await runSql<LockedChangeRequest>(
    em,
    sql`SELECT id, milestone_id, status, due_at, tranche_fen FROM milestone_change_requests
         WHERE id = ${changeId} AND project_id = ${projectId} FOR UPDATE`,
  );
  return row;
}

export async function recordChangeDecision(
  em: EntityManager,
  changeId: string,
  d: { status: 'approved' | 'rejected'; decidedBy: string; comment: string | null },
): Promise<void> {
  await runSql(
    em,
    sql`UPDATE milestone_change_requests SET status = ${d.status}, decided_by = ${d.decidedBy}, decided_at = now(), comment = ${d.comment}
         WHERE id = ${changeId}`,
  );
}

/** A project's requests, pending first, then newest, each with its milestone's current plan. */
export function changeRequestsOf(em: EntityManager, projectId: string): Promise<ChangeRequestListRow[]> {
  return runSql<ChangeRequestListRow>(
    em,
    sql`SELECT r.id, r.milestone_id, r.project_id, r.status, r.due_at, r.tranche_fen, r.reason, r.requested_by, r.created_at,
               r.decided_at, r.comment, m.seq, m.title, m.due_at AS current_due_at, m.tranche_fen AS current_tranche_fen
          FROM milestone_change_requests r JOIN (${milestonesOfProject(projectId)}) m ON m.id = r.milestone_id
         WHERE r.project_id = ${projectId} ORDER BY (r.status = 'pending') DESC, r.created_at DESC, r.id`,
  );
}

/** The project of a change request (for its documents' access rule), or undefined. */
export async function readChangeRequestProjectId(em: EntityManager, changeId: string): Promise<string | undefined> {
  const [row] = await runSql<RowOf<'milestone_change_requests', 'project_id'>>(
    em,
    sql`SELECT project_id FROM milestone_change_requests WHERE id = ${changeId}`,
  );
  return row?.project_id;
}
