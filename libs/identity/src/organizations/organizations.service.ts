import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { Role } from '@app/common/auth';
import { conflict, notFound } from '@app/common/domain-error';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database/transaction';
import { assertCreditCode } from '../credit-code';
import { RegisterOrganizationDto } from '../dto/register-organization.dto';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { Organization } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly organizations: Repository<Organization>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  /** Registers an applicant organisation and its first (team) user, atomically. */
  async register(dto: RegisterOrganizationDto): Promise<{ organization: Organization; admin: User }> {
    assertCreditCode(dto.creditCode, 'creditCode');
    const creditCode = dto.creditCode.trim().toUpperCase();
    return this.dataSource.transaction(async (em) => {
      const organization = em.create(Organization, { name: dto.name.trim(), kind: dto.kind, creditCode });
      try {
        await em.insert(Organization, organization);
      } catch (err) {
        // credit_code is the table's only unique key.
        if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
          throw conflict('identity.organization_exists', `An organisation with credit code ${creditCode} is already registered.`);
        }
        throw err;
      }
      const admin = await this.users.create({ ...dto.admin, role: Role.Team, organizationId: organization.id }, em);
      return { organization: await em.findOneByOrFail(Organization, { id: organization.id }), admin };
    });
  }

  async get(id: string): Promise<Organization> {
    const org = await this.organizations.findOneBy({ id });
    if (!org) throw notFound('identity.organization_not_found', `No organisation ${id}.`);
    return org;
  }

  findByCreditCode(creditCode: string): Promise<Organization | null> {
    return this.organizations.findOneBy({ creditCode: creditCode.trim().toUpperCase() });
  }
}
