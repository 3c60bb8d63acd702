import { EntityManager } from 'typeorm';
import { milestoneLabels, otherMilestonesOf, projectMoney } from '@app/awards';
import { RowOf, rawSql, runSql, sql } from '@app/database';

/** Lock order: the project row, then its milestone rows, then a disbursement row. */

export type DisbursementForPayment = RowOf<'disbursements', 'id' | 'amount_fen' | 'status'> & {
  milestone_status: string;
  title: string;
};

export interface DisbursementListItem {
  id: string;
  milestoneId: string;
  seq: number;
  title: string;
  amountFen: string;
  status: string;
  scheduledFor: string;
  paidAt: string | null;
  reason: string | null;
}

/** What a project will pay besides what it has paid: its disbursements still scheduled. */
export async function scheduledFenOfProject(em: EntityManager, projectId: string): Promise<string> {
  const [row] = await runSql<{ s: string }>(
    em,
    sql`SELECT coalesce(sum(amount_fen), 0)::bigint AS s FROM disbursements WHERE project_id = ${projectId} AND status = 'scheduled'`,
  );
  return row.s;
}

/** The projects among `projectIds` with a disbursement still scheduled (accepted, neither paid nor stopped). */
export async function projectsWithScheduledDisbursements(em: EntityManager, projectIds: readonly string[]): Promise<string[]> {
  const rows = await runSql<{ project_id: string }>(
    em,
    sql`SELECT DISTINCT project_id FROM disbursements WHERE project_id = ANY(${projectIds}::uuid[]) AND status = 'scheduled'
         ORDER BY project_id`,
  );
  return rows.map((r) => r.project_id);
}

/** A scheduled disbursement, due after `delayMs`; undefined when the milestone has one already. */
export async function scheduleDisbursement(
  em: EntityManager,
  d: { projectId: string; milestoneId: string; challengeId: string; amountFen: number; delayMs: number; createdBy: string },
): Promise<RowOf<'disbursements', 'id' | 'scheduled_for'> | undefined> {
  const [row] = await runSql<RowOf<'disbursements', 'id' | 'scheduled_for'>>(
    em,
    sql`INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, scheduled_for, created_by)
        VALUES (${d.projectId}, ${d.milestoneId}, ${d.challengeId}, ${d.amountFen}, now() + ${d.delayMs} * interval '1 millisecond', ${d.createdBy})
        ON CONFLICT (milestone_id) DO NOTHING RETURNING id, scheduled_for`,
  );
  return row;
}

/** Before any lock: the milestone's disbursement, its status and how long until it is due (database clock). */
export async function peekDisbursement(
  em: EntityManager,
  milestoneId: string,
): Promise<(RowOf<'disbursements', 'project_id' | 'status'> & { due_ms: string }) | undefined> {
  const [row] = await runSql<RowOf<'disbursements', 'project_id' | 'status'> & { due_ms: string }>(
    em,
    sql`SELECT project_id, status, (extract(epoch FROM scheduled_for - now()) * 1000)::bigint AS due_ms
          FROM disbursements WHERE milestone_id = ${milestoneId}`,
  );
  return row;
}

/** The disbursement FOR UPDATE (after its project row), with its milestone's status and title. */
export async function lockDisbursementForPayment(
  em: EntityManager,
  milestoneId: string,
): Promise<DisbursementForPayment | undefined> {
  const [row] = await runSql<DisbursementForPayment>(
    em,
    sql`SELECT d.id, d.amount_fen, d.status, m.status AS milestone_status, m.title
          FROM disbursements d JOIN (${milestoneLabels()}) m ON m.id = d.milestone_id
         WHERE d.milestone_id = ${milestoneId} FOR UPDATE OF d`,
  );
  return row;
}

export async function stopDisbursement(
  em: EntityManager,
  id: string,
  status: 'cancelled' | 'blocked',
  reason: string,
): Promise<void> {
  await runSql(em, sql`UPDATE disbursements SET status = ${status}, reason = ${reason} WHERE id = ${id}`);
}

export async function markDisbursementPaid(em: EntityManager, id: string): Promise<void> {
  await runSql(em, sql`UPDATE disbursements SET status = 'paid', paid_at = now() WHERE id = ${id}`);
}

/**
 * A project's money and its disbursements, in ONE statement (one snapshot: the totals and the rows
 * always agree; a tranche paid between two reads would otherwise show as paid while the total
 * still leaves it out). Undefined for an unknown project.
 */
export async function disbursementLedgerOf(
  em: EntityManager,
  projectId: string,
): Promise<(RowOf<'projects', 'granted_fen' | 'paid_fen'> & { items: DisbursementListItem[] }) | undefined> {
  const [row] = await runSql<RowOf<'projects', 'granted_fen' | 'paid_fen'> & { items: DisbursementListItem[] }>(
    em,
    sql`SELECT p.granted_fen, p.paid_fen,
               coalesce((SELECT json_agg(json_build_object('id', d.id, 'milestoneId', d.milestone_id, 'seq', m.seq, 'title', m.title,
                                                           'amountFen', d.amount_fen::text, 'status', d.status, 'scheduledFor', d.scheduled_for,
                                                           'paidAt', d.paid_at, 'reason', d.reason) ORDER BY d.created_at, d.id)
                           FROM disbursements d JOIN (${milestoneLabels()}) m ON m.id = d.milestone_id WHERE d.project_id = p.id), '[]') AS items
          FROM (${projectMoney(projectId)}) p`,
  );
  return row;
}

/** What the plan commits besides one milestone: open tranches as planned, decided ones as paid or scheduled. */
export async function otherTranchesFen(em: EntityManager, projectId: string, milestoneId: string): Promise<string> {
  const [row] = await runSql<{ s: string }>(
    em,
    sql`SELECT coalesce(sum(CASE WHEN m.status IN ('scheduled', 'submitted', 'overdue') THEN m.tranche_fen
                                 WHEN m.status IN ('met', 'partially_met') THEN coalesce(d.amount_fen, 0) ELSE 0 END), 0)::bigint AS s
          FROM (${otherMilestonesOf(projectId, milestoneId)}) m
          LEFT JOIN disbursements d ON d.milestone_id = m.id AND d.status IN ('scheduled', 'paid')`,
  );
  return row.s;
}

/** Every disbursement still to pay, soonest first (the reconciler schedules a job for each). */
export function scheduledDisbursements(em: EntityManager): Promise<RowOf<'disbursements', 'milestone_id' | 'scheduled_for'>[]> {
  return runSql(em, sql`SELECT milestone_id, scheduled_for FROM disbursements WHERE status = 'scheduled' ORDER BY scheduled_for`);
}

/** A scalar: a project's (column `projectId`) disbursements still scheduled, in fen. */
export const scheduledFenOf = (projectId: string) =>
  sql`(SELECT coalesce(sum(d.amount_fen), 0) FROM disbursements d WHERE d.project_id = ${rawSql(projectId)} AND d.status = 'scheduled')`;
