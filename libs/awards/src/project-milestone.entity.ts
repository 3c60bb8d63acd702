import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { moneyColumn } from '@app/database';
import { Project } from './project.entity';

export const MILESTONE_STATUSES = ['scheduled', 'submitted', 'met', 'partially_met', 'not_met', 'overdue', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
/** Not decided yet: these are cancelled when their project is eliminated or terminated. */
export const OPEN_MILESTONE_STATUSES: readonly MilestoneStatus[] = ['scheduled', 'submitted', 'overdue'];

/**
 * One milestone of a project's plan (copied from the bid at award, tranches scaled to the award so
 * they add up to `projects.granted_fen` exactly). libs/milestones moves `status` and pays tranches.
 * `stage_index` (horse race) is the 0-based stage whose period contains `due_at` (the first stage
 * ending at or after it); null for an open call or a milestone due after the last stage.
 */
@Entity({ name: 'project_milestones' })
@Check(
  'CHK_project_milestones_status',
  `"status" IN ('scheduled', 'submitted', 'met', 'partially_met', 'not_met', 'overdue', 'cancelled')`,
)
@Check('CHK_project_milestones_tranche', `"tranche_fen" >= 0`)
@Index('UQ_project_milestones_project_seq', ['projectId', 'seq'], { unique: true })
@Index('IDX_project_milestones_due', ['dueAt'], { where: `"status" IN ('scheduled', 'submitted')` })
export class ProjectMilestone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, (p) => p.milestones, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  /** 0, 1, 2 … in the bid's order. */
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

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: MilestoneStatus;

  @Column({ type: 'int', nullable: true })
  stageIndex: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
