import { EntityManager } from 'typeorm';
import { RowOf, Sql, runSql, sql } from '@app/database';

/** The role of an active user, as a scalar subquery (null when there is no such active user). */
export function activeUserRoleSql(userId: string | null): Sql {
  return sql`(SELECT u.role FROM users u WHERE u.id = ${userId} AND u.active)`;
}

/** The role of an active user, or undefined. */
export async function readActiveUserRole(em: EntityManager, userId: string): Promise<string | undefined> {
  const [row] = await runSql<RowOf<'users', 'role'>>(em, sql`SELECT role FROM users WHERE id = ${userId} AND active`);
  return row?.role;
}
