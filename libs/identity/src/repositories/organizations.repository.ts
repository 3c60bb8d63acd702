import { EntityManager } from 'typeorm';
import { RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';
import type { Organization, OrganizationKind } from '../organizations/organization.entity';

type OrganizationRow = RowOf<'organizations', 'id' | 'name' | 'kind' | 'credit_code' | 'created_at', { kind: OrganizationKind }>;

const ORGANIZATION_COLUMNS = rawSql('o.id, o.name, o.kind, o.credit_code, o.created_at');

const toOrganization = (row: OrganizationRow): Organization => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  creditCode: row.credit_code,
  createdAt: row.created_at,
});

/** Inserts an organisation; a registered credit code (the only unique key) surfaces as a unique violation (23505). */
export async function insertOrganization(
  em: EntityManager,
  fields: Pick<Organization, 'name' | 'kind' | 'creditCode'>,
): Promise<Organization> {
  const [row] = await runSql<OrganizationRow>(
    em,
    sql`INSERT INTO organizations AS o (name, kind, credit_code) VALUES (${fields.name}, ${fields.kind}, ${fields.creditCode})
        RETURNING ${ORGANIZATION_COLUMNS}`,
  );
  return toOrganization(row);
}

export async function findOrganization(em: EntityManager, id: string): Promise<Organization | null> {
  const [row] = await runSql<OrganizationRow>(em, sql`SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = ${id}`);
  return row ? toOrganization(row) : null;
}

/** `creditCode` as stored: trimmed and upper-cased. */
export async function findOrganizationByCreditCode(em: EntityManager, creditCode: string): Promise<Organization | null> {
  const [row] = await runSql<OrganizationRow>(
    em,
    sql`SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.credit_code = ${creditCode}`,
  );
  return row ? toOrganization(row) : null;
}

/** An organisation in the admin's list, with its number of user accounts (active or not). */
export type ListedOrganizationRecord = Organization & { userCount: number };

/**
 * Newest first, keyset on (created_at cut to milliseconds, id), as the users' list. `pattern` (a
 * LIKE pattern) matches a part of the name or of the credit code, case-insensitively; `kind`
 * keeps one kind. `limit + 1` rows tell whether there is a next page.
 */
export async function listOrganizations(
  em: EntityManager,
  page: { limit: number; kind?: OrganizationKind; pattern?: string; after?: { createdAt: string; id: string } },
): Promise<ListedOrganizationRecord[]> {
  const key = rawSql(`date_trunc('milliseconds', o.created_at)`);
  const where: Sql[] = [];
  if (page.kind) where.push(sql`o.kind = ${page.kind}`);
  if (page.pattern) where.push(sql`(o.name ILIKE ${page.pattern} OR o.credit_code ILIKE ${page.pattern})`);
  if (page.after) where.push(sql`(${key}, o.id) < (${page.after.createdAt}, ${page.after.id})`);
  // The page first, then its users counted in one pass (users has no index on organization_id).
  const rows = await runSql<OrganizationRow & { user_count: number }>(
    em,
    sql`WITH page AS (
          SELECT ${ORGANIZATION_COLUMNS}, ${key} AS k FROM organizations o
          ${where.length ? sql`WHERE ${joinSql(where, ' AND ')}` : rawSql('')}
          ORDER BY ${key} DESC, o.id DESC LIMIT ${page.limit + 1}),
        counts AS (
          SELECT u.organization_id, count(*)::int AS n FROM users u
           WHERE u.organization_id IN (SELECT id FROM page) GROUP BY u.organization_id)
        SELECT page.id, page.name, page.kind, page.credit_code, page.created_at, coalesce(counts.n, 0) AS user_count
          FROM page LEFT JOIN counts ON counts.organization_id = page.id
         ORDER BY page.k DESC, page.id DESC`,
  );
  return rows.map((row) => ({ ...toOrganization(row), userCount: row.user_count }));
}
