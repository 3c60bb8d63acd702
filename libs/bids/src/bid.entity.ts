import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Challenge } from '@app/challenges';
import { moneyColumn } from '@app/database';
import { Organization } from '@app/identity';
import type { ProposalInput } from './bid-rules';
import { BidMilestone } from './bid-milestone.entity';
import { BidParticipant } from './bid-participant.entity';

export const BID_STATUSES = ['submitted', 'withdrawn', 'shortlisted', 'awarded', 'rejected'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];
/** Why a bid was withdrawn by the platform rather than by its team (consortium-consent-rules.ts). */
export type WithdrawnReason = 'consortium_consent_missing';
/** A live bid counts: every status but withdrawn. */
export const LIVE_BID_STATUSES: readonly BidStatus[] = ['submitted', 'shortlisted', 'awarded', 'rejected'];

/**
 * A sealed bid (揭榜申请) of an organisation on a challenge. Its contents (proposal, milestones,
 * consortium) are readable before the deadline only by its own organisation; the audit ledger
 * holds only `receiptHash`. One live bid per organisation per challenge (`UQ_bids_live_org`).
 * `submittedAt` is the database's now() of the transaction that stored the current version.
 */
@Entity({ name: 'bids' })
@Check('CHK_bids_status', `"status" IN ('submitted', 'withdrawn', 'shortlisted', 'awarded', 'rejected')`)
@Check(
  'CHK_bids_withdrawn_reason',
  `"withdrawn_reason" IS NULL OR ("withdrawn_reason" = 'consortium_consent_missing' AND "status" = 'withdrawn')`,
)
@Check('CHK_bids_amounts', `"requested_funding_fen" > 0 AND "requested_funding_fen" <= "total_investment_fen"`)
@Index('UQ_bids_live_org', ['challengeId', 'organizationId'], { unique: true, where: `"status" <> 'withdrawn'` })
// The public receipt check (GET /bid-receipts/{hash}) finds a bid by its hash.
@Index('IDX_bids_receipt_hash', ['receiptHash'])
@Index('IDX_bids_challenge', ['challengeId', 'submittedAt', 'id'])
@Index('IDX_bids_organization', ['organizationId', 'submittedAt'])
export class Bid {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  /** The bidding organisation: the lead of its consortium, if it has one. */
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The team user who submitted the current version. */
  @Column({ type: 'uuid' })
  submittedBy: string;

  @Column({ type: 'varchar', length: 20, default: 'submitted' })
  status: BidStatus;

  @Column(moneyColumn())
  totalInvestmentFen: number;

  @Column(moneyColumn())
  requestedFundingFen: number;

  /** `{text, approach: [{metric, plan}] | null}` — sealed content. */
  @Column({ type: 'jsonb' })
  proposal: ProposalInput;

  /** hex SHA-256 of the canonical bid (see receipt.ts). */
  @Column({ type: 'char', length: 64 })
  receiptHash: string;

  /** 1 for the first submission, +1 per replacement. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /**
   * Null when the team withdrew it; `consortium_consent_missing` when the close did not open it
   * because a consortium member had not accepted by the deadline (it is then withdrawn: not live,
   * as every reader of bids already understands `withdrawn`, without a status of its own).
   */
  @Column({ type: 'varchar', length: 40, nullable: true })
  withdrawnReason: WithdrawnReason | null;

  /** When it was last shortlisted, awarded or rejected. */
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @OneToMany(() => BidMilestone, (m) => m.bid)
  milestones?: BidMilestone[];

  @OneToMany(() => BidParticipant, (p) => p.bid)
  participants?: BidParticipant[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
