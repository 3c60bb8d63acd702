import { EntityManager } from 'typeorm';
import { projectProgressForOpenData, projectTotalsPerChallenge } from '@app/awards';
import { liveBidCountsPerChallenge } from '@app/bids';
import { challengesCountedInStats, horseRaceChallenges } from '@app/challenges';
import { runSql, sql } from '@app/database';

/**
 * The statistics' statements, composed from the owners' relations (what each counts is said where
 * the relation is defined). Figures are bigint/numeric sums as text: the service checks they are
 * safe integers.
 */

/** One group of the figures: `dim` and `key` name it (both null: the totals). */
export interface StatsRow {
  dim: string | null;
  key: string | null;
  challenges: string;
  budget_fen: string;
  bids: string;
  awards: string;
  awarded_fen: string;
  paid_fen: string;
}

/**
 * Every group (industry, field, mechanism, track, year, status) and the totals, in one statement. A
 * challenge's bids count only once its bidding has closed.
 */
export function statsByDimension(em: EntityManager, withAwards: boolean): Promise<StatsRow[]> {
  return runSql<StatsRow>(
    em,
    sql`
      WITH ch AS (
        SELECT c.industry, c.field, c.mechanism, c.track, c.year, c.status, c.budget_fen,
               CASE WHEN c.bidding_closed THEN coalesce(b.bids, 0) ELSE 0 END AS bids,
               coalesce(p.awards, 0) AS awards,
               coalesce(p.awarded_fen, 0) AS awarded_fen,
               coalesce(p.paid_fen, 0) AS paid_fen
        FROM ${challengesCountedInStats()} c
        LEFT JOIN ${liveBidCountsPerChallenge()} b ON b.challenge_id = c.id
        LEFT JOIN ${projectTotalsPerChallenge(withAwards)} p ON p.challenge_id = c.id
      )
      SELECT CASE WHEN GROUPING(industry) = 0 THEN 'industry'
                  WHEN GROUPING(field) = 0 THEN 'field'
                  WHEN GROUPING(mechanism) = 0 THEN 'mechanism'
                  WHEN GROUPING(track) = 0 THEN 'track'
                  WHEN GROUPING(year) = 0 THEN 'year'
                  WHEN GROUPING(status) = 0 THEN 'status' END AS dim,
             coalesce(industry, field, mechanism, track, year, status) AS key,
             count(*)::text AS challenges, coalesce(sum(budget_fen), 0)::text AS budget_fen,
             coalesce(sum(bids), 0)::text AS bids, coalesce(sum(awards), 0)::text AS awards,
             coalesce(sum(awarded_fen), 0)::text AS awarded_fen, coalesce(sum(paid_fen), 0)::text AS paid_fen
      FROM ch
      GROUP BY GROUPING SETS ((industry), (field), (mechanism), (track), (year), (status), ())
      ORDER BY 1 NULLS FIRST, 2`,
  );
}

export interface HorseRaceCounts {
  projects: string;
  active: string;
  completed: string;
  /** The most stage gates any horse-race challenge plans. */
  max_stage: number | null;
}

/** Of all projects of horse-race challenges: how many, how many active (out of publicity), how many completed. */
export async function horseRaceCounts(em: EntityManager): Promise<HorseRaceCounts> {
  const [counts] = await runSql<HorseRaceCounts>(
    em,
    sql`SELECT count(*)::text AS projects,
               count(*) FILTER (WHERE p.activated)::text AS active,
               count(*) FILTER (WHERE p.completed)::text AS completed,
               max(c.stage_count) AS max_stage
          FROM ${projectProgressForOpenData()} p JOIN ${horseRaceChallenges()} c ON c.id = p.challenge_id`,
  );
  return counts;
}

/** How many projects of horse-race challenges passed each stage gate (stages nobody passed are left out). */
export function horseRaceStageCounts(em: EntityManager): Promise<{ stage: number; n: string }[]> {
  return runSql(
    em,
    sql`SELECT s.stage, count(p.id)::text AS n
          FROM ${projectProgressForOpenData()} p JOIN ${horseRaceChallenges()} c ON c.id = p.challenge_id
          CROSS JOIN LATERAL generate_series(1, greatest(p.stage_reached, 0)) AS s(stage)
         GROUP BY s.stage ORDER BY s.stage`,
  );
}
