import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Role } from '@app/common/auth';
import { conflict, invalid, notFound } from '@app/common/domain-error';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database';
import { assertAgencyCreditCode } from '../credit-code';
import { AgencyListView, AgencyView, RegisterAgencyDto, UpdateAgencyDto } from '../dto/agency.dto';
import { OrganizationView } from '../dto/views';
import {
  listAgencies,
  listOfficers,
  lockOrganization,
  setUserOrganization,
  updateOrganizationIdentity,
} from '../repositories/agencies.repository';
import { findOrganization, insertOrganization } from '../repositories/organizations.repository';
import { lockUser } from '../repositories/users.repository';
import { AGENCY_KIND, Organization } from '../organizations/organization.entity';
import { UserStateCache } from '../auth/user-state-cache';

const agencyNotFound = (id: string) => notFound('identity.agency_not_found', `No agency organisation ${id}.`);

/** A code taken by another organisation: the table's only unique key. */
async function uniqueCode<T>(creditCode: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
      throw conflict(
        'identity.organization_exists',
        `An organisation with credit code ${creditCode} is already registered.`,
      ).withParams({
        creditCode,
      });
    }
    throw err;
  }
}

/**
 * Agency organisations (government bodies and public institutions that publish challenges) and
 * their officers: registered and staffed by admins, every change in the ledger.
 */
@Injectable()
export class AgenciesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly userStates: UserStateCache,
  ) {}

  async list(): Promise<AgencyListView> {
    const rows = await listAgencies(this.dataSource.manager);
    return { items: rows.map((r) => ({ ...OrganizationView.of(r), officerCount: r.officerCount })), nextCursor: null };
  }

  async get(id: string, em: EntityManager = this.dataSource.manager): Promise<AgencyView> {
    const org = await findOrganization(em, id);
    if (!org || org.kind !== AGENCY_KIND) throw agencyNotFound(id);
    return { ...OrganizationView.of(org), officers: await listOfficers(em, id) };
  }

  /** Registers an agency; its code must be a well-formed code of the establishment administration (400 naming `creditCode`). */
  async register(dto: RegisterAgencyDto, actorId: string | null): Promise<AgencyView> {
    const { code: creditCode } = assertAgencyCreditCode(dto.creditCode, 'creditCode');
    const name = dto.name.trim();
    return this.dataSource.transaction(async (em) => {
      const org = await uniqueCode(creditCode, () => insertOrganization(em, { name, kind: AGENCY_KIND, creditCode }));
      await this.audit.record(em, {
        challengeId: null,
        actorId,
        action: 'organization.registered',
        subjectType: 'organization',
        subjectId: org.id,
        after: { name, kind: AGENCY_KIND, creditCode },
        public: false,
      });
      return { ...OrganizationView.of(org), officers: [] };
    });
  }

  /** Renames an agency or sets its code (an unverified agency becomes verified); a code once set stays set. */
  async update(id: string, dto: UpdateAgencyDto, actorId: string): Promise<AgencyView> {
    const creditCode = dto.creditCode === undefined ? undefined : assertAgencyCreditCode(dto.creditCode, 'creditCode').code;
    return this.dataSource.transaction(async (em) => {
      const org = await this.lockAgency(em, id);
      const after = { name: dto.name?.trim() ?? org.name, creditCode: creditCode ?? org.creditCode };
      if (after.name === org.name && after.creditCode === org.creditCode) return this.get(id, em);
      await uniqueCode(after.creditCode, () => updateOrganizationIdentity(em, id, after));
      await this.audit.record(em, {
        challengeId: null,
        actorId,
        action: 'organization.updated',
        subjectType: 'organization',
        subjectId: id,
        before: { name: org.name, creditCode: org.creditCode },
        after,
        public: false,
      });
      return this.get(id, em);
    });
  }

  /** Makes an agency user an officer of this agency (moving them from any other: one agency each). */
  async addOfficer(id: string, userId: string, actorId: string): Promise<AgencyView> {
    const view = await this.dataSource.transaction(async (em) => {
      await this.lockAgency(em, id);
      const user = await lockUser(em, userId);
      if (!user) throw notFound('identity.user_not_found', `No user ${userId}.`);
      if (user.role !== Role.Agency) {
        throw invalid('identity.not_an_agency_user', 'Only agency users can be officers of an agency.', [
          { field: 'userId', message: `is a ${user.role} user, not an agency user` },
        ]);
      }
      if (user.organizationId !== id) await this.move(em, userId, user.organizationId, id, actorId);
      return this.get(id, em);
    });
    await this.userStates.changed(userId);
    return view;
  }

  /** Takes an officer out of the agency: they then act for no agency until an admin adds them to one. */
  async removeOfficer(id: string, userId: string, actorId: string): Promise<AgencyView> {
    const view = await this.dataSource.transaction(async (em) => {
      await this.lockAgency(em, id);
      const user = await lockUser(em, userId);
      if (!user || user.role !== Role.Agency || user.organizationId !== id) {
        throw notFound('identity.officer_not_found', `User ${userId} is not an officer of agency ${id}.`);
      }
      await this.move(em, userId, id, null, actorId);
      return this.get(id, em);
    });
    // After the commit: every replica sees the officer's new agency on its next request.
    await this.userStates.changed(userId);
    return view;
  }

  private async move(em: EntityManager, userId: string, from: string | null, to: string | null, actorId: string) {
    await setUserOrganization(em, userId, to);
    await this.audit.record(em, {
      challengeId: null,
      actorId,
      action: 'user.organization_changed',
      subjectType: 'user',
      subjectId: userId,
      before: { organizationId: from },
      after: { organizationId: to },
      public: false,
    });
  }

  private async lockAgency(em: EntityManager, id: string): Promise<Organization> {
    const org = await lockOrganization(em, id);
    if (!org || org.kind !== AGENCY_KIND) throw agencyNotFound(id);
    return org;
  }
}
