import { EntityManager } from 'typeorm';
import { Json, RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';
import type { NotificationEvent } from '../notifications/notification-wording';

export type NotificationRow = RowOf<
  'notifications',
  'id' | 'kind' | 'subject_id' | 'offset_key' | 'project_id' | 'params' | 'due_at' | 'created_at' | 'read_at' | 'emailed_at'
>;

/** What a sweep statement hands back of the notices it inserted, to mail them. */
export type InsertedNotice = RowOf<
  'notifications',
  'id' | 'recipient_user_id' | 'recipient_organization_id' | 'kind',
  { params: Json }
>;

/** The RETURNING list of every notice insert (the shape of `InsertedNotice`). */
export const INSERTED_NOTICE = rawSql('id, recipient_user_id, recipient_organization_id, kind, params');

/** A timestamptz column as the API's ISO text (`2030-02-01T00:00:00.000Z`), for `params`. */
export const isoText = (column: Sql): Sql => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A condition: the notice (kind, subject, offset) exists already. */
export const noticeExists = (kind: string, subjectId: Sql, offsetKey: Sql): Sql =>
  sql`EXISTS (SELECT 1 FROM notifications n WHERE n.kind = ${kind} AND n.subject_id = ${subjectId} AND n.offset_key = ${offsetKey})`;

export interface NewNotice {
  event: NotificationEvent;
  subjectId: string;
  recipientOrganizationId: string;
  projectId: string;
  dueAt?: Date | null;
}

/** One notice, once per (kind, subject): a second insert of the same one does nothing. */
export async function insertNotice(em: EntityManager, n: NewNotice): Promise<void> {
  await runSql(
    em,
    sql`INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, params, due_at)
        VALUES (${n.event.kind}, ${n.subjectId}, '', ${n.recipientOrganizationId}, ${n.projectId}, ${JSON.stringify(n.event.params)}::jsonb,
                ${n.dueAt ?? null})
        ON CONFLICT DO NOTHING`,
  );
}

/** Whose notices a user reads: their own, and (team users) their organisation's. */
export interface Recipient {
  userId: string;
  organizationId: string | null;
}

const addressedTo = (r: Recipient): Sql =>
  r.organizationId === null
    ? sql`n.recipient_user_id = ${r.userId}`
    : sql`(n.recipient_user_id = ${r.userId} OR n.recipient_organization_id = ${r.organizationId})`;

export type NotificationPageRow = NotificationRow & { unread_count: number };

/**
 * One statement: the unread count of all the recipient's notices, and a page (newest first, keyset
 * after `after`, `limit` rows); the count comes back even when the page is empty (a row of nulls).
 */
export async function notificationPage(
  em: EntityManager,
  r: Recipient,
  page: { unreadOnly: boolean; limit: number; after?: [string, string] },
): Promise<NotificationPageRow[]> {
  const where: Sql[] = [addressedTo(r)];
  if (page.unreadOnly) where.push(sql`n.read_at IS NULL`);
  if (page.after)
    where.push(sql`(date_trunc('milliseconds', n.created_at), n.id) < (${page.after[0]}::timestamptz, ${page.after[1]}::uuid)`);
  return runSql<NotificationPageRow>(
    em,
    sql`WITH c AS (SELECT count(*)::int AS unread_count FROM notifications n WHERE ${addressedTo(r)} AND n.read_at IS NULL)
        SELECT c.unread_count, page.* FROM c LEFT JOIN LATERAL (
          SELECT n.id, n.kind, n.subject_id, n.offset_key, n.project_id, n.params, n.due_at, n.created_at, n.read_at, n.emailed_at
            FROM notifications n WHERE ${joinSql(where, ' AND ')}
           ORDER BY date_trunc('milliseconds', n.created_at) DESC, n.id DESC LIMIT ${page.limit}) page ON true`,
  );
}

/** Marks a notice of the recipient read (kept at its first reading); undefined when it is not theirs. */
export async function markNoticeRead(em: EntityManager, r: Recipient, id: string): Promise<NotificationRow | undefined> {
  const [row] = await runSql<NotificationRow>(
    em,
    sql`UPDATE notifications n SET read_at = coalesce(n.read_at, now()) WHERE n.id = ${id} AND ${addressedTo(r)}
        RETURNING n.id, n.kind, n.subject_id, n.offset_key, n.project_id, n.params, n.due_at, n.created_at, n.read_at, n.emailed_at`,
  );
  return row;
}

/** The record that these notices went out by mail. */
export async function markNoticesEmailed(em: EntityManager, ids: string[]): Promise<void> {
  await runSql(em, sql`UPDATE notifications SET emailed_at = now() WHERE id = ANY(${ids}::uuid[])`);
}
