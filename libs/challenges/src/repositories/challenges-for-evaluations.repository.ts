import { Sql, joinSql, rawSql, sql } from '@app/database';

/** Which published challenges a performance evaluation covers (every filter optional). */
export interface EvaluatedChallengesFilter {
  challengeId?: string;
  agencyOrganizationId?: string;
  industry?: string;
  /** The calendar year (Asia/Shanghai) the challenge was published in. */
  year?: number;
}

/**
 * `SELECT id, title, industry, mechanism, budget_fen, objectives, agency_organization_id, year` of
 * the published challenges the filter selects (libs/evaluations). `year`: of publication, in
 * Beijing time, as the programme reports by.
 */
export function evaluatedChallenges(filter: EvaluatedChallengesFilter): Sql {
  const year = rawSql(`extract(year FROM c.published_at AT TIME ZONE 'Asia/Shanghai')::int`);
  const where: Sql[] = [sql`c.published_at IS NOT NULL`];
  if (filter.challengeId !== undefined) where.push(sql`c.id = ${filter.challengeId}`);
  if (filter.agencyOrganizationId !== undefined) where.push(sql`c.agency_organization_id = ${filter.agencyOrganizationId}`);
  if (filter.industry !== undefined) where.push(sql`c.industry = ${filter.industry}`);
  if (filter.year !== undefined) where.push(sql`${year} = ${filter.year}`);
  return sql`SELECT c.id, c.title, c.industry, c.mechanism, c.budget_fen, c.objectives, c.agency_organization_id, ${year} AS year
               FROM challenges c WHERE ${joinSql(where, ' AND ')}`;
}
