import { EntityManager } from 'typeorm';
import { Sql, joinSql, runSql, sql } from '@app/database';
import { AuditEntry } from '../audit-entry.entity';
import { STAFF_DECISIONS } from '../dto/public-actor';
import { LedgerReader, SEALED_ACTION_PREFIXES } from '../ledger-access';
import { AuditEntryRow, ENTRY_COLUMNS, auditEntryOf } from './audit-entries.repository';

/** The filters of the ledger pages (each optional; all must hold). */
export interface LedgerFilter {
  challengeId?: string;
  /** An exact action, e.g. `bid.submitted`. */
  action?: string;
  /** The part of the action before the dot, e.g. `bid`. */
  kind?: string;
  actorId?: string;
  /** recorded_at ≥ from, < to (ISO-8601). */
  from?: string;
  to?: string;
}

/** Where a page starts: after a seq of one chain, or after (recordedAt, id) across chains. */
export type LedgerAfter = { seq: number } | { recordedAt: string; id: string } | null;

/** The reader's visibility (ledger-access.ts, `mayReadEntry`) as a condition on `a`. */
export interface LedgerVisibility {
  reader: LedgerReader;
  /** Subquery of challenge ids whose non-public entries the reader may see once unsealed. */
  unsealedIds: Sql;
}

function visibilitySql(v: LedgerVisibility): Sql {
  if (v.reader === 'public') return sql`a.public`;
  if (v.reader === 'agency') return sql`(a.public OR a.challenge_id IN (${v.unsealedIds}))`;
  const sealed = joinSql(
    SEALED_ACTION_PREFIXES.map((p) => sql`starts_with(a.action, ${p})`),
    ' OR ',
  );
  return sql`(a.public OR a.challenge_id IS NULL OR NOT (${sealed}) OR a.challenge_id IN (${v.unsealedIds}))`;
}

function filterSql(f: LedgerFilter, reader: LedgerReader): Sql[] {
  const parts: Sql[] = [];
  if (f.challengeId) parts.push(sql`a.chain = ${f.challengeId}`);
  if (f.action) parts.push(sql`a.action = ${f.action}`);
  if (f.kind) parts.push(sql`starts_with(a.action, ${`${f.kind}.`})`);
  if (f.actorId) {
    parts.push(sql`a.actor_id = ${f.actorId}::uuid`);
    // Only auditors see every actor; for anyone else an actor filter must not reveal whose acts the view withholds.
    if (reader !== 'auditor') parts.push(sql`a.action = ANY(${[...STAFF_DECISIONS]}::text[])`);
  }
  if (f.from) parts.push(sql`a.recorded_at >= ${f.from}::timestamptz`);
  if (f.to) parts.push(sql`a.recorded_at < ${f.to}::timestamptz`);
  return parts;
}

/**
 * A page of the entries `visibility` allows that match `filter`: one chain in seq order (when the
 * filter names a challenge), or every chain by (recorded_at, id). `limit` rows at most.
 */
export async function readLedgerPage(
  em: EntityManager,
  visibility: LedgerVisibility,
  filter: LedgerFilter,
  after: LedgerAfter,
  limit: number,
): Promise<AuditEntry[]> {
  const where = [visibilitySql(visibility), ...filterSql(filter, visibility.reader)];
  let order: Sql;
  if (filter.challengeId) {
    if (after && 'seq' in after) where.push(sql`a.seq > ${after.seq}`);
    order = sql`a.seq ASC`;
  } else {
    if (after && 'recordedAt' in after)
      where.push(sql`(a.recorded_at, a.id) > (${after.recordedAt}::timestamptz, ${after.id}::uuid)`);
    order = sql`a.recorded_at ASC, a.id ASC`;
  }
  const rows = await runSql<AuditEntryRow>(
    em,
    sql`SELECT ${ENTRY_COLUMNS} FROM audit_entries a WHERE ${joinSql(where, ' AND ')} ORDER BY ${order} LIMIT ${limit}`,
  );
  return rows.map(auditEntryOf);
}
