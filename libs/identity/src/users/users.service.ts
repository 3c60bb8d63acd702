import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { Role } from '@app/common/auth';
import { conflict, invalid, notFound } from '@app/common/domain-error';
import { Page, decodeInstantIdCursor, pageByInstantId } from '@app/common/http';
import { PG_UNIQUE_VIOLATION, containsPattern, pgErrorCode } from '@app/database';
import { PasswordHasher } from '../auth/password-hasher';
import { UserStateCache } from '../auth/user-state-cache';
import { Language } from '../passwords/language';
import { assertStrongPassword } from '../passwords/password-policy';
import { findOrganization } from '../repositories/organizations.repository';
import { organizationRoleMismatch } from '../organizations/membership-rules';
import {
  ListedUserRecord,
  NewUserRecord,
  UserRecord,
  UserWithPassword,
  findUser,
  findUserWithPassword,
  insertUser,
  listUsers,
  lockUser,
  updateUserActive,
} from '../repositories/users.repository';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
}

/** A user ready to insert: checked, and its password already hashed (outside any transaction). */
export type PreparedUser = NewUserRecord;

/** Who asks, and in which language a refusal is worded. */
export interface ChangeContext {
  /** The admin making the change; null for the system (seed, start-up). */
  actorId?: string | null;
  language?: Language;
}

/** What the ledger keeps of a user: enough to see what changed, never the password hash. */
export const userAuditView = (user: Pick<UserRecord, 'email' | 'role' | 'active' | 'organizationId' | 'displayName'>) => ({
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  organizationId: user.organizationId,
  active: user.active,
});

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly userStates: UserStateCache,
  ) {}

  /**
   * Creates a user; the email must be free (409 otherwise). Team users need an organisation. The
   * password is judged and hashed first; the transaction that inserts the user and its audit
   * entry takes a connection only for those few milliseconds.
   */
  async create(input: NewUser, context: ChangeContext = {}): Promise<UserRecord> {
    if (input.role === Role.Team && !input.organizationId) {
      throw invalid('identity.organization_required', 'A team user belongs to an organisation.', [
        { field: 'organizationId', message: 'is required for team users' },
      ]);
    }
    const organizationName = await this.organizationNameOf(input.organizationId ?? null, input.role);
    const prepared = await this.prepare(input, { field: 'password', language: context.language, organizationName });
    return this.dataSource.transaction(async (em) => {
      const user = await this.insert(em, prepared);
      await this.audit.record(em, {
        challengeId: null,
        actorId: context.actorId ?? null,
        action: 'user.created',
        subjectType: 'user',
        subjectId: user.id,
        after: userAuditView(user),
        public: false,
      });
      return user;
    });
  }

  /**
   * Judges a new user's password and hashes it: the slow part of creating a user, done before
   * any transaction. `field` names the password in the request (`password`, `admin.password`).
   */
  async prepare(
    input: NewUser,
    options: { field: string; language?: Language; organizationName?: string },
  ): Promise<PreparedUser> {
    const organizationId = input.organizationId ?? null;
    const email = input.email.trim().toLowerCase();
    const displayName = input.displayName.trim();
    assertStrongPassword(
      input.password,
      { email, displayName, organizationName: options.organizationName },
      options.field,
      options.language ?? 'zh',
    );
    const passwordHash = await this.hasher.hash(input.password);
    return { email, passwordHash, displayName, role: input.role, organizationId };
  }

  /** Inserts a prepared user in the caller's transaction; 409 when the email is taken. */
  async insert(em: EntityManager, prepared: PreparedUser): Promise<UserRecord> {
    try {
      return await insertUser(em, prepared);
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
        throw conflict('identity.email_taken', 'A user with this email already exists.');
      }
      throw err;
    }
  }

  /** The name of the new user's organisation, which must fit the role: an agency user's is an agency, a team's an applicant. */
  private async organizationNameOf(organizationId: string | null, role: Role): Promise<string | undefined> {
    if (!organizationId) {
      if (role !== Role.Agency) return undefined;
      throw invalid('identity.agency_organization_required', 'An agency user is an officer of an agency organisation.', [
        { field: 'organizationId', message: 'is required for agency users (an agency organisation)' },
      ]);
    }
    const organization = await findOrganization(this.dataSource.manager, organizationId);
    if (!organization) throw notFound('identity.organization_not_found', `No organisation ${organizationId}.`);
    const mismatch = organizationRoleMismatch(role, organization.kind);
    if (mismatch)
      throw invalid('identity.organization_kind_mismatch', mismatch, [{ field: 'organizationId', message: mismatch }]);
    return organization.name;
  }

  async get(id: string): Promise<UserRecord> {
    const user = await findUser(this.dataSource.manager, id);
    if (!user) throw notFound('identity.user_not_found', `No user ${id}.`);
    return user;
  }

  /**
   * Newest first, keyset on (created_at, id) so pages neither skip nor repeat; `q` finds a part of
   * the email or display name (an admin looks someone up by either).
   */
  async list(limit = 20, cursor?: string, role?: Role, q?: string): Promise<Page<ListedUserRecord>> {
    const after = cursor ? decodeInstantIdCursor(cursor) : undefined;
    const search = q?.trim();
    const rows = await listUsers(this.dataSource.manager, {
      limit,
      role,
      pattern: search ? containsPattern(search) : undefined,
      after: after && { createdAt: after[0], id: after[1] },
    });
    return pageByInstantId(rows, limit);
  }

  /**
   * Deactivation takes effect on the next request: the auth guard re-reads `active`. The row is
   * locked while it changes, so two admins acting at once leave one audit entry per real change.
   */
  async setActive(id: string, active: boolean, actorId: string): Promise<UserRecord> {
    if (id === actorId && !active) {
      throw conflict('identity.cannot_deactivate_self', 'An admin cannot deactivate their own account.');
    }
    const updated = await this.dataSource.transaction(async (em) => {
      const user = await lockUser(em, id);
      if (!user) throw notFound('identity.user_not_found', `No user ${id}.`);
      if (user.active === active) return user;
      const updated = await updateUserActive(em, id, active, active ? null : new Date());
      await this.audit.record(em, {
        challengeId: null,
        actorId,
        action: active ? 'user.activated' : 'user.deactivated',
        subjectType: 'user',
        subjectId: id,
        before: userAuditView(user),
        after: userAuditView({ ...user, active }),
        public: false,
      });
      return updated;
    });
    // After the commit, so no replica can re-read the row as it was and keep it under the new version.
    await this.userStates.changed(id);
    return updated;
  }

  /** Whether the user exists and is active, and who they are, from the row (the auth guard memoises it: UserStateCache). */
  findActiveState(id: string): Promise<UserRecord | null> {
    return findUser(this.dataSource.manager, id);
  }

  findWithPassword(email: string): Promise<UserWithPassword | null> {
    return findUserWithPassword(this.dataSource.manager, email.trim().toLowerCase());
  }
}
