import { RowOf, sql } from '@app/database';
import { AuditEntry } from '../audit-entry.entity';
import { JsonObject } from '../hash-chain';

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
