import { Sql, rawSql, sql } from '@app/database';

/**
 * The parts of the bids library's statements that read the challenges table: composed into one
 * statement so a bid write stays one round trip.
 */

/**
 * `<name> AS (SELECT id FROM challenges … FOR SHARE)`: the challenge if it still takes bids by the
 * database's now() (published, before its deadline), locked FOR SHARE so the close job and a
 * deadline move wait for the bid write (and it for them). Empty when it does not take bids.
 */
export function openChallengeForShareCte(name: string, challengeId: string): Sql {
  return sql`${rawSql(name)} AS (SELECT id FROM challenges WHERE id = ${challengeId} AND status = 'published' AND now() < bid_deadline FOR SHARE)`;
}

/**
 * `JOIN LATERAL (…) <alias> ON true`: the challenge `challengeIdExpr` names, with `title`, `status`,
 * `bid_deadline` and `unsealed` (published and past its deadline by the database's clock); rows
 * without a challenge drop out, as with an inner join.
 */
export function challengeSummaryJoinSql(alias: string, challengeIdExpr: string): Sql {
  return rawSql(`JOIN LATERAL (
           SELECT ch.title, ch.status, ch.bid_deadline, (ch.published_at IS NOT NULL AND now() >= ch.bid_deadline) AS unsealed
             FROM challenges ch WHERE ch.id = ${challengeIdExpr}) ${alias} ON true`);
}
