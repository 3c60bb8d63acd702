import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Challenge } from '@app/challenges';
import { moneyColumn } from '@app/database';
import { User } from '@app/identity';
import type { ProjectConsortiumEntry } from './project.entity';
import { Project } from './project.entity';

export const MERGE_STATUSES = ['proposed', 'merged', 'declined'] as const;
export type MergeStatus = (typeof MERGE_STATUSES)[number];

/** One merged project's consent: its lead organisation's answer (a team user of it). */
export interface MergeConsent {
  projectId: string;
  organizationId: string;
  decision: 'pending' | 'accepted' | 'declined';
  userId: string | null;
  comment: string | null;
  at: string | null;
}

/** A re-planned milestone of the merged project (its tranche pays part of grant − paid). */
export interface MergeMilestone {
  title: string;
  dueAt: string;
  deliverable: string;
  trancheFen: number;
}

/**
 * A merge at a horse-race gate (强强联合), proposed by the challenge's agency: the projects, the
 * merged project's terms and plan, and each project's consent. When every lead has accepted the
 * merge is carried out (`merged`, `result_project_id`); any decline ends it (`declined`).
 */
@Entity({ name: 'project_merges' })
@Check('CHK_project_merges_status', `"status" IN ('proposed', 'merged', 'declined')`)
@Check('CHK_project_merges_result', `("status" = 'merged') = ("result_project_id" IS NOT NULL)`)
@Check('CHK_project_merges_money', `"grant_fen" > 0 AND "total_investment_fen" > 0`)
@Index('IDX_project_merges_challenge', ['challengeId', 'createdAt'])
export class ProjectMerge {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_project_merges' })
  id: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id', foreignKeyConstraintName: 'FK_project_merges_challenge' })
  challenge?: Relation<Challenge>;

  /** The gate (stage) the projects advanced at. */
  @Column({ type: 'int' })
  stage: number;

  @Column({ type: 'jsonb' })
  projectIds: string[];

  @Column({ type: 'jsonb' })
  consents: MergeConsent[];

  @Column({ type: 'uuid' })
  leadOrganizationId: string;

  /** The merged project's consortium (lead first). */
  @Column({ type: 'jsonb' })
  members: ProjectConsortiumEntry[];

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column(moneyColumn())
  totalInvestmentFen: number;

  @Column(moneyColumn())
  grantFen: number;

  @Column({ type: 'jsonb' })
  milestones: MergeMilestone[];

  @Column({ type: 'varchar', length: 20, default: 'proposed' })
  status: MergeStatus;

  @Column({ type: 'uuid' })
  proposedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposed_by', foreignKeyConstraintName: 'FK_project_merges_proposed_by' })
  proposer?: User;

  @Column({ type: 'uuid', nullable: true })
  resultProjectId: string | null;

  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'result_project_id', foreignKeyConstraintName: 'FK_project_merges_result' })
  resultProject?: Relation<Project>;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
