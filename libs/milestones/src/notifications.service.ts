import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { notFound } from '@app/common/domain-error';
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

  async list(user: AuthUser, unread: boolean, limit: number) {
    const params: unknown[] = [];
    const where = [this.mine(user, params)];
    if (unread) where.push(`n.read_at IS NULL`);
    params.push(limit);
    const rows = await q<Record<string, any>>(
      this.dataSource.manager,
      `SELECT * FROM notifications n WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.length}`,
      params,
    );
    return { items: rows.map(view), nextCursor: null };
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
