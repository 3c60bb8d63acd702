import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { moneyColumn } from '@app/database';
import { Bid } from './bid.entity';

/** One milestone of a bid's plan, with the tranche paid when it is met. Tranches add up to the request. */
@Entity({ name: 'bid_milestones' })
@Check('CHK_bid_milestones_tranche', `"tranche_fen" >= 0`)
@Index('UQ_bid_milestones_bid_seq', ['bidId', 'seq'], { unique: true })
export class BidMilestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => Bid, (b) => b.milestones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  /** 0, 1, 2 … in the order the team listed them. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'text' })
  deliverable: string;

  @Column(moneyColumn())
  trancheFen: number;
}
