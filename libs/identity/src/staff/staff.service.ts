import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@app/common/auth';
import { forbidden } from '@app/common/domain-error';
import { containsPattern } from '@app/database';
import { StaffListView, StaffQuery } from '../dto/staff';
import { listActiveStaff } from '../repositories/users.repository';
import { STAFF_DIRECTORY_LIMIT, maySeeStaffDirectory, nameFilterOf, staffRolesOf } from './staff-rules';

/** The directory of reviewers and program managers an agency picks from. */
@Injectable()
export class StaffService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: StaffQuery, user: AuthUser): Promise<StaffListView> {
    if (!maySeeStaffDirectory(user)) {
      throw forbidden('identity.role_forbidden', 'The staff directory is for agency or admin users.');
    }
    const name = nameFilterOf(query.q);
    const items = await listActiveStaff(this.dataSource.manager, {
      roles: staffRolesOf(query.role),
      namePattern: name === null ? null : containsPattern(name),
      limit: STAFF_DIRECTORY_LIMIT,
    });
    return { items, nextCursor: null };
  }
}
