import { EntityManager } from 'typeorm';
import { RowOf, Sql, queryRows, rawSql, runSql, sql } from '@app/database';

/**
 * The bids-table side of an award and of an upheld objection: what the award reads of a bid, the
 * CTE that moves it to `awarded` inside the award's one write statement, and the rejection.
 */

/** A bid's milestone as the award reads it (tranche as text: bigint stays exact through json). */
export interface BidMilestoneForAward {
  seq: number;
  title: string;
  dueAt: string;
  deliverable: string;
  trancheFen: string;
}

/** A bid's participant as the award reads it (the lead alone has no share). */
export interface BidParticipantForAward {
  organizationId: string;
  creditCode: string;
  role: 'lead' | 'member';
  sharePercent: number | null;
}

export type BidForAwardRow = RowOf<
  'bids',
  'id' | 'challenge_id' | 'organization_id' | 'status' | 'total_investment_fen' | 'requested_funding_fen',
  { milestones: BidMilestoneForAward[]; participants: BidParticipantForAward[]; has_panel: boolean }
>;

/** Whether the challenge of the bid aliased `bidAlias` had a review panel (panel row or assigned reviewers). */
export function bidHasPanelSql(bidAlias: string): Sql {
  return rawSql(`(EXISTS (SELECT 1 FROM review_panels r WHERE r.challenge_id = ${bidAlias}.challenge_id)
  OR EXISTS (SELECT 1 FROM panel_reviewers r WHERE r.challenge_id = ${bidAlias}.challenge_id))`);
}

/**
 * The bid, its plan, its consortium and whether there was a review panel, in one statement; or
 * undefined. `extraColumns` are appended to the select list (another owner's subquery, e.g. the
 * program manager's role), typed by `Extra`.
 */
export async function readBidForAward<Extra extends object = object>(
  em: EntityManager,
  bidId: string,
  extraColumns?: Sql,
): Promise<(BidForAwardRow & Extra) | undefined> {
  const extra = extraColumns ? sql`, ${extraColumns}` : rawSql('');
  const [row] = await runSql<BidForAwardRow & Extra>(
    em,
    sql`SELECT b.id, b.challenge_id, b.organization_id, b.status, b.total_investment_fen, b.requested_funding_fen,
              (SELECT coalesce(json_agg(json_build_object('seq', m.seq, 'title', m.title, 'dueAt', m.due_at, 'deliverable', m.deliverable,
                                                          'trancheFen', m.tranche_fen::text) ORDER BY m.seq), '[]'::json)
                 FROM bid_milestones m WHERE m.bid_id = b.id) AS milestones,
              (SELECT coalesce(json_agg(json_build_object('organizationId', p.organization_id, 'creditCode', p.credit_code,
                                                          'role', p.role, 'sharePercent', p.share_percent) ORDER BY p.seq), '[]'::json)
                 FROM bid_participants p WHERE p.bid_id = b.id) AS participants,
              ${bidHasPanelSql('b')} AS has_panel${extra}
         FROM bids b WHERE b.id = ${bidId}`,
  );
  return row;
}

/**
 * `<cteName> AS (UPDATE bids … RETURNING b.id)`: the bid moves to `awarded` only if it is still
 * awardable (shortlisted, or submitted on a challenge without a review panel); an empty CTE tells
 * the caller it changed meanwhile.
 */
export function markBidAwardedCte(cteName: string, bidId: string): Sql {
  return sql`${rawSql(cteName)} AS (
           UPDATE bids b SET status = 'awarded', decided_at = now(), updated_at = now()
            WHERE b.id = ${bidId} AND (b.status = 'shortlisted' OR (b.status = 'submitted' AND NOT ${bidHasPanelSql('b')}))
           RETURNING b.id
         )`;
}

/** The bid's status now and whether its challenge had a panel, to explain why an award did not move it. */
export async function readBidStatusForAward(
  em: EntityManager,
  bidId: string,
): Promise<RowOf<'bids', 'status', { has_panel: boolean }> | undefined> {
  const [row] = await runSql<RowOf<'bids', 'status', { has_panel: boolean }>>(
    em,
    sql`SELECT b.status, ${bidHasPanelSql('b')} AS has_panel FROM bids b WHERE b.id = ${bidId}`,
  );
  return row;
}

/** An award revoked by an upheld objection: its bid is rejected. */
export async function rejectBid(em: EntityManager, bidId: string): Promise<void> {
  await em.query(`UPDATE bids SET status = 'rejected', decided_at = now(), updated_at = now() WHERE id = $1`, [bidId]);
}

/** The named bids of the challenge (those that exist), locked FOR UPDATE in id order. */
export function lockBidsOfChallenge(
  em: EntityManager,
  challengeId: string,
  bidIds: string[],
): Promise<RowOf<'bids', 'id' | 'status'>[]> {
  return queryRows<RowOf<'bids', 'id' | 'status'>>(
    em,
    `SELECT id, status FROM bids WHERE challenge_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
    [challengeId, bidIds],
  );
}

/** The challenge's bids not yet decided (submitted or shortlisted), locked FOR UPDATE in id order. */
export function lockUndecidedBidIds(em: EntityManager, challengeId: string): Promise<RowOf<'bids', 'id'>[]> {
  return queryRows<RowOf<'bids', 'id'>>(
    em,
    `SELECT id FROM bids WHERE challenge_id = $1 AND status IN ('submitted', 'shortlisted') ORDER BY id FOR UPDATE`,
    [challengeId],
  );
}

export async function setBidsOutcome(
  em: EntityManager,
  challengeId: string,
  bidIds: string[],
  outcome: 'awarded' | 'rejected',
): Promise<void> {
  await em.query(
    `UPDATE bids SET status = $3, decided_at = now(), updated_at = now() WHERE challenge_id = $1 AND id = ANY($2::uuid[])`,
    [challengeId, bidIds, outcome],
  );
}
