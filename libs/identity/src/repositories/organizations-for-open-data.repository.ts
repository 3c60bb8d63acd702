import { EntityManager } from 'typeorm';
import { RowOf, Sql, queryRows, sql } from '@app/database';

/** An organisation as the public open-data feed names it (a party: name and unified social credit code). */
export type OrganizationForOpenData = RowOf<'organizations', 'id' | 'name' | 'credit_code', { credit_code: string }>;

/** The organisations with these ids that have a credit code (unknown ids are left out), by credit code. */
export function organizationsByIds(em: EntityManager, ids: readonly string[]): Promise<OrganizationForOpenData[]> {
  if (!ids.length) return Promise.resolve([]);
  return queryRows<OrganizationForOpenData>(
    em,
    `SELECT o.id, o.name, o.credit_code FROM organizations o
      WHERE o.id = ANY($1::uuid[]) AND o.credit_code IS NOT NULL ORDER BY o.credit_code`,
    [ids],
  );
}

/**
 * Every organisation (`id`, `name`, `credit_code`: null for an agency not yet verified), as a
 * relation to JOIN on `id` (a challenge's agency organisation is its buyer). A plain subquery:
 * Postgres flattens it into the caller's join.
 */
export function organizationsForOpenData(): Sql {
  return sql`(SELECT o.id, o.name, o.credit_code FROM organizations o)`;
}
