import { EntityManager } from 'typeorm';
import { Sql, rawSql, runSql, sql } from '@app/database';
import { ChainHead, GENESIS_HASH, chainOf } from '../hash-chain';
import { UnchainedEntry, canonicalTemplate } from '../hash-template';
import { jsonb, seqOf } from './audit-entries.repository';

/**
 * Appends `entry` to the head of its chain in ONE statement: lock the head, hash the entry in the
 * database with the head's seq and hash filled into its canonical text (hash-template.ts), insert
 * it and move the head. Under the chain's lock the caller then only commits: one round trip less
 * than locking the head and then appending, which matters when a deadline rush queues on the
 * chain. Returns the stored seq and hashes.
 */
export async function appendOnHead(em: EntityManager, entry: UnchainedEntry): Promise<ChainHead & { prevHash: string }> {
  const [row] = await runSql<{ seq: string; hash: string; prev_hash: string }>(
    em,
    sql`WITH ${appendOnHeadCtes(entry, 'ledger')} SELECT seq, hash, prev_hash FROM ledger_entry`,
  );
  if (!row) throw new Error(`audit chain ${chainOf(entry.challengeId)} has no head: AuditService.ensureChain comes first`);
  return { seq: seqOf(row.seq), hash: row.hash, prevHash: row.prev_hash };
}

/**
 * The append of `appendOnHead` as CTEs of the caller's statement: `${prefix}_entry` (the entry,
 * `RETURNING chain, seq, hash, prev_hash`) and `${prefix}_moved` (the head moved onto it: one row).
 * The award path places them in its single write statement, so the chain's lock costs it no round
 * trip of its own. The chain's head must exist (`AuditService.ensureChain`, so that two first
 * appends wait for each other too); without one nothing is appended and `_moved` is empty.
 */
export function appendOnHeadCtes(e: UnchainedEntry, prefix: 'ledger' | 'award_ledger'): Sql {
  const t = canonicalTemplate(e);
  const chain = chainOf(e.challengeId);
  const head = rawSql(`${prefix}_head`);
  const entry = rawSql(`${prefix}_entry`);
  const moved = rawSql(`${prefix}_moved`);
  // After waiting for the head's lock, READ COMMITTED hands back its newest version, from which the
  // entry is numbered and hashed. The head is updated by its key (not only by a join on the entry),
  // so Postgres reads one index entry rather than every chain's head.
  return sql`${head} AS (
      SELECT chain, seq, hash FROM audit_chain_heads WHERE chain = ${chain} FOR UPDATE
    ), ${entry} AS (
      INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public,
                                 recorded_at, prev_hash, hash)
      SELECT ${e.id}, ${head}.chain, ${head}.seq + 1, ${e.challengeId}, ${e.actorId}, ${e.action}, ${e.subjectType}, ${e.subjectId},
             ${jsonb(e.before)}::jsonb, ${jsonb(e.after)}::jsonb, ${e.public}, ${e.recordedAt}, ${head}.hash,
             encode(sha256(convert_to(${t.beforePrevHash}::text || ${head}.hash || ${t.beforeSeq}::text || (${head}.seq + 1)::text
                                      || ${t.afterSeq}::text, 'UTF8')), 'hex')
        FROM ${head}
      RETURNING chain, seq, hash, prev_hash
    ), ${moved} AS (
      UPDATE audit_chain_heads h SET seq = ${entry}.seq, hash = ${entry}.hash, updated_at = now()
        FROM ${entry} WHERE h.chain = ${chain} AND h.chain = ${entry}.chain
      RETURNING h.seq
    )`;
}

/**
 * Creates `chain`'s head at the genesis hash if it has none; waits for a concurrent creation rather
 * than failing. True when the head already existed (committed), false when this call created it.
 */
export async function ensureChainHead(em: EntityManager, chain: string): Promise<boolean> {
  const created = await runSql(
    em,
    sql`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (${chain}, 0, ${GENESIS_HASH}) ON CONFLICT (chain) DO NOTHING RETURNING 1`,
  );
  return created.length === 0;
}

/**
 * Queues `entry` for its chain at the caller's COMMIT: a deferred trigger (migration
 * 1795614850000) numbers, hashes and appends it then, so nothing is locked until the commit.
 * `alongside`: CTEs of the caller's own writes to run in the same statement (one round trip).
 */
export async function insertPendingEntry(em: EntityManager, e: UnchainedEntry, alongside?: Sql): Promise<void> {
  const t = canonicalTemplate(e);
  await runSql(
    em,
    sql`${alongside ? sql`WITH ${alongside} ` : rawSql('')}INSERT INTO audit_pending (id, chain, challenge_id, actor_id, action, subject_type, subject_id, before, after, public, recorded_at,
                                   text_before_prev_hash, text_before_seq, text_after_seq)
        VALUES (${e.id}, ${chainOf(e.challengeId)}, ${e.challengeId}, ${e.actorId}, ${e.action}, ${e.subjectType}, ${e.subjectId},
                ${jsonb(e.before)}::jsonb, ${jsonb(e.after)}::jsonb, ${e.public}, ${e.recordedAt},
                ${t.beforePrevHash}, ${t.beforeSeq}, ${t.afterSeq})`,
  );
}
