import { Sql, sql } from '@app/database';

/**
 * `SELECT id, challenge_id, title, organization_id, status, granted_fen, paid_fen, stage_reached,
 * end_reason, created_at` of every project (libs/evaluations joins them to its challenges).
 */
export const projectsForEvaluation = (): Sql =>
  sql`SELECT p.id, p.challenge_id, p.title, p.organization_id, p.status, p.granted_fen, p.paid_fen, p.stage_reached,
             p.end_reason, p.created_at
        FROM projects p`;
