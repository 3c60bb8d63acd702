import { EntityManager } from 'typeorm';
import { RowOf, Sql, queryRows, sql } from '@app/database';

/** An organisation as the public open-data feed names it (a party: name and unified social credit code). */
export type OrganizationForOpenData = RowOf<'organizations', 'id' | 'name' | 'credit_code'>;

/** The organisations with these ids (unknown ids are left out), by credit code. */
export function organizationsByIds(em: EntityManager, ids: readonly string[]): Promise<OrganizationForOpenData[]> {
  if (!ids.length) return Promise.resolve([]);
  return queryRows<OrganizationForOpenData>(
    em,
    `SELECT o.id, o.name, o.credit_code FROM organizations o WHERE o.id = ANY($1::uuid[]) ORDER BY o.credit_code`,
    [ids],
  );
}

/**
 * Every user with their organisation (`user_id`, and `name`, `credit_code`: null when the user has
 * none on record), as a relation to LEFT JOIN on `user_id` (an agency's
 * organisation is the buyer of its challenges). A plain subquery: Postgres flattens it into the
 * caller's join.
 */
export function userOrganizationsForOpenData(): Sql {
  return sql`(SELECT u.id AS user_id, o.name, o.credit_code
       FROM users u LEFT JOIN organizations o ON o.id = u.organization_id)`;
}
