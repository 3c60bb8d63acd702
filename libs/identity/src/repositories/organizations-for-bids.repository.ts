import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';

/**
 * What the bids library reads of organisations: id, kind, credit code and name never change once
 * registered (only an agency's are edited). Only applicants: an agency organisation never bids, so
 * it is not found here.
 */
export type OrganizationFactsRow = RowOf<'organizations', 'id' | 'kind' | 'credit_code' | 'name', { credit_code: string }>;

const APPLICANTS_ONLY = rawSql(`o.kind <> 'agency' AND o.credit_code IS NOT NULL`);

export async function readOrganizationFacts(
  em: EntityManager,
  organizationId: string,
): Promise<OrganizationFactsRow | undefined> {
  const [row] = await runSql<OrganizationFactsRow>(
    em,
    sql`SELECT o.id, o.kind, o.credit_code, o.name FROM organizations o WHERE o.id = ${organizationId} AND ${APPLICANTS_ONLY}`,
  );
  return row;
}

/**
 * The registered organisations among `creditCodes`; `extraColumns` (another owner's subquery about
 * organisation `o`, e.g. whether it already takes part in a bid) are appended to the select list.
 */
export function readOrganizationsByCreditCodes<Extra extends object = object>(
  em: EntityManager,
  creditCodes: string[],
  extraColumns?: Sql,
): Promise<(OrganizationFactsRow & Extra)[]> {
  const extra = extraColumns ? sql`, ${extraColumns}` : rawSql('');
  return runSql<OrganizationFactsRow & Extra>(
    em,
    sql`SELECT o.id, o.kind, o.credit_code, o.name${extra} FROM organizations o
         WHERE o.credit_code = ANY(${creditCodes}::char(18)[]) AND ${APPLICANTS_ONLY}`,
  );
}

/**
 * `JOIN LATERAL (…) <alias> ON true`: the organisation `organizationIdExpr` names, with its `name`;
 * rows without one drop out, as with an inner join.
 */
export function organizationNameJoinSql(alias: string, organizationIdExpr: string): Sql {
  return rawSql(`JOIN LATERAL (SELECT org.name FROM organizations org WHERE org.id = ${organizationIdExpr}) ${alias} ON true`);
}
