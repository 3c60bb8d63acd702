import { EntityManager } from 'typeorm';
import { pendingConsentsOf, unconsentedBidsOf, unfinishedBidOrganizationsOf } from '@app/bids';
import { challengesClosingWithin } from '@app/challenges';
import { Sql, runSql, sql } from '@app/database';
import type { KeyedNotice } from '../notices/notice-batch';
import { INSERTED_NOTICE, InsertedNotice, isoText } from './notifications.repository';

/** The notices job's cursors as a relation `(chain, seq)`, for the ledger's `chainsBehind`. */
export const noticeCursors = (): Sql => sql`SELECT chain, seq FROM notice_ledger_cursors`;

/**
 * The chain's cursor, locked for this transaction (created at 0 the first time), or undefined when
 * another worker holds it right now (it is writing this chain's notices; this one moves on).
 */
export async function lockNoticeCursor(em: EntityManager, chain: string): Promise<number | undefined> {
  await runSql(em, sql`INSERT INTO notice_ledger_cursors (chain, seq) VALUES (${chain}, 0) ON CONFLICT DO NOTHING`);
  const [row] = await runSql<{ seq: string }>(
    em,
    sql`SELECT seq FROM notice_ledger_cursors WHERE chain = ${chain} FOR UPDATE SKIP LOCKED`,
  );
  return row ? Number(row.seq) : undefined;
}

export async function moveNoticeCursor(em: EntityManager, chain: string, seq: number): Promise<void> {
  await runSql(
    em,
    sql`UPDATE notice_ledger_cursors SET seq = ${seq}, updated_at = now() WHERE chain = ${chain} AND seq < ${seq}`,
  );
}

/**
 * The notices of ledger entries: `subject_id` is the entry, `offset_key` the recipient, so
 * `UQ_notifications_key` holds one per (entry, kind, recipient) and a repeat inserts nothing.
 */
export async function insertLedgerNotices(em: EntityManager, rows: KeyedNotice[]): Promise<InsertedNotice[]> {
  if (!rows.length) return [];
  const json = rows.map((r) => ({
    kind: r.kind,
    subject_id: r.entryId,
    offset_key: 'userId' in r.to ? r.to.userId : r.to.organizationId,
    recipient_user_id: 'userId' in r.to ? r.to.userId : null,
    recipient_organization_id: 'organizationId' in r.to ? r.to.organizationId : null,
    project_id: r.projectId,
    params: r.params,
  }));
  return runSql<InsertedNotice>(
    em,
    sql`INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, recipient_organization_id, project_id, params)
        SELECT x.kind, x.subject_id, x.offset_key, x.recipient_user_id, x.recipient_organization_id, x.project_id, x.params
          FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS x(kind text, subject_id uuid, offset_key text,
               recipient_user_id uuid, recipient_organization_id uuid, project_id uuid, params jsonb)
        ON CONFLICT DO NOTHING RETURNING ${INSERTED_NOTICE}`,
  );
}

/**
 * The bid-deadline reminders of one band (see deadline-reminders.ts): to each organisation with
 * an unfinished bid on a challenge whose deadline is more than `aboveMs` and at most `windowMs`
 * away. Keyed by (challenge, window:organisation), so each window reminds each organisation once.
 */
export function insertDeadlineReminders(
  em: EntityManager,
  band: { windowMs: number; aboveMs: number },
): Promise<InsertedNotice[]> {
  return runSql<InsertedNotice>(
    em,
    sql`INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, params, due_at)
        SELECT 'bid.deadline_approaching', c.id, ${String(band.windowMs)} || ':' || o.organization_id, o.organization_id,
               jsonb_build_object('challengeId', c.id, 'challengeTitle', c.title, 'bidDeadline', ${isoText(sql`c.bid_deadline`)}),
               c.bid_deadline
          FROM (${challengesClosingWithin(band.windowMs)}) c
          CROSS JOIN LATERAL (${unfinishedBidOrganizationsOf(sql`c.id`)}) o
         WHERE c.bid_deadline > now() + ${band.aboveMs} * interval '1 millisecond'
        ON CONFLICT DO NOTHING RETURNING ${INSERTED_NOTICE}`,
  );
}

/**
 * The consortium-consent reminders of one band, as `insertDeadlineReminders`: to each member
 * organisation whose consent to a live bid is still pending (`consent.reminder`, keyed by the
 * request and window:organisation), and to the lead of each live bid a member has not accepted —
 * pending or declined — so that the close would not open it (`consent.incomplete`, keyed by the bid
 * and window:organisation, the members named as they are when the band is reached).
 */
export function insertConsentReminders(
  em: EntityManager,
  band: { windowMs: number; aboveMs: number },
): Promise<InsertedNotice[]> {
  const closing = sql`(${challengesClosingWithin(band.windowMs)}) c`;
  const above = sql`c.bid_deadline > now() + ${band.aboveMs} * interval '1 millisecond'`;
  const deadline = isoText(sql`c.bid_deadline`);
  return runSql<InsertedNotice>(
    em,
    sql`INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, params, due_at)
        SELECT 'consent.reminder', k.consent_id, ${String(band.windowMs)} || ':' || k.organization_id, k.organization_id,
               jsonb_build_object('challengeId', c.id, 'challengeTitle', c.title, 'bidDeadline', ${deadline}, 'bidId', k.bid_id,
                                  'leadOrganizationName', k.lead_organization_name, 'sharePercent', k.share_percent),
               c.bid_deadline
          FROM ${closing} CROSS JOIN LATERAL (${pendingConsentsOf(sql`c.id`)}) k
         WHERE ${above}
        UNION ALL
        SELECT 'consent.incomplete', u.bid_id, ${String(band.windowMs)} || ':' || u.organization_id, u.organization_id,
               jsonb_build_object('challengeId', c.id, 'challengeTitle', c.title, 'bidDeadline', ${deadline}, 'bidId', u.bid_id,
                                  'members', u.members),
               c.bid_deadline
          FROM ${closing} CROSS JOIN LATERAL (${unconsentedBidsOf(sql`c.id`)}) u
         WHERE ${above}
        ON CONFLICT DO NOTHING RETURNING ${INSERTED_NOTICE}`,
  );
}
