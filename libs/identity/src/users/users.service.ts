import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '@app/audit';
import { Role } from '@app/common/auth';
import { conflict, invalid, notFound } from '@app/common/domain-error';
import { Page, decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database/transaction';
import { PasswordHasher } from '../auth/password-hasher';
import { Organization } from '../organizations/organization.entity';
import { Language } from '../passwords/language';
import { assertStrongPassword } from '../passwords/password-policy';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
}

/** A user ready to insert: checked, and its password already hashed (outside any transaction). */
export type PreparedUser = Pick<User, 'email' | 'passwordHash' | 'displayName' | 'role' | 'organizationId'>;

/** Who asks, and in which language a refusal is worded. */
export interface ChangeContext {
  /** The admin making the change; null for the system (seed, start-up). */
  actorId?: string | null;
  language?: Language;
}

/** What the ledger keeps of a user: enough to see what changed, never the password hash. */
export const userAuditView = (user: Pick<User, 'email' | 'role' | 'active' | 'organizationId' | 'displayName'>) => ({
  email: user.email,
  displayName: user.displayName,
  role: user.role,
  organizationId: user.organizationId,
  active: user.active,
});

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates a user; the email must be free (409 otherwise). Team users need an organisation. The
   * password is judged and hashed first; the transaction that inserts the user and its audit
   * entry takes a connection only for those few milliseconds.
   */
  async create(input: NewUser, context: ChangeContext = {}): Promise<User> {
    if (input.role === Role.Team && !input.organizationId) {
      throw invalid('identity.organization_required', 'A team user belongs to an organisation.', [
        { field: 'organizationId', message: 'is required for team users' },
      ]);
    }
    const organizationName = await this.organizationNameOf(input.organizationId ?? null);
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
  async insert(em: EntityManager, prepared: PreparedUser): Promise<User> {
    try {
      const user = em.create(User, { ...prepared, active: true, deactivatedAt: null });
      await em.insert(User, user);
      return await em.findOneByOrFail(User, { id: user.id });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
        throw conflict('identity.email_taken', 'A user with this email already exists.');
      }
      throw err;
    }
  }

  private async organizationNameOf(organizationId: string | null): Promise<string | undefined> {
    if (!organizationId) return undefined;
    const organization = await this.dataSource.manager.findOneBy(Organization, { id: organizationId });
    if (!organization) throw notFound('identity.organization_not_found', `No organisation ${organizationId}.`);
    return organization.name;
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('identity.user_not_found', `No user ${id}.`);
    return user;
  }

  /**
   * Newest first, keyset on (created_at, id) so pages neither skip nor repeat. The key is cut to
   * milliseconds on both sides: Postgres keeps microseconds, a JS Date (and so the cursor) does not.
   */
  async list(limit = 20, cursor?: string, role?: Role): Promise<Page<User>> {
    const key = `date_trunc('milliseconds', u.created_at)`;
    const qb = this.users
      .createQueryBuilder('u')
      .orderBy(key, 'DESC')
      .addOrderBy('u.id', 'DESC')
      .take(limit + 1);
    if (role) qb.andWhere('u.role = :role', { role });
    if (cursor) {
      const [createdAt, id] = decodeInstantIdCursor(cursor);
      qb.andWhere(`(${key}, u.id) < (:createdAt, :id)`, { createdAt, id });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  /**
   * Deactivation takes effect on the next request: the auth guard re-reads `active`. The row is
   * locked while it changes, so two admins acting at once leave one audit entry per real change.
   */
  async setActive(id: string, active: boolean, actorId: string): Promise<User> {
    if (id === actorId && !active) {
      throw conflict('identity.cannot_deactivate_self', 'An admin cannot deactivate their own account.');
    }
    return this.dataSource.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('identity.user_not_found', `No user ${id}.`);
      if (user.active === active) return user;
      await em.update(User, { id }, { active, deactivatedAt: active ? null : new Date() });
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
      return em.findOneByOrFail(User, { id });
    });
  }

  /**
   * For the auth guard, on every request: one primary-key read in plain SQL (TypeORM's
   * repository layer costs more than the query itself on this path).
   */
  async findActiveState(id: string): Promise<User | null> {
    const rows: Array<Omit<User, 'passwordHash'>> = await this.dataSource.query(
      `SELECT id, email, display_name AS "displayName", role, organization_id AS "organizationId", active,
              deactivated_at AS "deactivatedAt", created_at AS "createdAt"
         FROM users WHERE id = $1`,
      [id],
    );
    return rows.length ? Object.assign(new User(), rows[0]) : null;
  }

  findWithPassword(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.password_hash', 'u_password_hash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
  }
}
