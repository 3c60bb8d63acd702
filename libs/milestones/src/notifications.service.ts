import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { notFound } from '@app/common/domain-error';
import { decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { iso } from '@app/database';
import { NotificationRow, Recipient, markNoticeRead, notificationPage } from './repositories/notifications.repository';

/** A user's notifications: those addressed to them, and (team users) those addressed to their organisation. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private recipient(user: AuthUser): Recipient {
    const organizationId = user.role === Role.Team && user.organizationId ? user.organizationId : null;
    return { userId: user.id, organizationId };
  }

  /**
   * Newest first, in pages (keyset on created_at and id), with how many of the user's notifications
   * are unread in all (what a badge shows, whatever the page or filter).
   */
  async list(user: AuthUser, unread: boolean, limit: number, cursor?: string) {
    const after = cursor ? decodeInstantIdCursor(cursor) : undefined;
    const rows = await notificationPage(this.dataSource.manager, this.recipient(user), {
      unreadOnly: unread,
      limit: limit + 1,
      after,
    });
    const found = rows.filter((r) => r.id !== null);
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(view),
      nextCursor: found.length > limit && last ? encodeCursor([iso(last.created_at), last.id]) : null,
      unreadCount: rows[0]?.unread_count ?? 0,
    };
  }

  async markRead(user: AuthUser, id: string) {
    const row = await markNoticeRead(this.dataSource.manager, this.recipient(user), id);
    if (!row) throw notFound('notifications.not_found', `No notification ${id} of yours.`);
    return view(row);
  }
}

/** What happened (`kind`, `params`), never words: the reader's app words it in their language. */
function view(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    params: n.params,
    subjectId: n.subject_id,
    offset: n.offset_key || null,
    projectId: n.project_id,
    dueAt: iso(n.due_at),
    createdAt: iso(n.created_at),
    readAt: iso(n.read_at),
    emailedAt: iso(n.emailed_at),
  };
}
