import { EntityManager } from 'typeorm';
import { RowOf, rawSql, runSql, sql } from '@app/database';
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
