import { EntityManager } from 'typeorm';
import { Sql, rawSql, runSql, sql } from '@app/database';
import { ChainHead, GENESIS_HASH } from '../hash-chain';
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
  return { seq: seqOf(row.seq), hash: row.hash, prevHash: row.prev_hash };
}

/**
 * The append of `appendOnHead` as CTEs of the caller's statement: `${prefix}_entry` (the entry,
 * `RETURNING chain, seq, hash, prev_hash`) and `${prefix}_moved` (the head moved onto it: one row).
 * The award path places them in its single write statement, so the chain's lock costs it no round
 * trip of its own.
 *
 * A chain without a head starts from the genesis hash and the head is created; but two
 * transactions that both start a new chain would not wait for each other here (the second one's
 * entry 1 breaks `UQ_audit_entries_chain_seq`), so callers create the head first, once
 * (`AuditService.ensureChain`): the chain cannot fork, and nobody fails for starting it.
 */
export function appendOnHeadCtes(e: UnchainedEntry, prefix: 'ledger' | 'award_ledger'): Sql {
  const t = canonicalTemplate(e);
  const locked = rawSql(`${prefix}_locked`);
  const head = rawSql(`${prefix}_head`);
  const entry = rawSql(`${prefix}_entry`);
  const moved = rawSql(`${prefix}_moved`);
  // After waiting for the head's lock, READ COMMITTED hands back its newest version, from which the
  // entry is numbered and hashed.
  return sql`${locked} AS (
      SELECT chain, seq, hash FROM audit_chain_heads WHERE chain = ${e.chain} FOR UPDATE
    ), ${head} AS (
      SELECT chain, seq, hash FROM ${locked}
      UNION ALL SELECT ${e.chain}, 0, ${GENESIS_HASH} WHERE NOT EXISTS (SELECT 1 FROM ${locked})
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
      INSERT INTO audit_chain_heads AS h (chain, seq, hash) SELECT chain, seq, hash FROM ${entry}
      ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, updated_at = now()
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
        VALUES (${e.id}, ${e.chain}, ${e.challengeId}, ${e.actorId}, ${e.action}, ${e.subjectType}, ${e.subjectId},
                ${jsonb(e.before)}::jsonb, ${jsonb(e.after)}::jsonb, ${e.public}, ${e.recordedAt},
                ${t.beforePrevHash}, ${t.beforeSeq}, ${t.afterSeq})`,
  );
}
