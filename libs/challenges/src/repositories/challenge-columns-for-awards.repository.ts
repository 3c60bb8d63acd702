import { Sql, sql } from '@app/database';

/**
 * The challenge columns a project row is read with, as a join on the project's challenge id:
 * alias `c`, columns `agency_organization_id` (the agency whose officers may see and manage the project),
 * `challenge_title`, `mechanism`.
 * Every project has its challenge (a foreign key), so the join keeps every project row.
 */
export function joinChallengeOfProjectSql(challengeIdColumn: Sql): Sql {
  return sql`JOIN LATERAL (SELECT c.agency_organization_id, c.title AS challenge_title, c.mechanism FROM challenges c WHERE c.id = ${challengeIdColumn}) c ON true`;
}
