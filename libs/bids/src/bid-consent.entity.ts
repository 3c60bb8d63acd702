import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Organization, User } from '@app/identity';
import type { ConsentState } from './consortium-consent-rules';
import { Bid } from './bid.entity';

/**
 * A consortium member's consent to its place in a bid (consortium-consent-rules.ts): one row per
 * member organisation of a bid, asked when the bid names it (or changes its share), answered by a
 * team user of that organisation before the deadline. Removed with the member (or the bid).
 */
@Entity({ name: 'bid_consents' })
@Check('CHK_bid_consents_state', `"state" IN ('pending', 'accepted', 'declined')`)
@Check('CHK_bid_consents_decided', `("state" = 'pending') = ("decided_at" IS NULL)`)
@Check('CHK_bid_consents_reason', `"reason" IS NULL OR "state" = 'declined'`)
@Index('UQ_bid_consents_member', ['bidId', 'organizationId'], { unique: true })
@Index('IDX_bid_consents_organization', ['organizationId'])
export class BidConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  /** Copied from the bid, so the close reads a challenge's consents by one index. */
  @Index('IDX_bid_consents_challenge')
  @Column({ type: 'uuid' })
  challengeId: string;

  /** The member organisation asked. */
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The share the member was asked to accept (whole percent). */
  @Column({ type: 'int' })
  sharePercent: number;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  state: ConsentState;

  /** Why the member declined, if it said. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The bid's revision that asked. */
  @Column({ type: 'int' })
  askedRevision: number;

  @Column({ type: 'timestamptz' })
  askedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'decided_by' })
  decider?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
