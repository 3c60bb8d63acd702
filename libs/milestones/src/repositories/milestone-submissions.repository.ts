import { EntityManager } from 'typeorm';
import { milestonesOfProject } from '@app/awards';
import { RowOf, rawSql, runSql, sql } from '@app/database';
import type { AchievedDto, AttachmentDto } from '../dto/milestones.dto';

export type SubmissionRow = RowOf<
  'milestone_submissions',
  'id' | 'attempt' | 'report' | 'submitted_by' | 'submitted_at' | 'decision' | 'comment' | 'reduced_tranche_fen' | 'decided_at',
  { achieved: AchievedDto[]; attachments: AttachmentDto[] }
>;

/** The next attempt number of a milestone's submissions (1 for the first). */
export async function nextAttempt(em: EntityManager, milestoneId: string): Promise<number> {
  const [row] = await runSql<{ attempt: number }>(
    em,
    sql`SELECT coalesce(max(attempt), 0) + 1 AS attempt FROM milestone_submissions WHERE milestone_id = ${milestoneId}`,
  );
  return row.attempt;
}

export async function insertSubmission(
  em: EntityManager,
  s: {
    milestoneId: string;
    projectId: string;
    attempt: number;
    report: string;
    achieved: AchievedDto[];
    attachments: AttachmentDto[];
    submittedBy: string;
  },
): Promise<RowOf<'milestone_submissions', 'id' | 'submitted_at'>> {
  const [row] = await runSql<RowOf<'milestone_submissions', 'id' | 'submitted_at'>>(
    em,
    sql`INSERT INTO milestone_submissions (milestone_id, project_id, attempt, report, achieved, attachments, submitted_by)
        VALUES (${s.milestoneId}, ${s.projectId}, ${s.attempt}, ${s.report}, ${JSON.stringify(s.achieved)}::jsonb,
                ${JSON.stringify(s.attachments)}::jsonb, ${s.submittedBy})
        RETURNING id, submitted_at`,
  );
  return row;
}

/** Records the decision on the milestone's pending submission; its id, or undefined when none was pending. */
export async function decidePendingSubmission(
  em: EntityManager,
  milestoneId: string,
  d: { decision: string; comment: string; reducedTrancheFen: number | null; decidedBy: string },
): Promise<string | undefined> {
  const [row] = await runSql<RowOf<'milestone_submissions', 'id'>>(
    em,
    sql`UPDATE milestone_submissions
           SET decision = ${d.decision}, comment = ${d.comment}, reduced_tranche_fen = ${d.reducedTrancheFen}, decided_by = ${d.decidedBy},
               decided_at = now()
         WHERE milestone_id = ${milestoneId} AND decision IS NULL RETURNING id`,
  );
  return row?.id;
}

/** A milestone's submissions in attempt order (none when the milestone is not the project's). */
export function submissionsOf(em: EntityManager, projectId: string, milestoneId: string): Promise<SubmissionRow[]> {
  return runSql<SubmissionRow>(
    em,
    sql`SELECT s.id, s.attempt, s.report, s.achieved, s.attachments, s.submitted_by, s.submitted_at, s.decision, s.comment,
               s.reduced_tranche_fen, s.decided_at
          FROM milestone_submissions s JOIN (${milestonesOfProject(projectId)}) m ON m.id = s.milestone_id
         WHERE s.milestone_id = ${milestoneId} ORDER BY s.attempt`,
  );
}

/** A scalar: when the oldest submission waiting for review without a reminder reaches the SLA. */
export const nextReviewSlaAt = (slaMs: number) =>
  sql`(SELECT min(submitted_at) + ${slaMs} * interval '1 millisecond' FROM milestone_submissions WHERE decision IS NULL AND sla_reminded_at IS NULL)`;

/** The body of a CTE: up to `limit` submissions waiting longer than the SLA without a reminder, locked, skipping held rows. */
export const lockSubmissionsPastSla = (limit: number, slaMs: number) =>
  sql`SELECT s.id FROM milestone_submissions s
       WHERE s.decision IS NULL AND s.sla_reminded_at IS NULL AND s.submitted_at <= now() - ${slaMs} * interval '1 millisecond'
       ORDER BY s.submitted_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;

/** The body of a CTE: the submissions of CTE `due` are marked reminded; RETURNING id, milestone_id, project_id, submitted_at. */
export const markSlaReminded = (due: string) => {
  const cte = rawSql(due);
  return sql`UPDATE milestone_submissions s SET sla_reminded_at = now() FROM ${cte} WHERE s.id = ${cte}.id
             RETURNING s.id, s.milestone_id, s.project_id, s.submitted_at`;
};

/** The project of a submission (for its documents' access rule), or undefined. */
export async function readSubmissionProjectId(em: EntityManager, submissionId: string): Promise<string | undefined> {
  const [row] = await runSql<RowOf<'milestone_submissions', 'project_id'>>(
    em,
    sql`SELECT project_id FROM milestone_submissions WHERE id = ${submissionId}`,
  );
  return row?.project_id;
}
