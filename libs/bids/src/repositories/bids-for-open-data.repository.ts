import { EntityManager } from 'typeorm';
import { RowOf, Sql, queryRows, sql } from '@app/database';

/**
 * The only bid data the public open-data feed ever reads: how many live (not withdrawn) bids a
 * challenge has. Never who bid or what: sealed contents stay sealed.
 */

/** A challenge's live bid count. */
export type LiveBidCount = RowOf<'bids', 'challenge_id', { n: number }>;

/** The live bid counts of these challenges (a challenge without bids is left out). */
export function liveBidCountsForOpenData(em: EntityManager, challengeIds: readonly string[]): Promise<LiveBidCount[]> {
  return queryRows<LiveBidCount>(
    em,
    `SELECT challenge_id, count(*)::int AS n FROM bids WHERE challenge_id = ANY($1::uuid[]) AND status <> 'withdrawn' GROUP BY challenge_id`,
    [challengeIds],
  );
}

/** Live bids per challenge as a relation (`challenge_id`, `bids` a bigint), to LEFT JOIN on `challenge_id`. */
export function liveBidCountsPerChallenge(): Sql {
  return sql`(SELECT challenge_id, count(*) AS bids FROM bids WHERE status <> 'withdrawn' GROUP BY challenge_id)`;
}
