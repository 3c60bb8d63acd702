import { Sql, sql } from '@app/database';

/**
 * `SELECT submitted_at, achieved` of the accepted report (accepted in full or in part) of the
 * milestone `milestoneId` (a column), at most one row: the latest accepted attempt. For
 * libs/evaluations, to LEFT JOIN LATERAL.
 */
export const acceptedReportOf = (milestoneId: Sql): Sql =>
  sql`SELECT s.submitted_at, s.achieved FROM milestone_submissions s
       WHERE s.milestone_id = ${milestoneId} AND s.decision IN ('accept', 'partial')
       ORDER BY s.attempt DESC LIMIT 1`;
