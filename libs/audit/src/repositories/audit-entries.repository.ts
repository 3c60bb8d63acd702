import { RowOf, Sql, sql } from '@app/database';
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

/** The columns of `AuditEntryRow`, read from `audit_entries a`. */
export const ENTRY_COLUMNS = sql`a.id, a.chain, a.seq, a.challenge_id, a.actor_id, a.action, a.subject_type, a.subject_id, a.before, a.after,
  a.public, a.recorded_at, a.prev_hash, a.hash`;

/** A before/after value as the text of a `::jsonb` parameter. */
export const jsonb = (value: JsonObject | null) => (value === null ? null : JSON.stringify(value));

/**
 * The INSERT of one hashed entry, returning `chain, seq, hash` (the shape the head update reads).
 * Only appended through `appendAuditEntryCtes`, which moves the chain head in the same statement.
 */
export function insertAuditEntrySql(entry: StoredEntry): Sql {
  return sql`INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public,
                                 recorded_at, prev_hash, hash)
     VALUES (${entry.id}, ${entry.chain}, ${entry.seq}, ${entry.challengeId}, ${entry.actorId}, ${entry.action}, ${entry.subjectType},
             ${entry.subjectId}, ${jsonb(entry.before)}::jsonb, ${jsonb(entry.after)}::jsonb, ${entry.public}, ${entry.recordedAt},
             ${entry.prevHash}, ${entry.hash})
     RETURNING chain, seq, hash`;
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
