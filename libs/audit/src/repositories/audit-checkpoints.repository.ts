import { EntityManager } from 'typeorm';
import { Sql, runSql, sql } from '@app/database';
import { AuditEntry } from '../audit-entry.entity';
import { ChainBreak, ChainHead } from '../hash-chain';
import { AuditEntryRow, ENTRY_COLUMNS, auditEntryOf, seqOf } from './audit-entries.repository';

/** A chain whose head moved past its checkpoint (or that has no checkpoint, or lost its head). */
export interface ChainToVerify {
  chain: string;
  head: ChainHead | null;
  checkpoint: ChainHead | null;
}

const chainIs = (column: Sql, chain: string | null): Sql => (chain === null ? sql`` : sql`AND ${column} = ${chain}`);

/** How many chains have entries, and how many entries their heads count. */
export async function readLedgerSize(em: EntityManager, chain: string | null): Promise<{ chains: number; entries: number }> {
  const [row] = await runSql<{ chains: number; entries: string | null }>(
    em,
    sql`SELECT count(*)::int AS chains, sum(h.seq)::text AS entries FROM audit_chain_heads h WHERE h.seq > 0 ${chainIs(sql`h.chain`, chain)}`,
  );
  return { chains: row.chains, entries: Number(row.entries ?? 0) };
}

/**
 * Checkpoints whose entry is no longer there as it was checked: deleted, or its stored hash
 * changed. One index lookup per chain, so the cost follows the number of chains, not of entries.
 */
export async function readBrokenCheckpoints(em: EntityManager, chain: string | null): Promise<ChainBreak[]> {
  const rows = await runSql<{ chain: string; seq: string; entry_id: string | null }>(
    em,
    sql`SELECT cp.chain, cp.seq, a.id AS entry_id FROM audit_chain_checkpoints cp
          LEFT JOIN audit_entries a ON a.chain = cp.chain AND a.seq = cp.seq
         WHERE (a.id IS NULL OR a.hash <> cp.hash) ${chainIs(sql`cp.chain`, chain)}`,
  );
  return rows.map((r) => ({
    chain: r.chain,
    seq: seqOf(r.seq),
    entryId: r.entry_id,
    reason: r.entry_id === null ? ('missing_entry' as const) : ('hash_mismatch' as const),
  }));
}

type HeadAndCheckpointRow = {
  chain: string;
  head_seq: string | null;
  head_hash: string | null;
  cp_seq: string | null;
  cp_hash: string | null;
};

/**
 * The chains with something to verify: the head differs from the checkpoint, there is no
 * checkpoint or no head, or an entry lies beyond the head (appended around the head's lock).
 * With `all`: every chain, including entries' chains that have neither head nor checkpoint.
 */
export async function readChainsToVerify(em: EntityManager, chain: string | null, all = false): Promise<ChainToVerify[]> {
  const changed = all
    ? sql`true`
    : sql`(h.chain IS NULL OR cp.chain IS NULL OR h.seq <> cp.seq OR h.hash <> cp.hash
           OR EXISTS (SELECT 1 FROM audit_entries a WHERE a.chain = h.chain AND a.seq > h.seq))`;
  const orphans = all
    ? sql`UNION SELECT DISTINCT a.chain, NULL::bigint, NULL::char(64), NULL::bigint, NULL::char(64) FROM audit_entries a
           WHERE NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.chain = a.chain)
             AND NOT EXISTS (SELECT 1 FROM audit_chain_checkpoints cp WHERE cp.chain = a.chain) ${chainIs(sql`a.chain`, chain)}`
    : sql``;
  const rows = await runSql<HeadAndCheckpointRow>(
    em,
    sql`SELECT coalesce(h.chain, cp.chain) AS chain, h.seq AS head_seq, h.hash AS head_hash, cp.seq AS cp_seq, cp.hash AS cp_hash
          FROM audit_chain_heads h FULL JOIN audit_chain_checkpoints cp ON cp.chain = h.chain
         WHERE ${changed} ${chainIs(sql`coalesce(h.chain, cp.chain)`, chain)}
        ${orphans}
         ORDER BY 1`,
  );
  const headOf = (seq: string | null, hash: string | null) => (seq === null || hash === null ? null : { seq: seqOf(seq), hash });
  return rows.map((r) => ({ chain: r.chain, head: headOf(r.head_seq, r.head_hash), checkpoint: headOf(r.cp_seq, r.cp_hash) }));
}

/**
 * The entries of several chains after each one's start seq, in (chain, seq) order, `limit` at a
 * time from `after` (the last (chain, seq) of the previous batch): one statement for every chain
 * a pass verifies, however many there are.
 */
export async function readTailsAfter(
  em: EntityManager,
  starts: { chain: string; afterSeq: number }[],
  after: { chain: string; seq: number } | null,
  limit: number,
): Promise<AuditEntry[]> {
  const from = after ? sql`AND (a.chain, a.seq) > (${after.chain}::varchar, ${after.seq}::bigint)` : sql``;
  const rows = await runSql<AuditEntryRow>(
    em,
    sql`SELECT ${ENTRY_COLUMNS}
          FROM unnest(${starts.map((s) => s.chain)}::varchar[], ${starts.map((s) => s.afterSeq)}::bigint[]) AS t(chain, after_seq)
          JOIN audit_entries a ON a.chain = t.chain AND a.seq > t.after_seq
         WHERE true ${from}
         ORDER BY a.chain, a.seq LIMIT ${limit}`,
  );
  return rows.map(auditEntryOf);
}

/**
 * Moves chains' checkpoints forward to the given heads, in one statement (never back: concurrent
 * passes may finish in any order).
 */
export async function advanceCheckpoints(em: EntityManager, to: { chain: string; at: ChainHead }[]): Promise<void> {
  if (to.length === 0) return;
  await runSql(
    em,
    sql`INSERT INTO audit_chain_checkpoints AS cp (chain, seq, hash, verified_at)
        SELECT chain, seq, hash, now() FROM unnest(${to.map((t) => t.chain)}::varchar[], ${to.map((t) => t.at.seq)}::bigint[],
                                                   ${to.map((t) => t.at.hash)}::char(64)[]) AS u(chain, seq, hash)
        ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, verified_at = EXCLUDED.verified_at
        WHERE cp.seq < EXCLUDED.seq`,
  );
}
