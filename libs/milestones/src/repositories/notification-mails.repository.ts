import { EntityManager } from 'typeorm';
import { Json, RowOf, runSql, sql } from '@app/database';

/** A notice as its mail job reads it. */
export type NoticeForMail = RowOf<
  'notifications',
  'id' | 'kind' | 'recipient_user_id' | 'recipient_organization_id' | 'mail_pending',
  { params: Json }
>;

/** Notices whose mail job has work left, oldest first (for the reconciler and after a change commits). */
export async function pendingMailNoticeIds(em: EntityManager, limit: number): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    em,
    sql`SELECT id FROM notifications WHERE mail_pending ORDER BY created_at, id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Notices about one milestone (`params.milestoneId`) whose mail job has work left: the ones a review or a payment just wrote. */
export async function pendingMailNoticeIdsAbout(em: EntityManager, milestoneId: string): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    em,
    sql`SELECT id FROM notifications WHERE mail_pending AND params->>'milestoneId' = ${milestoneId} ORDER BY created_at, id`,
  );
  return rows.map((r) => r.id);
}

export async function readNoticeForMail(em: EntityManager, id: string): Promise<NoticeForMail | undefined> {
  const [row] = await runSql<NoticeForMail>(
    em,
    sql`SELECT id, kind, params, recipient_user_id, recipient_organization_id, mail_pending FROM notifications WHERE id = ${id}`,
  );
  return row;
}

/** The mail of one notice to one user, created on first use and locked for this transaction. */
export type MailClaim = RowOf<'notification_mails', 'sent_at' | 'message_id'>;

/**
 * Creates (once) and locks the row of this notice's mail to this user, `NOWAIT`: while another
 * worker holds it (it is talking to the SMTP server right now) this throws, and the job retries
 * later, then finds `sent_at` set.
 */
export async function claimMail(
  em: EntityManager,
  m: { notificationId: string; userId: string; language: string; messageId: string },
): Promise<MailClaim> {
  await runSql(
    em,
    sql`INSERT INTO notification_mails (notification_id, user_id, language, message_id)
        VALUES (${m.notificationId}, ${m.userId}, ${m.language}, ${m.messageId}) ON CONFLICT DO NOTHING`,
  );
  const [row] = await runSql<MailClaim>(
    em,
    sql`SELECT sent_at, message_id FROM notification_mails
         WHERE notification_id = ${m.notificationId} AND user_id = ${m.userId} FOR UPDATE NOWAIT`,
  );
  return row;
}

export async function markMailSent(em: EntityManager, notificationId: string, userId: string, language: string): Promise<void> {
  await runSql(
    em,
    sql`UPDATE notification_mails SET sent_at = now(), language = ${language}
         WHERE notification_id = ${notificationId} AND user_id = ${userId}`,
  );
}

/** The notice's mail job is done: nothing pending; `emailed_at` is when its last mail went out (null: nobody wanted it). */
export async function settleNoticeMail(em: EntityManager, notificationId: string): Promise<void> {
  await runSql(
    em,
    sql`UPDATE notifications n SET mail_pending = false,
               emailed_at = (SELECT max(sent_at) FROM notification_mails m WHERE m.notification_id = n.id)
         WHERE n.id = ${notificationId}`,
  );
}
