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
 * `SELECT organization_id` of the organisations whose bid on the challenge `challengeId` (a column)
 * is unfinished: they saved a draft or withdrew a bid, and have no live one.
 */
export const unfinishedBidOrganizationsOf = (challengeId: Sql): Sql =>
  sql`SELECT u.organization_id FROM (
        SELECT w.organization_id FROM bids w WHERE w.challenge_id = ${challengeId} AND w.status = 'withdrawn'
        UNION SELECT d.organization_id FROM bid_drafts d WHERE d.challenge_id = ${challengeId}) u
       WHERE NOT EXISTS (SELECT 1 FROM bids l WHERE l.challenge_id = ${challengeId}
                            AND l.organization_id = u.organization_id AND l.status <> 'withdrawn')`;
