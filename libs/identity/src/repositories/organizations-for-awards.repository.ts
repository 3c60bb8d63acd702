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

/** The organisations' registered names by id (a project's lead and consortium, named in its view). */
export async function readOrganizationNames(em: EntityManager, organizationIds: readonly string[]): Promise<Map<string, string>> {
  if (!organizationIds.length) return new Map();
  const rows = await runSql<{ id: string; name: string }>(
    em,
    sql`SELECT id, name FROM organizations WHERE id = ANY(${[...new Set(organizationIds)]}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A json object `{ organisationId: name }` of the organisations whose ids `idsSubquery` selects
 * (uuid), as a scalar subquery; `{}` when there are none (a merge's members, named in its view).
 */
export function organizationNamesJsonSql(idsSubquery: Sql): Sql {
  return sql`(SELECT coalesce(json_object_agg(o.id, o.name), '{}'::json) FROM organizations o WHERE o.id IN (${idsSubquery}))`;
}
