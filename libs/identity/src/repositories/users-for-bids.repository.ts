import { EntityManager } from 'typeorm';
import { Role } from '@app/common/auth';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';

/** Whether each of `ids` is a user, with its role and whether it is active (to vet reviewers). */
export function readUserRoles(
  em: EntityManager,
  ids: string[],
): Promise<RowOf<'users', 'id' | 'role' | 'active', { role: Role }>[]> {
  return runSql<RowOf<'users', 'id' | 'role' | 'active', { role: Role }>>(
    em,
    sql`SELECT id, role, active FROM users WHERE id = ANY(${ids}::uuid[])`,
  );
}

/**
 * `JOIN LATERAL (…) <alias> ON true`: the user `userIdExpr` names, with `id`, `display_name` and
 * `organization_id`; rows without one drop out, as with an inner join.
 */
export function userJoinSql(alias: string, userIdExpr: string): Sql {
  return rawSql(`JOIN LATERAL (
           SELECT usr.id, usr.display_name, usr.organization_id FROM users usr WHERE usr.id = ${userIdExpr}) ${alias} ON true`);
}
