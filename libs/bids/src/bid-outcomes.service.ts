import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { conflict } from '@app/common/domain-error';
import { fen } from '@app/database';
import { bidNotFound } from './bid-errors';
import type { BidStatus } from './bid.entity';
import { ConsortiumEntry, consortiumOf } from './bid-views';
import { lockBidsOfChallenge, lockUndecidedBidIds, setBidsOutcome } from './repositories/bid-outcomes.repository';
import { readMilestonesOfBids } from './repositories/bid-milestones.repository';
import { readParticipantsOfBids } from './repositories/bid-participants.repository';
import { readBid } from './repositories/bids.repository';

/** A bid with everything an award needs: amounts, milestones (with tranches) and consortium. */
export interface BidForAward {
  id: string;
  challengeId: string;
  organizationId: string;
  status: BidStatus;
  totalInvestmentFen: number;
  requestedFundingFen: number;
  submittedAt: Date;
  receiptHash: string;
  milestones: { id: string; seq: number; title: string; dueAt: Date; deliverable: string; trancheFen: number }[];
  /** [] when the organisation bid alone; otherwise every organisation, lead included. */
  consortium: ConsortiumEntry[];
}

const MOVABLE: ReadonlySet<string> = new Set(['submitted', 'shortlisted']);

/** What the award decision needs of bids, inside the caller's transaction. */
@Injectable()
export class BidOutcomesService {
  constructor(private readonly audit: AuditService) {}

  /**
   * A bid with its milestones and consortium, for an award decided in `em`'s transaction. Locks the
   * bid row (FOR UPDATE) so its status cannot change under the award. 404 if there is no such bid
   * (or it belongs to another challenge, when `challengeId` is given).
   */
  async getForAward(em: EntityManager, bidId: string, challengeId?: string): Promise<BidForAward> {
    const row = await readBid(em, bidId, 'FOR UPDATE');
    if (!row || (challengeId !== undefined && row.challenge_id !== challengeId)) throw bidNotFound(bidId);
    const milestones = await readMilestonesOfBids(em, [bidId]);
    const participants = await readParticipantsOfBids(em, [bidId]);
    return {
      id: row.id,
      challengeId: row.challenge_id,
      organizationId: row.organization_id,
      status: row.status,
      totalInvestmentFen: fen(row.total_investment_fen),
      requestedFundingFen: fen(row.requested_funding_fen),
      submittedAt: row.submitted_at,
      receiptHash: row.receipt_hash,
      milestones: milestones.map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueAt: m.due_at,
        deliverable: m.deliverable,
        trancheFen: fen(m.tranche_fen),
      })),
      consortium: consortiumOf(participants),
    };
  }

  /**
   * Moves bids to `awarded` or `rejected` in the caller's transaction, with an audit entry each.
   * Only live bids move (submitted or shortlisted; an awarded bid may also be rejected later, e.g.
   * eliminated at a gate is NOT this — use it only for the award decision). Returns the ids moved;
   * 409 if any of the ids is not a live bid of the challenge.
   */
  async markOutcome(
    em: EntityManager,
    challengeId: string,
    bidIds: string[],
    outcome: 'awarded' | 'rejected',
    actorId: string | null,
  ): Promise<string[]> {
    if (bidIds.length === 0) return [];
    const rows = await lockBidsOfChallenge(em, challengeId, bidIds);
    const bad = bidIds.filter((id) => !rows.some((r) => r.id === id && MOVABLE.has(r.status)));
    if (bad.length)
      throw conflict('bids.not_decidable', `Only submitted or shortlisted bids of this challenge can be ${outcome}.`, {
        bidIds: bad,
      });
    await setBidsOutcome(em, challengeId, bidIds, outcome);
    for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      await this.audit.record(em, {
        challengeId,
        actorId,
        action: `bid.${outcome}`,
        subjectType: 'bid',
        subjectId: r.id,
        before: { status: r.status },
        after: { status: outcome },
        public: false,
      });
    }
    return rows.map((r) => r.id);
  }

  /** Every live bid of the challenge not yet decided (submitted or shortlisted) → rejected. Returns their ids. */
  async rejectRemaining(em: EntityManager, challengeId: string, actorId: string | null): Promise<string[]> {
    const rows = await lockUndecidedBidIds(em, challengeId);
    return this.markOutcome(
      em,
      challengeId,
      rows.map((r) => r.id),
      'rejected',
      actorId,
    );
  }
}
