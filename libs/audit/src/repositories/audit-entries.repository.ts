import { EntityManager } from 'typeorm';
import { RowOf, Sql, runSql, sql } from '@app/database';
import { AuditEntry } from '../audit-entry.entity';
import { JsonObject, StoredEntry } from '../hash-chain';

/** A ledger row as stored; seq is a bigint (a string from pg). */
export type AuditEntryRow = RowOf<
  'audit_entries',
  | 'id'
  | 'chain'
  | 'seq'
  | 'challenge_id'
  | 'actor_id'
  | 'action'
  | 'subject_type'
  | 'subject_id'
  | 'public'
  | 'recorded_at'
  | 'prev_hash'
  | 'hash',
  { before: JsonObject | null; after: JsonObject | null }
>;

const ENTRY_COLUMNS = sql`a.id, a.chain, a.seq, a.challenge_id, a.actor_id, a.action, a.subject_type, a.subject_id, a.before, a.after,
  a.public, a.recorded_at, a.prev_hash, a.hash`;

/** Where a page of the public ledger starts: after a seq of one chain, or after (recordedAt, id) across chains. */
export type PublicEntriesAfter = { chain: string; seq: number | null } | { recordedAt: string; id: string } | null;

const json = (value: JsonObject | null) => (value === null ? null : JSON.stringify(value));

/**
 * The INSERT of one hashed entry, returning `chain, seq, hash` (the shape the head update reads).
 * Only appended through `appendAuditEntryCtes`, which moves the chain head in the same statement.
 */
export function insertAuditEntrySql(entry: StoredEntry): Sql {
  return sql`INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public,
                                 recorded_at, prev_hash, hash)
     VALUES (${entry.id}, ${entry.chain}, ${entry.seq}, ${entry.challengeId}, ${entry.actorId}, ${entry.action}, ${entry.subjectType},
             ${entry.subjectId}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb, ${entry.public}, ${entry.recordedAt},
             ${entry.prevHash}, ${entry.hash})
     RETURNING chain, seq, hash`;
}

/** Public entries: one chain in seq order, or every chain by (recorded_at, id); `limit` rows at most. */
export async function readPublicEntries(em: EntityManager, after: PublicEntriesAfter, limit: number): Promise<AuditEntry[]> {
  let where: Sql;
  let order: Sql;
  if (after && 'chain' in after) {
    where = after.seq === null ? sql`AND a.chain = ${after.chain}` : sql`AND a.chain = ${after.chain} AND a.seq > ${after.seq}`;
    order = sql`a.seq ASC`;
  } else {
    where = after ? sql`AND (a.recorded_at, a.id) > (${after.recordedAt}::timestamptz, ${after.id}::uuid)` : sql``;
    order = sql`a.recorded_at ASC, a.id ASC`;
  }
  const rows = await runSql<AuditEntryRow>(
    em,
    sql`SELECT ${ENTRY_COLUMNS} FROM audit_entries a WHERE a.public = true ${where} ORDER BY ${order} LIMIT ${limit}`,
  );
  return rows.map(auditEntryOf);
}

/** Every entry of every chain in (chain, seq) order, a batch at a time, after `after` (verify). */
export async function readEntriesAfter(
  em: EntityManager,
  after: { chain: string; seq: number } | null,
  limit: number,
): Promise<AuditEntry[]> {
  const where = after ? sql`WHERE (a.chain, a.seq) > (${after.chain}, ${after.seq})` : sql``;
  const rows = await runSql<AuditEntryRow>(
    em,
    sql`SELECT ${ENTRY_COLUMNS} FROM audit_entries a ${where} ORDER BY a.chain ASC, a.seq ASC LIMIT ${limit}`,
  );
  return rows.map(auditEntryOf);
}

export function auditEntryOf(row: AuditEntryRow): AuditEntry {
  return Object.assign(new AuditEntry(), {
    id: row.id,
    chain: row.chain,
    seq: seqOf(row.seq),
    challengeId: row.challenge_id,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    before: row.before,
    after: row.after,
    public: row.public,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  });
}

/** bigint sequence numbers stay safe integers (as the entity's transformer insists). */
export function seqOf(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError(`seq ${String(value)} is not a safe integer`);
  return n;
}
