import { EntityManager } from 'typeorm';
import { milestonesOfProject, projectsForEvaluation } from '@app/awards';
import { EvaluatedChallengesFilter, evaluatedChallenges } from '@app/challenges';
import { RowOf, rawSql, runSql, sql } from '@app/database';
import { organizationNames } from '@app/identity';
import { acceptedReportOf } from '@app/milestones';
import { MilestoneFact, ObjectiveFact, ProjectFact } from '../evaluation-rules';

/**
 * The facts a performance evaluation is computed from, in one statement: the selected challenges,
 * each with its projects (lead organisation's name), each project with its milestones and the
 * accepted report of each. Every table is read through its owner's fragment; this library owns none.
 */

/** A milestone fact as the statement returns it: timestamps as JSON text. */
export type MilestoneFactJson = Omit<MilestoneFact, 'dueAt' | 'reportedAt'> & { dueAt: string; reportedAt: string | null };

export type ProjectFactJson = Omit<ProjectFact, 'milestones'> & { milestones: MilestoneFactJson[] };

export type ChallengeFactsRow = RowOf<
  'challenges',
  'id' | 'title' | 'industry' | 'mechanism' | 'budget_fen' | 'agency_organization_id'
> & {
  year: number | null;
  objectives: ObjectiveFact[];
  projects: ProjectFactJson[];
};

export function challengeFacts(em: EntityManager, filter: EvaluatedChallengesFilter): Promise<ChallengeFactsRow[]> {
  const milestones = sql`SELECT coalesce(json_agg(json_build_object('status', m.status, 'dueAt', m.due_at, 'reportedAt', r.submitted_at,
                                                                   'achieved', coalesce(r.achieved, '[]'::jsonb)) ORDER BY m.seq), '[]')
                           FROM (${milestonesOfProject(rawSql('p.id'))}) m
                           LEFT JOIN LATERAL (${acceptedReportOf(rawSql('m.id'))}) r ON true`;
  return runSql<ChallengeFactsRow>(
    em,
    sql`SELECT c.id, c.title, c.industry, c.mechanism, c.budget_fen, c.agency_organization_id, c.year, c.objectives,
               coalesce((SELECT json_agg(json_build_object('id', p.id, 'title', p.title, 'organizationName', o.name, 'status', p.status,
                                                          'grantedFen', p.granted_fen, 'paidFen', p.paid_fen,
                                                          'mergeReleasedFen', p.merge_released_fen,
                                                          'stageReached', p.stage_reached, 'endReason', p.end_reason,
                                                          'milestones', (${milestones})) ORDER BY p.created_at, p.id)
                           FROM (${projectsForEvaluation()}) p JOIN (${organizationNames()}) o ON o.id = p.organization_id
                          WHERE p.challenge_id = c.id), '[]') AS projects
          FROM (${evaluatedChallenges(filter)}) c
         ORDER BY c.year DESC NULLS LAST, c.title, c.id`,
  );
}
