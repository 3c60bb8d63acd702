import { EntityManager } from 'typeorm';
import { Role } from '@app/common/auth';
import { RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';
import type { User } from '../users/user.entity';

/**
 * A user as the services see it: the entity's fields, never the password hash unless asked for
 * (nor the mail language, which libs/milestones reads through users-for-milestones).
 */
export type UserRecord = Omit<User, 'passwordHash' | 'organization' | 'language'>;
export type UserWithPassword = UserRecord & Pick<User, 'passwordHash'>;

type UserRow = RowOf<
  'users',
  'id' | 'email' | 'display_name' | 'role' | 'organization_id' | 'active' | 'deactivated_at' | 'created_at',
  { role: Role }
>;
type UserWithPasswordRow = UserRow & RowOf<'users', 'password_hash'>;

const USER_COLUMNS = rawSql('u.id, u.email, u.display_name, u.role, u.organization_id, u.active, u.deactivated_at, u.created_at');

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  organizationId: row.organization_id,
  active: row.active,
  deactivatedAt: row.deactivated_at,
  createdAt: row.created_at,
});

/** The fields of a new user, its password already hashed. */
export type NewUserRecord = Pick<User, 'email' | 'passwordHash' | 'displayName' | 'role' | 'organizationId'>;

/** Inserts an active user; a taken email surfaces as Postgres' unique violation (23505). */
export async function insertUser(em: EntityManager, user: NewUserRecord): Promise<UserRecord> {
  const [row] = await runSql<UserRow>(
    em,
    sql`INSERT INTO users AS u (email, password_hash, display_name, role, organization_id, active, deactivated_at)
        VALUES (${user.email}, ${user.passwordHash}, ${user.displayName}, ${user.role}, ${user.organizationId}, true, NULL)
        RETURNING ${USER_COLUMNS}`,
  );
  return toUser(row);
}

/**
 * One primary-key read: the auth guard's, on every request (TypeORM's repository layer would cost
 * more than the query itself on this path).
 */
export async function findUser(em: EntityManager, id: string): Promise<UserRecord | null> {
  const [row] = await runSql<UserRow>(em, sql`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ${id}`);
  return row ? toUser(row) : null;
}

/** The row under FOR UPDATE, so two admins changing it at once are serialised. */
export async function lockUser(em: EntityManager, id: string): Promise<UserRecord | null> {
  const [row] = await runSql<UserRow>(em, sql`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ${id} LIMIT 1 FOR UPDATE`);
  return row ? toUser(row) : null;
}

export async function updateUserActive(
  em: EntityManager,
  id: string,
  active: boolean,
  deactivatedAt: Date | null,
): Promise<UserRecord> {
  const [row] = await runSql<UserRow>(
    em,
    sql`UPDATE users u SET active = ${active}, deactivated_at = ${deactivatedAt} WHERE u.id = ${id} RETURNING ${USER_COLUMNS}`,
  );
  return toUser(row);
}

/** `email` as stored (trimmed, lower-cased), with the password hash, for sign-in. */
export async function findUserWithPassword(em: EntityManager, email: string): Promise<UserWithPassword | null> {
  const [row] = await runSql<UserWithPasswordRow>(
    em,
    sql`SELECT ${USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = ${email}`,
  );
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

/** A user in the admin's list: with the name of their organisation, if any. */
export type ListedUserRecord = UserRecord & { organizationName: string | null };

/**
 * Newest first, keyset on (created_at cut to milliseconds, id): Postgres keeps microseconds, a JS
 * Date (and so the cursor) does not. `limit + 1` rows tell whether there is a next page.
 * `pattern` (a LIKE pattern) matches the email or the display name, case-insensitively.
 */
export async function listUsers(
  em: EntityManager,
  page: { limit: number; role?: Role; pattern?: string; after?: { createdAt: string; id: string } },
): Promise<ListedUserRecord[]> {
  const key = rawSql(`date_trunc('milliseconds', u.created_at)`);
  const where: Sql[] = [];
  if (page.role) where.push(sql`u.role = ${page.role}`);
  if (page.pattern) where.push(sql`(u.email ILIKE ${page.pattern} OR u.display_name ILIKE ${page.pattern})`);
  if (page.after) where.push(sql`(${key}, u.id) < (${page.after.createdAt}, ${page.after.id})`);
  const rows = await runSql<UserRow & { organization_name: string | null }>(
    em,
    sql`SELECT ${USER_COLUMNS}, o.name AS organization_name FROM users u LEFT JOIN organizations o ON o.id = u.organization_id
        ${where.length ? sql`WHERE ${joinSql(where, ' AND ')}` : rawSql('')}
        ORDER BY ${key} DESC, u.id DESC LIMIT ${page.limit + 1}`,
  );
  return rows.map((row) => ({ ...toUser(row), organizationName: row.organization_name }));
}

export async function userEmailExists(em: EntityManager, email: string): Promise<boolean> {
  const rows = await runSql(em, sql`SELECT 1 FROM users WHERE email = ${email}`);
  return rows.length > 0;
}

/** Inserts the first admin unless a user has the email (several replicas may start at once); true when inserted. */
export async function insertAdminIfAbsent(em: EntityManager, email: string, passwordHash: string): Promise<boolean> {
  const inserted = await runSql(
    em,
    sql`INSERT INTO users (email, password_hash, display_name, role) VALUES (${email}, ${passwordHash}, ${'Administrator'}, ${Role.Admin})
        ON CONFLICT (email) DO NOTHING RETURNING id`,
  );
  return inserted.length > 0;
}

type StaffRow<R extends Role> = RowOf<'users', 'id' | 'display_name' | 'organization_id', { role: R }>;

/** Active users of `roles` whose display name matches `namePattern` (a LIKE pattern, or null for any), by name. */
export async function listActiveStaff<R extends Role>(
  em: EntityManager,
  filter: { roles: readonly R[]; namePattern: string | null; limit: number },
): Promise<{ id: string; displayName: string; role: R; organizationId: string | null }[]> {
  const where = [sql`u.active`, sql`u.role = ANY(${filter.roles}::text[])`];
  if (filter.namePattern !== null) where.push(sql`u.display_name ILIKE ${filter.namePattern}`);
  const rows = await runSql<StaffRow<R>>(
    em,
    sql`SELECT u.id, u.display_name, u.role, u.organization_id FROM users u WHERE ${joinSql(where, ' AND ')}
         ORDER BY lower(u.display_name), u.display_name, u.id LIMIT ${filter.limit}`,
  );
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role, organizationId: r.organization_id }));
}
