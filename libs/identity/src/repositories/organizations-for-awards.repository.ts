import { Sql, sql } from '@app/database';

/** An organisation's registered name, as a scalar subquery on `organizationIdColumn`. */
export function organizationNameSql(organizationIdColumn: Sql): Sql {
  return sql`(SELECT o.name FROM organizations o WHERE o.id = ${organizationIdColumn})`;
}
