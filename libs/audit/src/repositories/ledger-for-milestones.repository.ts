import { EntityManager } from 'typeorm';
import { RowOf, Sql, runSql, sql } from '@app/database';

/**
 * What libs/milestones' notices job reads of the ledger: which chains have entries after its
 * cursors, and those entries in `seq` order. Within a chain entries commit in `seq` order (the head
 * is locked until the appending transaction ends), so reading "after seq" never skips a late commit.
 */

export type LedgerEntryForMilestones = RowOf<
  'audit_entries',
  'id' | 'chain' | 'challenge_id' | 'action' | 'subject_id',
  { seq: string; after: Record<string, unknown> | null }
>;

/**
 * Up to `limit` chains whose head is past the caller's cursor; `cursors` is a relation
 * `(chain, seq)` (a chain without a row is at 0).
 */
export async function chainsBehind(em: EntityManager, cursors: Sql, limit: number): Promise<string[]> {
  const rows = await runSql<{ chain: string }>(
    em,
    sql`SELECT h.chain FROM audit_chain_heads h LEFT JOIN (${cursors}) c ON c.chain = h.chain
         WHERE h.seq > coalesce(c.seq, 0) ORDER BY h.updated_at, h.chain LIMIT ${limit}`,
  );
  return rows.map((r) => r.chain);
}

/** The chain's entries after `afterSeq`, oldest first, up to `limit`. */
export function ledgerEntriesAfter(
  em: EntityManager,
  chain: string,
  afterSeq: number,
  limit: number,
): Promise<LedgerEntryForMilestones[]> {
  return runSql<LedgerEntryForMilestones>(
    em,
    sql`SELECT a.id, a.chain, a.seq, a.challenge_id, a.action, a.subject_id, a.after FROM audit_entries a
         WHERE a.chain = ${chain} AND a.seq > ${afterSeq} ORDER BY a.seq LIMIT ${limit}`,
  );
}
