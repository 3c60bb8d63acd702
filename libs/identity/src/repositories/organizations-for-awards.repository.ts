import { EntityManager } from 'typeorm';
import { Sql, runSql, sql } from '@app/database';

/** An organisation's registered name, as a scalar subquery on `organizationIdColumn`. */
export function organizationNameSql(organizationIdColumn: Sql): Sql {
  return sql`(SELECT o.name FROM organizations o WHERE o.id = ${organizationIdColumn})`;
}

/** The organisations' credit codes by id (a merge names lone bidders in its consortium). */
export async function readCreditCodes(em: EntityManager, organizationIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await runSql<{ id: string; credit_code: string }>(
    em,
    sql`SELECT id, credit_code FROM organizations WHERE id = ANY(${organizationIds}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.credit_code]));
}
