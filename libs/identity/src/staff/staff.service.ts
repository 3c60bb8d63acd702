import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@app/common/auth';
import { forbidden } from '@app/common/domain-error';
import { containsPattern } from '@app/database/like';
import { queryRows } from '@app/database/raw-sql';
import { StaffListView, StaffMemberView, StaffQuery } from '../dto/staff';
import { STAFF_DIRECTORY_LIMIT, maySeeStaffDirectory, nameFilterOf, staffRolesOf } from './staff-rules';

/** The directory of reviewers and program managers an agency picks from. */
@Injectable()
export class StaffService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: StaffQuery, user: AuthUser): Promise<StaffListView> {
    if (!maySeeStaffDirectory(user)) {
      throw forbidden('identity.role_forbidden', 'The staff directory is for agency or admin users.');
    }
    const params: unknown[] = [staffRolesOf(query.role)];
    const where = ['u.active', 'u.role = ANY($1::text[])'];
    const name = nameFilterOf(query.q);
    if (name !== null) {
      params.push(containsPattern(name));
      where.push(`u.display_name ILIKE $${params.length}`);
    }
    const items = await queryRows<StaffMemberView>(
      this.dataSource.manager,
      `SELECT u.id, u.display_name AS "displayName", u.role, u.organization_id AS "organizationId"
         FROM users u WHERE ${where.join(' AND ')}
        ORDER BY lower(u.display_name), u.display_name, u.id LIMIT ${STAFF_DIRECTORY_LIMIT}`,
      params,
    );
    return { items, nextCursor: null };
  }
}
