import { EntityManager } from 'typeorm';
import { Role } from '@app/common/auth';
import { RowOf, runSql, sql } from '@app/database';
import type { Organization, OrganizationKind } from '../organizations/organization.entity';

/** At most this many agencies in the admin's list (a city has dozens, a province a few hundred). */
export const AGENCY_LIST_LIMIT = 500;

type AgencyRow = RowOf<
  'organizations',
  'id' | 'name' | 'kind' | 'credit_code' | 'created_at',
  { kind: OrganizationKind; officer_count: number }
>;

export type AgencyWithCount = Organization & { officerCount: number };

const toAgency = (row: AgencyRow): AgencyWithCount => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  creditCode: row.credit_code,
  createdAt: row.created_at,
  officerCount: row.officer_count,
});

/** Agency organisations by name, each with its number of active officers. */
export async function listAgencies(em: EntityManager): Promise<AgencyWithCount[]> {
  const rows = await runSql<AgencyRow>(
    em,
    sql`SELECT o.id, o.name, o.kind, o.credit_code, o.created_at,
               (SELECT count(*)::int FROM users u WHERE u.organization_id = o.id AND u.role = ${Role.Agency} AND u.active) AS officer_count
          FROM organizations o WHERE o.kind = 'agency'
         ORDER BY o.name, o.id LIMIT ${AGENCY_LIST_LIMIT}`,
  );
  return rows.map(toAgency);
}

/** The organisation under FOR UPDATE (its name and code change one admin at a time). */
export async function lockOrganization(em: EntityManager, id: string): Promise<Organization | null> {
  const [row] = await runSql<AgencyRow>(
    em,
    sql`SELECT o.id, o.name, o.kind, o.credit_code, o.created_at, 0 AS officer_count FROM organizations o WHERE o.id = ${id} FOR UPDATE`,
  );
  if (!row) return null;
  const { officerCount: _count, ...org } = toAgency(row);
  return org;
}

/** Sets an organisation's name and code; a code already registered surfaces as a unique violation (23505). */
export async function updateOrganizationIdentity(
  em: EntityManager,
  id: string,
  fields: { name: string; creditCode: string | null },
): Promise<void> {
  await runSql(em, sql`UPDATE organizations SET name = ${fields.name}, credit_code = ${fields.creditCode} WHERE id = ${id}`);
}

export interface OfficerRecord {
  id: string;
  email: string;
  displayName: string;
  active: boolean;
}

/** The agency users who are members of the organisation, by display name. */
export async function listOfficers(em: EntityManager, organizationId: string): Promise<OfficerRecord[]> {
  const rows = await runSql<RowOf<'users', 'id' | 'email' | 'display_name' | 'active'>>(
    em,
    sql`SELECT u.id, u.email, u.display_name, u.active FROM users u
         WHERE u.organization_id = ${organizationId} AND u.role = ${Role.Agency}
         ORDER BY lower(u.display_name), u.id`,
  );
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, active: r.active }));
}

/** Moves a user to an organisation (or to none). */
export async function setUserOrganization(em: EntityManager, userId: string, organizationId: string | null): Promise<void> {
  await runSql(em, sql`UPDATE users SET organization_id = ${organizationId} WHERE id = ${userId}`);
}
