import { EntityManager } from 'typeorm';
import { Sql, runSql, sql } from '@app/database';

/** What libs/milestones' notices read of `bids`: whose a bid is, and who bids on a challenge. */

/** The organisation of a bid (for its receipt notice). */
export async function bidOrganizationForNotices(em: EntityManager, bidId: string): Promise<string | undefined> {
  const [row] = await runSql<{ organization_id: string }>(em, sql`SELECT organization_id FROM bids WHERE id = ${bidId}`);
  return row?.organization_id;
}

/** The organisations with a live (not withdrawn) bid on the challenge. */
export async function liveBidOrganizationsForNotices(em: EntityManager, challengeId: string): Promise<string[]> {
  const rows = await runSql<{ organization_id: string }>(
    em,
    sql`SELECT organization_id FROM bids WHERE challenge_id = ${challengeId} AND status <> 'withdrawn' ORDER BY organization_id`,
  );
  return rows.map((r) => r.organization_id);
}

/**
 * `SELECT DISTINCT organization_id` of the organisations whose bid on the challenge `challengeId`
 * (a column) is unfinished: they withdrew a bid and have no live one. (Bids have no draft state on
 * the server — a bid exists once it is submitted — so a withdrawal not yet followed by a new
 * submission is the one unfinished bid the data can tell.)
 */
export const unfinishedBidOrganizationsOf = (challengeId: Sql): Sql =>
  sql`SELECT DISTINCT w.organization_id FROM bids w
       WHERE w.challenge_id = ${challengeId} AND w.status = 'withdrawn'
         AND NOT EXISTS (SELECT 1 FROM bids l WHERE l.challenge_id = w.challenge_id
                            AND l.organization_id = w.organization_id AND l.status <> 'withdrawn')`;
