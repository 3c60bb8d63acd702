import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { notFound } from '@app/common/domain-error';
import { decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { iso, q } from './sql';

/** A user's notifications: those addressed to them, and (team users) those addressed to their organisation. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private mine(user: AuthUser, params: unknown[]): string {
    params.push(user.id);
    const own = `n.recipient_user_id = $${params.length}`;
    if (user.role === Role.Team && user.organizationId) {
      params.push(user.organizationId);
      return `(${own} OR n.recipient_organization_id = $${params.length})`;
    }
    return own;
  }

  /**
   * Newest first, in pages (keyset on created_at and id), with how many of the user's notifications
   * are unread in all (what a badge shows, whatever the page or filter).
   */
  async list(user: AuthUser, unread: boolean, limit: number, cursor?: string) {
    const params: unknown[] = [];
    const mine = this.mine(user, params);
    const where = [mine];
    if (unread) where.push(`n.read_at IS NULL`);
    if (cursor) {
      const [createdAt, id] = decodeInstantIdCursor(cursor);
      params.push(createdAt, id);
      where.push(
        `(date_trunc('milliseconds', n.created_at), n.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(limit + 1);
    // One statement: the count comes back even when the page is empty (a row of nulls).
    const rows = await q<Record<string, any>>(
      this.dataSource.manager,
      `WITH c AS (SELECT count(*)::int AS unread_count FROM notifications n WHERE ${mine} AND n.read_at IS NULL)
       SELECT c.unread_count, page.* FROM c LEFT JOIN LATERAL (
         SELECT n.* FROM notifications n WHERE ${where.join(' AND ')}
          ORDER BY date_trunc('milliseconds', n.created_at) DESC, n.id DESC LIMIT $${params.length}) page ON true`,
      params,
    );
    const found = rows.filter((r) => r.id !== null);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(view),
      nextCursor: found.length > limit && last ? encodeCursor([iso(last.created_at), last.id]) : null,
      unreadCount: (rows[0]?.unread_count as number) ?? 0,
    };
  }

  async markRead(user: AuthUser, id: string) {
    const params: unknown[] = [id];
    const rows = await q<Record<string, any>>(
      this.dataSource.manager,
      `UPDATE notifications n SET read_at = coalesce(n.read_at, now()) WHERE n.id = $1 AND ${this.mine(user, params)} RETURNING *`,
      params,
    );
    if (!rows[0]) throw notFound('notifications.not_found', `No notification ${id} of yours.`);
    return view(rows[0]);
  }
}

function view(n: Record<string, any>) {
  return {
    id: n.id,
    kind: n.kind,
    subjectId: n.subject_id,
    offset: n.offset_key || null,
    projectId: n.project_id,
    title: n.title,
    body: n.body,
    dueAt: iso(n.due_at),
    createdAt: iso(n.created_at),
    readAt: iso(n.read_at),
    emailedAt: iso(n.emailed_at),
  };
}
