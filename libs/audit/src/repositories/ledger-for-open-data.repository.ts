import { RowOf, Sql, sql } from '@app/database';

/**
 * A ledger entry as the public open-data feed reads it: its id as `entry_id`, its before/after as
 * written (the ledger is immutable, so a release built from it is the same every time it is served),
 * and the time it was recorded as ISO-8601 UTC text (so the feed never parses it twice).
 */
export type LedgerEntryForOpenData = RowOf<
  'audit_entries',
  'action' | 'subject_type' | 'subject_id',
  { entry_id: string; before: Record<string, any> | null; after: Record<string, any> | null; recorded_at: string }
>;

/**
 * The ledger's entries as a relation with the columns of `LedgerEntryForOpenData`, to join on
 * `entry_id`. A plain subquery: Postgres flattens it into the caller's join, so the feed's one
 * statement keeps its plan (an index lookup per event).
 */
export function ledgerEntriesForOpenData(): Sql {
  return sql`(SELECT a.id AS entry_id, a.action, a.subject_type, a.subject_id, a.before, a.after,
            to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
       FROM audit_entries a)`;
}
