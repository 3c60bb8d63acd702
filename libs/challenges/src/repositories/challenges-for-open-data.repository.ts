import { EntityManager } from 'typeorm';
import { RowOf, Sql, queryRows, rawSql, sql } from '@app/database';
import type { Eligibility, Objective } from '../challenge-rules';
import type { StoredStage } from '../challenge.entity';

/**
 * What the public open-data feed reads of challenges. Only fields that cannot change once a
 * challenge is published (the deadline can, and the feed takes it from the ledger), so a release
 * built from them is the same every time it is served. Timestamps are ISO-8601 UTC text.
 */

const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A challenge as published. */
export type ChallengeFactsForOpenData = RowOf<
  'challenges',
  | 'id'
  | 'title'
  | 'summary'
  | 'industry'
  | 'secondary_industry'
  | 'field'
  | 'mechanism'
  | 'track'
  | 'budget_fen'
  | 'parallel_slots'
  | 'zone',
  { stages: StoredStage[]; objectives: Objective[]; eligibility: Eligibility; project_ends_at: string }
>;

/** The published facts of these challenges, in one query. */
export function challengeFactsForOpenData(em: EntityManager, ids: readonly string[]): Promise<ChallengeFactsForOpenData[]> {
  return queryRows<ChallengeFactsForOpenData>(
    em,
    `SELECT id, title, summary, industry, secondary_industry, field, mechanism, track, budget_fen::text AS budget_fen,
            parallel_slots, stages, objectives, eligibility, zone, ${isoText('project_ends_at')} AS project_ends_at
     FROM challenges WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

/** What every release needs of its challenge. */
export type ChallengeOfEventForOpenData = RowOf<'challenges', 'agency_organization_id', { published_at: string | null }>;

/**
 * Challenges as a relation (`id` and the columns of `ChallengeOfEventForOpenData`) to join an event
 * log on `id`; with `industry`, only the challenges of that industry, primary or secondary. A plain
 * subquery: Postgres flattens it into the caller's join (the filter becomes a join filter).
 */
export function challengesOfEventsForOpenData(industry?: string): Sql {
  const inIndustry = industry ? sql`WHERE c.industry = ${industry} OR c.secondary_industry = ${industry}` : sql``;
  return sql`(SELECT c.id, ${rawSql(isoText('c.published_at'))} AS published_at, c.agency_organization_id
       FROM challenges c ${inIndustry})`;
}

/**
 * The challenges public statistics count, as a relation (`id`, `industry`, `field`, `mechanism`,
 * `track`, `year`, `budget_fen`, `bidding_closed`):
 * - a challenge once it has been published, unless it was cancelled (drafts never; a cancelled
 *   challenge's budget was never committed, so adding it to the money of a year or an industry
 *   would report a phantom budget);
 * - `year`: the calendar year (China Standard Time) in which it was published, as text, so each
 *   year is a cohort;
 * - `bidding_closed`: closed by the deadline job, or past the deadline by the database's clock —
 *   how many teams applied is confidential until then.
 */
export function challengesCountedInStats(): Sql {
  return sql`(SELECT c.id, c.industry, c.field, c.mechanism, c.track, c.status,
            extract(year FROM c.published_at AT TIME ZONE 'Asia/Shanghai')::int::text AS year,
            c.budget_fen,
            (c.closed_at IS NOT NULL OR c.bid_deadline <= now()) AS bidding_closed
       FROM challenges c
      WHERE c.published_at IS NOT NULL AND c.status <> 'cancelled')`;
}

/** Horse-race challenges as a relation (`id`, `stage_count`: the stage gates of its plan). */
export function horseRaceChallenges(): Sql {
  return sql`(SELECT c.id, jsonb_array_length(c.stages) AS stage_count FROM challenges c WHERE c.mechanism = 'horse_race')`;
}
