import { EntityManager } from 'typeorm';
import { challengeSummaryJoinSql } from '@app/challenges';
import { Sql, runSql, sql } from '@app/database';
import { organizationNameJoinSql } from '@app/identity';

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

/** A consortium bid as its consent notices see it: the lead, the deadline, each member's name, share and answer. */
export interface ConsortiumForNotices {
  bid_status: string;
  lead_organization_id: string;
  lead_organization_name: string;
  bid_deadline: Date;
  members: { organizationId: string; organizationName: string; sharePercent: number | null; state: string | null }[];
}

/** The bid's consortium (undefined: no such bid); members in the consortium's order, without sealed content. */
export async function consortiumForNotices(em: EntityManager, bidId: string): Promise<ConsortiumForNotices | undefined> {
  const [row] = await runSql<ConsortiumForNotices>(
    em,
    sql`SELECT b.status AS bid_status, b.organization_id AS lead_organization_id, l.name AS lead_organization_name, ch.bid_deadline,
               COALESCE((SELECT jsonb_agg(jsonb_build_object('organizationId', p.organization_id, 'organizationName', m.name,
                                 'sharePercent', COALESCE(k.share_percent, p.share_percent), 'state', k.state) ORDER BY p.seq)
                           FROM bid_participants p ${organizationNameJoinSql('m', 'p.organization_id')}
                           LEFT JOIN bid_consents k ON k.bid_id = p.bid_id AND k.organization_id = p.organization_id
                          WHERE p.bid_id = b.id AND p.role = 'member'), '[]'::jsonb) AS members
          FROM bids b ${organizationNameJoinSql('l', 'b.organization_id')} ${challengeSummaryJoinSql('ch', 'b.challenge_id')}
         WHERE b.id = ${bidId}`,
  );
  return row;
}

/**
 * `SELECT consent_id, bid_id, organization_id, share_percent, lead_organization_name` of the consent
 * requests still pending on the live bids of the challenge `challengeId` (a column).
 */
export const pendingConsentsOf = (challengeId: Sql): Sql =>
  sql`SELECT k.id AS consent_id, k.bid_id, k.organization_id, k.share_percent, l.name AS lead_organization_name
        FROM bid_consents k JOIN bids b ON b.id = k.bid_id ${organizationNameJoinSql('l', 'b.organization_id')}
       WHERE k.challenge_id = ${challengeId} AND k.state = 'pending' AND b.status <> 'withdrawn'`;

/**
 * `SELECT bid_id, organization_id, members` of the live bids on the challenge `challengeId` (a
 * column) that a member has not accepted (pending or declined), so the close will not open them:
 * the lead's organisation and those members (`[{organizationName, state}]`, the consortium's order).
 */
export const unconsentedBidsOf = (challengeId: Sql): Sql =>
  sql`SELECT b.id AS bid_id, b.organization_id,
             jsonb_agg(jsonb_build_object('organizationName', m.name, 'state', k.state) ORDER BY p.seq, k.organization_id) AS members
        FROM bids b JOIN bid_consents k ON k.bid_id = b.id ${organizationNameJoinSql('m', 'k.organization_id')}
        LEFT JOIN bid_participants p ON p.bid_id = k.bid_id AND p.organization_id = k.organization_id
       WHERE b.challenge_id = ${challengeId} AND b.status <> 'withdrawn' AND k.state <> 'accepted'
       GROUP BY b.id, b.organization_id`;
