import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Challenge } from '@app/challenges';
import { Organization, User } from '@app/identity';

/**
 * A team's unfinished bid on a challenge (one per organisation), sealed at rest (draft-seal.ts):
 * only its own organisation's team users read it, never the agency, reviewers or auditors, before
 * or after the deadline. Deleted when the organisation submits a bid and, for every organisation,
 * when the challenge closes.
 */
@Entity({ name: 'bid_drafts' })
@Index('IDX_bid_drafts_organization', ['organizationId'])
@Check('CHK_bid_drafts_sealed', `octet_length("sealed") BETWEEN 28 AND 65564`)
export class BidDraft {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_bid_drafts' })
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'challenge_id', foreignKeyConstraintName: 'FK_bid_drafts_challenge' })
  challenge?: Relation<Challenge>;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_bid_drafts' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'FK_bid_drafts_organization' })
  organization?: Relation<Organization>;

  /** The key-encryption key that wrapped the data key (documents' key ring). */
  @Column({ type: 'varchar', length: 32 })
  keyId: string;

  @Column({ type: 'bytea' })
  wrappedKey: Buffer;

  /** iv ‖ ciphertext ‖ tag of the content's JSON. */
  @Column({ type: 'bytea' })
  sealed: Buffer;

  /** The team user who saved this version. */
  @Column({ type: 'uuid' })
  savedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'saved_by', foreignKeyConstraintName: 'FK_bid_drafts_saved_by' })
  saver?: Relation<User>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  savedAt: Date;
}
