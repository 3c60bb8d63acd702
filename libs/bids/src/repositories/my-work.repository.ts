import { EntityManager } from 'typeorm';
import type { ChallengeStatus } from '@app/challenges';
import { challengeSummaryJoinSql } from '@app/challenges';
import { RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';
import type { BidStatus } from '../bid.entity';
import { bidHasMemberSql } from './bid-participants.repository';

export type MyBidRow = RowOf<
  'bids',
  | 'id'
  | 'challenge_id'
  | 'organization_id'
  | 'status'
  | 'requested_funding_fen'
  | 'total_investment_fen'
  | 'receipt_hash'
  | 'revision'
  | 'submitted_at'
  | 'updated_at'
  | 'withdrawn_at',
  { status: BidStatus; challenge_title: string; challenge_status: ChallengeStatus; bid_deadline: Date; cursor_at: string }
>;

/**
 * The bids organisation `organizationId` leads or is a consortium member of, latest submission
 * first, before the cursor `(at, id)`; one row more than `limit` when there is more.
 */
export function readMyBidsPage(
  em: EntityManager,
  organizationId: string,
  before: { at: string; id: string } | null,
  limit: number,
): Promise<MyBidRow[]> {
  const where: Sql[] = [sql`(b.organization_id = ${organizationId} OR ${bidHasMemberSql('b', organizationId)})`];
  if (before) where.push(sql`(b.submitted_at, b.id) < (${before.at}::timestamptz, ${before.id}::uuid)`);
  return runSql<MyBidRow>(
    em,
    sql`SELECT b.id, b.challenge_id, b.organization_id, c.title AS challenge_title, c.status AS challenge_status, c.bid_deadline,
               b.status, b.requested_funding_fen, b.total_investment_fen, b.receipt_hash, b.revision, b.submitted_at, b.updated_at,
               b.withdrawn_at, ${rawSql(`to_char(b.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`)} AS cursor_at
          FROM bids b ${challengeSummaryJoinSql('c', 'b.challenge_id')}
         WHERE ${joinSql(where, ' AND ')}
         ORDER BY b.submitted_at DESC, b.id DESC LIMIT ${limit + 1}`,
  );
}

export type AssignmentRow = RowOf<
  'panel_reviewers',
  'challenge_id' | 'assigned_at',
  {
    title: string;
    status: ChallengeStatus;
    bid_deadline: Date;
    unsealed: boolean;
    panel_closed_at: Date | null;
    bids: number;
    scored: number;
    conflicts: number;
  }
>;

/** The challenges `reviewerId` is assigned to review, newest assignment first, with counts only. */
export function readAssignments(em: EntityManager, reviewerId: string): Promise<AssignmentRow[]> {
  return runSql<AssignmentRow>(
    em,
    sql`SELECT r.challenge_id, c.title, c.status, c.bid_deadline, r.assigned_at, rp.closed_at AS panel_closed_at, c.unsealed,
               (SELECT count(*)::int FROM bids b WHERE b.challenge_id = r.challenge_id AND b.status <> 'withdrawn') AS bids,
               (SELECT count(*)::int FROM bid_scores s WHERE s.challenge_id = r.challenge_id AND s.reviewer_id = ${reviewerId}) AS scored,
               (SELECT count(*)::int FROM bid_conflicts k WHERE k.challenge_id = r.challenge_id AND k.reviewer_id = ${reviewerId}) AS conflicts
          FROM panel_reviewers r
          ${challengeSummaryJoinSql('c', 'r.challenge_id')}
          LEFT JOIN review_panels rp ON rp.challenge_id = r.challenge_id
         WHERE r.reviewer_id = ${reviewerId}
         ORDER BY r.assigned_at DESC, r.challenge_id DESC`,
  );
}
