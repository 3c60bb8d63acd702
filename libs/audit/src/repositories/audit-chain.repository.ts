import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';
import { ChainHead, GENESIS_HASH, StoredEntry } from '../hash-chain';
import { insertAuditEntrySql, seqOf } from './audit-entries.repository';

type ChainHeadRow = RowOf<'audit_chain_heads', 'chain' | 'seq' | 'hash'>;

/**
 * The head of `chain` under `SELECT … FOR UPDATE` (created at the genesis hash the first time), so
 * appends to one chain are serialised until the caller's transaction ends.
 */
export async function lockChainHeadRow(em: EntityManager, chain: string): Promise<ChainHead> {
  const lock = () =>
    runSql<Pick<ChainHeadRow, 'seq' | 'hash'>>(
      em,
      sql`SELECT seq, hash FROM audit_chain_heads WHERE chain = ${chain} FOR UPDATE`,
    );
  let [head] = await lock();
  if (!head) {
    await runSql(
      em,
      sql`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (${chain}, 0, ${GENESIS_HASH}) ON CONFLICT (chain) DO NOTHING`,
    );
    [head] = await lock();
  }
  return { seq: seqOf(head.seq), hash: head.hash };
}

/**
 * Appending `entry` (built by `nextEntry` on the head locked by `lockChainHeadRow`) as two CTEs of
 * the caller's statement: `entryCte` inserts the entry, `headCte` moves the chain head onto it
 * (`RETURNING h.seq`: one row when the head advanced). The award path places them beside its own
 * writes so the decision and its ledger entry are one statement.
 */
export function appendAuditEntryCtes(entry: StoredEntry, names: { entryCte: string; headCte: string }): Sql {
  const a = rawSql(names.entryCte);
  const h = rawSql(names.headCte);
  return sql`${a} AS (
    ${insertAuditEntrySql(entry)}
  ), ${h} AS (
    UPDATE audit_chain_heads h SET seq = ${a}.seq, hash = ${a}.hash, updated_at = now() FROM ${a} WHERE h.chain = ${a}.chain
    RETURNING h.seq
  )`;
}

/** Appends `entry` on its own: one statement, the two CTEs above. Returns whether the head advanced. */
export async function appendAuditEntry(em: EntityManager, entry: StoredEntry): Promise<boolean> {
  const [row] = await runSql<{ audited: number }>(
    em,
    sql`WITH ${appendAuditEntryCtes(entry, { entryCte: 'entry', headCte: 'head' })} SELECT count(*)::int AS audited FROM head`,
  );
  return row.audited === 1;
}
