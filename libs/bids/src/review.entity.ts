import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  Relation,
} from 'typeorm';
import { Challenge } from '@app/challenges';
import { User } from '@app/identity';
import type { Criterion } from './ranking';
import { Bid } from './bid.entity';

/**
 * A challenge's review panel: its scoring criteria and whether it has closed. A challenge without a
 * row uses DEFAULT_CRITERIA and is open. (Kept here, not on the challenge: review belongs to bids.)
 */
@Entity({ name: 'review_panels' })
export class ReviewPanel {
  @PrimaryColumn('uuid')
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @Column({ type: 'jsonb' })
  criteria: Criterion[];

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A reviewer assigned to a challenge by its agency. */
@Entity({ name: 'panel_reviewers' })
@Index('IDX_panel_reviewers_reviewer', ['reviewerId'])
export class PanelReviewer {
  @PrimaryColumn('uuid')
  challengeId: string;

  @PrimaryColumn('uuid')
  reviewerId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: User;

  @Column({ type: 'uuid' })
  assignedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;
}

/** A conflict of interest a reviewer declared on a bid. (Automatic conflicts are computed, never stored.) */
@Entity({ name: 'bid_conflicts' })
@Index('UQ_bid_conflicts_bid_reviewer', ['bidId', 'reviewerId'], { unique: true })
@Index('IDX_bid_conflicts_challenge', ['challengeId'])
export class BidConflict {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  @Column({ type: 'uuid' })
  challengeId: string;

  @Column({ type: 'uuid' })
  reviewerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: User;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  declaredAt: Date;
}

/** One reviewer's scores on one bid: one row per reviewer and bid, revised in place until the panel closes. */
@Entity({ name: 'bid_scores' })
@Index('UQ_bid_scores_bid_reviewer', ['bidId', 'reviewerId'], { unique: true })
@Index('IDX_bid_scores_challenge', ['challengeId'])
export class BidScore {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  @Column({ type: 'uuid' })
  challengeId: string;

  @Column({ type: 'uuid' })
  reviewerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewer_id' })
  reviewer?: User;

  /** criterion key → score (0–100). */
  @Column({ type: 'jsonb' })
  scores: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'int', default: 1 })
  revision: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
