/**
 * The public-event log's cursor: how a consumer follows `open_data_events` without missing or
 * repeating an event, while decisions commit concurrently.
 *
 * Every public ledger entry of a challenge gets a row in `open_data_events`, written by a trigger
 * in the transaction that made the decision (migration OpenData1795612400000). A row's position
 * is `(xid, seq)`: the id of the transaction that wrote it (`pg_current_xact_id()`) and an
 * insertion sequence.
 *
 * Why not `seq` alone: sequences are handed out at insert time, not at commit. Transaction A takes
 * seq 7, B takes seq 8 and commits first; a reader who then reads "after 6" gets 8, and its next
 * read "after 8" never returns 7. A hole that closes later is a gap for every consumer that passed it.
 *
 * The rule: a read serves only rows whose xid is below a *horizon* such that no transaction that
 * is still running, or that will start later, can have an xid below it; and it orders by
 * (xid, seq). Then what a read serves is always a prefix of the final (xid, seq) order — every
 * row that becomes visible later sorts after everything already served — so `since = last
 * position served` never skips and never repeats. Rows of a transaction that aborted never exist.
 *
 * The horizon, computed in the same statement (so against the same snapshot) as the rows (see
 * `finalEventsAfter` in repositories/open-data-events.repository.ts):
 *   the smallest xid that the snapshot reports in progress (`pg_snapshot_xip`), or the snapshot's
 *   `xmax` when none is. A transaction in progress in ANOTHER database of the cluster cannot write
 *   this table, so it is skipped — but only when `pg_stat_activity`, read after the snapshot was
 *   taken, still shows that xid running in another database (a finished one, a prepared one or an
 *   unreadable one counts as ours: conservative). Without that refinement any long transaction on
 *   a shared server would hold every feed back; with it, only this database's own do.
 *
 * The cost: an event is served once every transaction that started before it committed has
 * ended — a feed lags behind the database by at most its longest running transaction.
 */
import { invalid } from '@app/common/domain-error';
import { decodeCursor, encodeCursor } from '@app/common/http';

export interface Position {
  /** The writing transaction's id (xid8, full 64-bit, as decimal text). */
  xid: string;
  /** Insertion order within the table (bigint, as decimal text). */
  seq: string;
}

const DECIMAL = /^\d{1,20}$/;

export function encodePosition(p: Position): string {
  return encodeCursor(['e', p.xid, p.seq]);
}

export function decodePosition(cursor: string, field = 'since'): Position {
  const fail = () =>
    invalid('open_data.invalid_cursor', `${field} is not a cursor this feed issued.`, [
      { field, message: 'is not a valid cursor' },
    ]);
  let values: unknown[];
  try {
    values = decodeCursor(cursor, 3);
  } catch {
    throw fail();
  }
  const [mode, xid, seq] = values;
  if (mode !== 'e' || typeof xid !== 'string' || typeof seq !== 'string' || !DECIMAL.test(xid) || !DECIMAL.test(seq))
    throw fail();
  return { xid, seq };
}

/** The start of the log: before every position. */
export const ORIGIN: Position = { xid: '0', seq: '0' };
