import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { forbidden } from '@app/common/domain-error';
import { PageQuery } from '@app/common/http';
import { fen, iso } from '@app/database/raw-sql';
import type { ChallengeStatus } from '@app/challenges/challenge-lifecycle';
import type { BidStatus } from './bid.entity';
import { MyBidPage, ReviewAssignmentListView } from './dto/my-work';
import { decodeBidKey, pageOf, participationRole } from './my-work-rules';
import { query } from './sql';

interface MyBidRow {
  id: string;
  challenge_id: string;
  organization_id: string;
  challenge_title: string;
  challenge_status: ChallengeStatus;
  bid_deadline: Date;
  status: BidStatus;
  requested_funding_fen: string;
  total_investment_fen: string;
  receipt_hash: string;
  revision: number;
  submitted_at: Date;
  updated_at: Date;
  withdrawn_at: Date | null;
  cursor_at: string;
}

interface AssignmentRow {
  challenge_id: string;
  title: string;
  status: ChallengeStatus;
  bid_deadline: Date;
  unsealed: boolean;
  assigned_at: Date;
  panel_closed_at: Date | null;
  bids: number;
  scored: number;
  conflicts: number;
}

/** The caller's own work lists: a team's bids across challenges, a reviewer's assignments. */
@Injectable()
export class MyWorkService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The bids the caller's organisation leads or is a consortium member of, latest submission first.
   * Only ever the caller organisation's bids: the WHERE clause is the access rule.
   */
  async myBids(q: PageQuery, user: AuthUser): Promise<MyBidPage> {
    if (user.role !== Role.Team || !user.organizationId) {
      throw forbidden('bids.teams_only', 'Only a team user lists its organisation’s bids.');
    }
    const params: unknown[] = [user.organizationId];
    const where = [
      `(b.organization_id = $1 OR EXISTS (SELECT 1 FROM bid_participants p WHERE p.bid_id = b.id AND p.organization_id = $1 AND p.role = 'member'))`,
    ];
    if (q.cursor) {
      const key = decodeBidKey(q.cursor);
      params.push(key.at, key.id);
      where.push(`(b.submitted_at, b.id) < ($2::timestamptz, $3::uuid)`);
    }
    const limit = q.limit ?? 20;
    const rows = await query<MyBidRow>(
      this.dataSource.manager,
      `SELECT b.id, b.challenge_id, b.organization_id, c.title AS challenge_title, c.status AS challenge_status, c.bid_deadline,
              b.status, b.requested_funding_fen, b.total_investment_fen, b.receipt_hash, b.revision, b.submitted_at, b.updated_at,
              b.withdrawn_at, to_char(b.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM bids b JOIN challenges c ON c.id = b.challenge_id
        WHERE ${where.join(' AND ')}
        ORDER BY b.submitted_at DESC, b.id DESC LIMIT ${limit + 1}`,
      params,
    );
    const page = pageOf(rows, limit, (r) => ({ at: r.cursor_at, id: r.id }));
    const organizationId = user.organizationId;
    return {
      items: page.items.map((r) => ({
        id: r.id,
        challengeId: r.challenge_id,
        challengeTitle: r.challenge_title,
        challengeStatus: r.challenge_status,
        bidDeadline: r.bid_deadline.toISOString(),
        role: participationRole(r.organization_id, organizationId),
        status: r.status,
        requestedFundingFen: fen(r.requested_funding_fen),
        totalInvestmentFen: fen(r.total_investment_fen),
        receiptHash: r.receipt_hash,
        revision: r.revision,
        submittedAt: r.submitted_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
        withdrawnAt: iso(r.withdrawn_at),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The challenges the caller is assigned to review, newest assignment first, with counts only (no bid data). */
  async assignments(user: AuthUser): Promise<ReviewAssignmentListView> {
    if (user.role !== Role.Reviewer) throw forbidden('review.reviewers_only', 'Only a reviewer has review assignments.');
    const rows = await query<AssignmentRow>(
      this.dataSource.manager,
      `SELECT r.challenge_id, c.title, c.status, c.bid_deadline, r.assigned_at, rp.closed_at AS panel_closed_at,
              (c.published_at IS NOT NULL AND now() >= c.bid_deadline) AS unsealed,
              (SELECT count(*)::int FROM bids b WHERE b.challenge_id = r.challenge_id AND b.status <> 'withdrawn') AS bids,
              (SELECT count(*)::int FROM bid_scores s WHERE s.challenge_id = r.challenge_id AND s.reviewer_id = $1) AS scored,
              (SELECT count(*)::int FROM bid_conflicts k WHERE k.challenge_id = r.challenge_id AND k.reviewer_id = $1) AS conflicts
         FROM panel_reviewers r
         JOIN challenges c ON c.id = r.challenge_id
         LEFT JOIN review_panels rp ON rp.challenge_id = r.challenge_id
        WHERE r.reviewer_id = $1
        ORDER BY r.assigned_at DESC, r.challenge_id DESC`,
      [user.id],
    );
    return {
      items: rows.map((r) => ({
        challengeId: r.challenge_id,
        title: r.title,
        status: r.status,
        bidDeadline: r.bid_deadline.toISOString(),
        unsealed: r.unsealed,
        assignedAt: r.assigned_at.toISOString(),
        panelClosedAt: iso(r.panel_closed_at),
        bids: r.bids,
        scored: r.scored,
        conflicts: r.conflicts,
      })),
      nextCursor: null,
    };
  }
}
