import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';
import { ChainHead, GENESIS_HASH, StoredEntry } from '../hash-chain';
import { UnchainedEntry, canonicalTemplate } from '../hash-template';
import { insertAuditEntrySql, jsonb, seqOf } from './audit-entries.repository';

type ChainHeadRow = RowOf<'audit_chain_heads', 'chain' | 'seq' | 'hash'>;

/**
 * Appends `entry` to the head of its chain in ONE statement: lock the head, hash the entry in the
 * database with the head's seq and hash filled into its canonical text (hash-template.ts), insert
 * it and move the head. Under the chain's lock the caller then only commits: one round trip less
 * than locking the head (`lockChainHeadRow`) and then appending, which matters when a deadline rush queues on the
 * chain. The head is created at the genesis hash the first time. Returns the stored seq and hashes.
 */
export async function appendOnHead(em: EntityManager, entry: UnchainedEntry): Promise<ChainHead & { prevHash: string }> {
  const append = () => runSql<{ seq: string; hash: string; prev_hash: string }>(em, appendOnHeadSql(entry));
  let [row] = await append();
  if (!row) {
    await createChainHead(em, entry.chain);
    [row] = await append();
  }
  return { seq: seqOf(row.seq), hash: row.hash, prevHash: row.prev_hash };
}

function appendOnHeadSql(e: UnchainedEntry): Sql {
  const t = canonicalTemplate(e);
  // The head is locked by the first CTE; after waiting for it, READ COMMITTED hands back its newest
  // version, from which the entry is numbered and hashed; the outer UPDATE then moves that row.
  return sql`WITH head AS (
      SELECT chain, seq, hash FROM audit_chain_heads WHERE chain = ${e.chain} FOR UPDATE
    ), entry AS (
      INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public,
                                 recorded_at, prev_hash, hash)
      SELECT ${e.id}, head.chain, head.seq + 1, ${e.challengeId}, ${e.actorId}, ${e.action}, ${e.subjectType}, ${e.subjectId},
             ${jsonb(e.before)}::jsonb, ${jsonb(e.after)}::jsonb, ${e.public}, ${e.recordedAt}, head.hash,
             encode(sha256(convert_to(${t.beforePrevHash}::text || head.hash || ${t.beforeSeq}::text || (head.seq + 1)::text
                                      || ${t.afterSeq}::text, 'UTF8')), 'hex')
        FROM head
      RETURNING chain, seq, hash, prev_hash
    )
    UPDATE audit_chain_heads h SET seq = entry.seq, hash = entry.hash, updated_at = now() FROM entry WHERE h.chain = entry.chain
    RETURNING entry.seq, entry.hash, entry.prev_hash`;
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

function createChainHead(em: EntityManager, chain: string): Promise<unknown> {
  return runSql(
    em,
    sql`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES (${chain}, 0, ${GENESIS_HASH}) ON CONFLICT (chain) DO NOTHING`,
  );
}

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
    await createChainHead(em, chain);
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
