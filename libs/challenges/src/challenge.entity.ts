import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '@app/identity';
import { moneyColumn } from '@app/database';
import type { ChallengeStatus } from './challenge-lifecycle';
import type { Eligibility, Objective } from './challenge-rules';
import type { RequirableBidDocumentRole } from './document-roles';
import type { Field, Industry, Mechanism, Track, Zone } from './challenge-taxonomy';

/** A stage as stored (jsonb): `endsAt` is an ISO-8601 UTC string. */
export interface StoredStage {
  name: string;
  endsAt: string;
  advancingSlots: number;
}

/**
 * A challenge (榜单). `search_text` is kept by a trigger (lower-cased title, summary and
 * objectives' metrics and units) with a pg_trgm GIN index, for `q` search in Chinese and English.
 * `awarded_fen` / `awarded_count` are the counters awards keep; CHECKs make the database refuse
 * an overrun of the budget or of the parallel slots, even by a bug.
 */
@Entity({ name: 'challenges' })
@Check('CHK_challenges_awarded_fen', `"awarded_fen" >= 0 AND "awarded_fen" <= "budget_fen"`)
@Check('CHK_challenges_awarded_count', `"awarded_count" >= 0 AND "awarded_count" <= "parallel_slots"`)
@Check('CHK_challenges_budget', `"budget_fen" > 0`)
@Check('CHK_challenges_max_award', `"max_award_fen" IS NULL OR ("max_award_fen" > 0 AND "max_award_fen" <= "budget_fen")`)
@Check('CHK_challenges_slots', `"parallel_slots" >= 1`)
@Check('CHK_challenges_dates', `"project_ends_at" > "bid_deadline"`)
@Check(
  'CHK_challenges_required_bid_documents',
  `"required_bid_documents" <@ ARRAY['application', 'commitment', 'qualification', 'budget']::varchar[]`,
)
@Check('CHK_challenges_field_track', `"track" <> 'core_tech' OR "field" IS NOT NULL`)
@Check('CHK_challenges_status', `"status" IN ('draft', 'published', 'closed', 'awarded', 'completed', 'cancelled')`)
@Index('IDX_challenges_deadline', ['bidDeadline', 'id'])
@Index('IDX_challenges_created', ['createdAt', 'id'])
@Index('IDX_challenges_agency', ['agencyId', 'createdAt'])
@Index('IDX_challenges_agency_organization', ['agencyOrganizationId', 'createdAt'])
// The list's common filters, each in both sort orders (migration 1795614900000-ChallengeListIndexes).
@Index('IDX_challenges_status_deadline', ['status', 'bidDeadline', 'id'])
@Index('IDX_challenges_status_created', ['status', 'createdAt', 'id'])
@Index('IDX_challenges_industry_deadline', ['industry', 'bidDeadline', 'id'])
@Index('IDX_challenges_industry_created', ['industry', 'createdAt', 'id'])
@Index('IDX_challenges_secondary_industry_deadline', ['secondaryIndustry', 'bidDeadline', 'id'], {
  where: `"secondary_industry" IS NOT NULL`,
})
@Index('IDX_challenges_secondary_industry_created', ['secondaryIndustry', 'createdAt', 'id'], {
  where: `"secondary_industry" IS NOT NULL`,
})
// pg_trgm GIN index with an operator class TypeORM cannot express: kept by the migration only.
@Index('IDX_challenges_search_trgm', { synchronize: false })
export class Challenge {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'varchar', length: 40 })
  industry: Industry;

  @Column({ type: 'varchar', length: 40, nullable: true })
  secondaryIndustry: Industry | null;

  /** One of clause 4 (四)'s four fields; null only for a project-manager-track challenge (not confined to them). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  field: Field | null;

  @Column({ type: 'varchar', length: 20 })
  mechanism: Mechanism;

  @Column({ type: 'varchar', length: 20 })
  track: Track;

  @Column(moneyColumn())
  budgetFen: number;

  @Column(moneyColumn({ nullable: true }))
  maxAwardFen: number | null;

  @Column({ type: 'int' })
  parallelSlots: number;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  stages: StoredStage[];

  @Column({ type: 'jsonb' })
  objectives: Objective[];

  @Column({ type: 'jsonb' })
  eligibility: Eligibility;

  @Column({ type: 'timestamptz' })
  bidDeadline: Date;

  @Column({ type: 'timestamptz' })
  projectEndsAt: Date;

  @Column({ type: 'varchar', length: 40, nullable: true })
  zone: Zone | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: ChallengeStatus;

  /** The agency officer (user) who created the challenge. */
  @Column({ type: 'uuid' })
  agencyId: string;

  /** The agency organisation that owns it: every officer of that agency may manage it. */
  @Column({ type: 'uuid' })
  agencyOrganizationId: string;

  /** The foreign key only (never loaded): the organisation's rows are identity's. */
  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'agency_organization_id', foreignKeyConstraintName: 'FK_challenges_agency_organization' })
  agencyOrganization?: never;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column(moneyColumn({ default: 0 }))
  awardedFen: number;

  @Column({ type: 'int', default: 0 })
  awardedCount: number;

  /** The roles of the documents every bid must carry (a subset of REQUIRABLE_BID_DOCUMENT_ROLES). */
  @Column({ type: 'varchar', length: 20, array: true, default: () => `'{}'` })
  requiredBidDocuments: RequirableBidDocumentRole[];

  /** Written by the trigger `challenges_search_text` (see the migration); never by the app. */
  @Column({ type: 'text', select: false, insert: false, update: false })
  searchText?: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
