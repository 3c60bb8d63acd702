import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Role } from '@app/common/auth';
import { conflict, notFound } from '@app/common/domain-error';
import { Page, decodeInstantIdCursor, pageByInstantId } from '@app/common/http';
import { PG_UNIQUE_VIOLATION, containsPattern, pgErrorCode } from '@app/database';
import { assertCreditCode } from '../credit-code';
import { RegisterOrganizationDto } from '../dto/register-organization.dto';
import { Language } from '../passwords/language';
import {
  ListedOrganizationRecord,
  findOrganization,
  findOrganizationByCreditCode,
  insertOrganization,
  listOrganizations,
} from '../repositories/organizations.repository';
import { UserRecord } from '../repositories/users.repository';
import { UsersService, userAuditView } from '../users/users.service';
import { Organization, OrganizationKind } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers an applicant organisation and its first (team) user, atomically, with an audit
   * entry. The first user's password is judged and hashed before the transaction, so a flood of
   * registrations holds no pool connection while argon2 runs.
   */
  async register(dto: RegisterOrganizationDto, language?: Language): Promise<{ organization: Organization; admin: UserRecord }> {
    assertCreditCode(dto.creditCode, 'creditCode');
    const creditCode = dto.creditCode.trim().toUpperCase();
    const name = dto.name.trim();
    const prepared = await this.users.prepare(
      { ...dto.admin, role: Role.Team },
      { field: 'admin.password', language, organizationName: name },
    );
    return this.dataSource.transaction(async (em) => {
      const organization = await this.insert(em, { name, kind: dto.kind, creditCode });
      const admin = await this.users.insert(em, { ...prepared, organizationId: organization.id });
      await this.audit.record(em, {
        challengeId: null,
        actorId: admin.id,
        action: 'organization.registered',
        subjectType: 'organization',
        subjectId: organization.id,
        after: { name, kind: organization.kind, creditCode, admin: { id: admin.id, ...userAuditView(admin) } },
        public: false,
      });
      return { organization, admin };
    });
  }

  private async insert(em: EntityManager, fields: Pick<Organization, 'name' | 'kind' | 'creditCode'>): Promise<Organization> {
    try {
      return await insertOrganization(em, fields);
    } catch (err) {
      // credit_code is the table's only unique key.
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
        throw conflict(
          'identity.organization_exists',
          `An organisation with credit code ${fields.creditCode} is already registered.`,
        ).withParams({ creditCode: fields.creditCode });
      }
      throw err;
    }
  }

  async get(id: string): Promise<Organization> {
    const org = await findOrganization(this.dataSource.manager, id);
    if (!org) throw notFound('identity.organization_not_found', `No organisation ${id}.`);
    return org;
  }

  findByCreditCode(creditCode: string): Promise<Organization | null> {
    return findOrganizationByCreditCode(this.dataSource.manager, creditCode.trim().toUpperCase());
  }

  /**
   * The admin's list of registered organisations: newest first, keyset on (created_at, id) so
   * pages neither skip nor repeat; `q` finds a part of the name or of the credit code.
   */
  async list(page: {
    limit?: number;
    cursor?: string;
    kind?: OrganizationKind;
    q?: string;
  }): Promise<Page<ListedOrganizationRecord>> {
    const limit = page.limit ?? 20;
    const after = page.cursor ? decodeInstantIdCursor(page.cursor) : undefined;
    const search = page.q?.trim();
    const rows = await listOrganizations(this.dataSource.manager, {
      limit,
      kind: page.kind,
      pattern: search ? containsPattern(search) : undefined,
      after: after && { createdAt: after[0], id: after[1] },
    });
    return pageByInstantId(rows, limit);
  }
}
