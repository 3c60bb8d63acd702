import { ledgerDecisions } from '@app/audit';
import { Sql, sql } from '@app/database';

/**
 * `SELECT id, challenge_id, title, organization_id, status, granted_fen, paid_fen, stage_reached,
 * end_reason, created_at, merge_released_fen` of every project (libs/evaluations joins them to its
 * challenges). Merged projects are listed too (status `merged`, their grant cut to what they were
 * paid); `merge_released_fen` is, for a project a merge made, what that merge gave back to the budget
 * (Σ the merged grants − the merged grant), as its `project.merged` decision recorded it (the merged
 * projects' grants before the merge are kept nowhere else); 0 for any other project.
 */
export const projectsForEvaluation = (): Sql =>
  sql`SELECT p.id, p.challenge_id, p.title, p.organization_id, p.status, p.granted_fen, p.paid_fen, p.stage_reached,
             p.end_reason, p.created_at,
             coalesce((SELECT sum((l.after->>'releasedFen')::bigint) FROM ${ledgerDecisions('project.merged')} l
                        WHERE l.subject_id = p.id::text), 0) AS merge_released_fen
        FROM projects p`;
