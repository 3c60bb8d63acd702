import { EntityManager } from 'typeorm';
import { LedgerEntryForOpenData, ledgerEntriesForOpenData } from '@app/audit';
import { ChallengeOfEventForOpenData, challengesOfEventsForOpenData } from '@app/challenges';
import { RowOf, joinSql, queryRows, rawSql, runSql, sql } from '@app/database';
import { organizationsForOpenData } from '@app/identity';
import type { Position } from '../event-log';

/**
 * One event of the log with its ledger entry and what every release needs of its challenge (its
 * buyer: the agency organisation that owns it; its code is null while the agency is unverified). Kept small on purpose (the bulk
 * export reads 100,000s of them): a builder that needs more fetches it for its whole batch.
 * Timestamps are ISO-8601 UTC text.
 */
export type EventRow = RowOf<
  'open_data_events',
  'xid' | 'seq' | 'challenge_id',
  { buyer_name: string; buyer_credit_code: string | null }
> &
  LedgerEntryForOpenData &
  ChallengeOfEventForOpenData;

export interface ReleaseFilter {
  /** Only this challenge (from an ocid). */
  challengeId?: string;
  /** Only challenges of this industry (primary or secondary). */
  industry?: string;
}

/**
 * SQL expression (xid8) of the horizon described in event-log.ts; use it in the same statement as
 * the read (same snapshot). Rows with `xid < horizon` are final: committed and visible to this
 * statement, or never will be.
 */
const HORIZON = rawSql(`COALESCE(
  (SELECT min(x) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
    WHERE NOT EXISTS (
      SELECT 1 FROM pg_stat_activity a
      WHERE a.backend_xid IS NOT NULL
        AND a.datid IS DISTINCT FROM (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
        AND a.backend_xid::text::bigint = (x::text::numeric % 4294967296)::bigint)),
  pg_snapshot_xmax(pg_current_snapshot()))`);

/**
 * The events after `since` that are final (below the horizon), of these ledger actions, up to
 * `limit`, in log order: one statement over the log, the ledger, the challenges and their buyers.
 */
export function finalEventsAfter(
  em: EntityManager,
  since: Position,
  limit: number,
  actions: readonly string[],
  filter: ReleaseFilter,
): Promise<EventRow[]> {
  const where = [
    sql`(e.xid, e.seq) > (${since.xid}::xid8, ${since.seq}::bigint)`,
    sql`e.xid < ${HORIZON}`,
    sql`e.action = ANY(${actions}::text[])`,
    ...(filter.challengeId ? [sql`e.challenge_id = ${filter.challengeId}::uuid`] : []),
  ];
  return runSql<EventRow>(
    em,
    sql`SELECT e.xid::text AS xid, e.seq::text AS seq, e.challenge_id,
               a.entry_id, a.action, a.subject_type, a.subject_id, a.before, a.after, a.recorded_at,
               c.published_at, c.agency_organization_id, b.name AS buyer_name, b.credit_code AS buyer_credit_code
          FROM open_data_events e
          JOIN ${ledgerEntriesForOpenData()} a ON a.entry_id = e.audit_entry_id
          JOIN ${challengesOfEventsForOpenData(filter.industry)} c ON c.id = e.challenge_id
          JOIN ${organizationsForOpenData()} b ON b.id = c.agency_organization_id
         WHERE ${joinSql(where, ' AND ')}
         ORDER BY e.xid, e.seq LIMIT ${limit}`,
  );
}

/** Whether a challenge has any public event (it was published: a contracting process of ours). */
export async function hasPublicEvents(em: EntityManager, challengeId: string): Promise<boolean> {
  const rows = await queryRows(em, `SELECT 1 FROM open_data_events WHERE challenge_id = $1::uuid LIMIT 1`, [challengeId]);
  return rows.length > 0;
}
