import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { forbidden } from '@app/common/domain-error';
import { PageQuery } from '@app/common/http';
import { fen, iso } from '@app/database';
import { MyBidPage, ReviewAssignmentListView } from './dto/my-work';
import { decodeBidKey, pageOf, participationRole } from './my-work-rules';
import { readAssignments, readMyBidsPage } from './repositories/my-work.repository';

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
    const limit = q.limit ?? 20;
    const before = q.cursor ? decodeBidKey(q.cursor) : null;
    const rows = await readMyBidsPage(this.dataSource.manager, user.organizationId, before, limit);
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
    const rows = await readAssignments(this.dataSource.manager, user.id);
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
