/**
 * One transaction's worth of a chain's notices (pure): the notices of the entries read after the
 * cursor, each keyed by (entry, kind, recipient) — the key `UQ_notifications_key` holds — and where
 * the cursor moves (the last entry read; it never moves back).
 */
import { LedgerEntryForNotices, NoticeFacts, PlannedNotice, noticesForEntry, recipientKey } from './ledger-notice-rules';

export interface KeyedNotice extends PlannedNotice {
  entryId: string;
}

export const noticeKey = (n: KeyedNotice): string => `${n.kind}|${n.entryId}|${recipientKey(n.to)}`;

export function planNoticeBatch(
  cursor: number,
  entries: readonly { entry: LedgerEntryForNotices; facts: NoticeFacts }[],
): { notices: KeyedNotice[]; cursor: number } {
  const notices: KeyedNotice[] = [];
  let next = cursor;
  for (const { entry, facts } of entries) {
    if (entry.seq <= cursor) continue; // already handled (a stale read): nothing again
    for (const n of noticesForEntry(entry, facts)) notices.push({ ...n, entryId: entry.id });
    next = Math.max(next, entry.seq);
  }
  return { notices, cursor: next };
}
