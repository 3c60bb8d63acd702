/**
 * Pure rules of the caller's own lists: a team's bids across challenges and a reviewer's assignments.
 */
import { decodeInstantIdCursor, encodeCursor, invalidCursor } from '@app/common/http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The cursor's time as Postgres writes it with microseconds (to_char … US), so no row is skipped or repeated. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The keyset of "my bids" (newest first): the last row's submission time (µs) and id. */
export interface BidKey {
  at: string;
  id: string;
}

export function encodeBidKey(key: BidKey): string {
  return encodeCursor([key.at, key.id]);
}

/** The key a cursor carries; 400 (problem+json naming `cursor`) for anything this API did not issue. */
export function decodeBidKey(cursor: string): BidKey {
  const [at, id] = decodeInstantIdCursor(cursor);
  // Stricter than the shared check: the microsecond instant this list issues, a well-formed UUID.
  if (!CURSOR_TIME.test(at) || !UUID.test(id)) throw invalidCursor();
  return { at, id };
}

/** How the caller's organisation takes part in a bid: it leads it, or it is a consortium member. */
export function participationRole(bidOrganizationId: string, callerOrganizationId: string): 'lead' | 'member' {
  return bidOrganizationId === callerOrganizationId ? 'lead' : 'member';
}

/** One page of `limit` rows out of `limit + 1` fetched, and the cursor of the next page (null on the last). */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => BidKey): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeBidKey(keyOf(last)) : null };
}
