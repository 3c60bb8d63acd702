import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Organization } from '@app/identity';
import type { ConsortiumRole } from './bid-rules';
import { Bid } from './bid.entity';

/**
 * Who takes part in a bid: its lead (the bidding organisation, always one row) and its consortium
 * members. `UQ_bid_participants_live` makes "an organisation takes part in at most one live bid per
 * challenge, as lead or as member" a fact the database enforces, race-free, without serialising
 * submissions. `live` turns false when the bid is withdrawn; a replaced bid's rows are re-written.
 */
@Entity({ name: 'bid_participants' })
@Check('CHK_bid_participants_role', `"role" IN ('lead', 'member')`)
@Check('CHK_bid_participants_share', `"share_percent" IS NULL OR ("share_percent" >= 1 AND "share_percent" <= 100)`)
@Index('UQ_bid_participants_live', ['challengeId', 'organizationId'], { unique: true, where: `"live"` })
@Index('UQ_bid_participants_bid_seq', ['bidId', 'seq'], { unique: true })
@Index('IDX_bid_participants_organization', ['organizationId'])
export class BidParticipant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => Bid, (b) => b.participants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  /** Copied from the bid, for the uniqueness rule. */
  @Column({ type: 'uuid' })
  challengeId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'char', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 10 })
  role: ConsortiumRole;

  /** Whole percent; null for the lead of a bid without a consortium. */
  @Column({ type: 'int', nullable: true })
  sharePercent: number | null;

  /** 0 … in the order the consortium was listed (the lead of a lone bid is 0). */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'boolean', default: true })
  live: boolean;
}
