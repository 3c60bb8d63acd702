import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { Role } from '@app/common/auth';
import { conflict, invalid, notFound } from '@app/common/domain-error';
import { Page, decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database/transaction';
import { hashPassword } from '../auth/password-hasher';
import { CreateUserDto } from '../dto/create-user.dto';
import { Organization } from '../organizations/organization.entity';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  role: Role;
  organizationId?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Creates a user; the email must be free (409 otherwise). Team users need an organisation. */
  async create(input: CreateUserDto | NewUser, em: EntityManager = this.dataSource.manager): Promise<User> {
    const organizationId = input.organizationId ?? null;
    if (input.role === Role.Team && !organizationId) {
      throw invalid('identity.organization_required', 'A team user belongs to an organisation.', [
        { field: 'organizationId', message: 'is required for team users' },
      ]);
    }
    if (organizationId && !(await em.existsBy(Organization, { id: organizationId }))) {
      throw notFound('identity.organization_not_found', `No organisation ${organizationId}.`);
    }
    const passwordHash = await hashPassword(input.password);
    try {
      const user = em.create(User, {
        email: input.email.trim().toLowerCase(),
        passwordHash,
        displayName: input.displayName.trim(),
        role: input.role,
        organizationId,
        active: true,
        deactivatedAt: null,
      });
      await em.insert(User, user);
      return await em.findOneByOrFail(User, { id: user.id });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) {
        throw conflict('identity.email_taken', 'A user with this email already exists.');
      }
      throw err;
    }
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

  /** Deactivation takes effect on the next request: the auth guard re-reads `active`. */
  async setActive(id: string, active: boolean, actorId: string): Promise<User> {
    if (id === actorId && !active) {
      throw conflict('identity.cannot_deactivate_self', 'An admin cannot deactivate their own account.');
    }
    const user = await this.get(id);
    if (user.active !== active) {
      await this.users.update({ id }, { active, deactivatedAt: active ? null : new Date() });
    }
    return this.get(id);
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
