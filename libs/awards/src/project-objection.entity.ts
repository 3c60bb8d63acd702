import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '@app/identity';
import { Project } from './project.entity';

export const OBJECTION_STATUSES = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** An objection (异议) to an award, lodged during its publicity period and resolved by the agency. */
@Entity({ name: 'project_objections' })
@Check('CHK_project_objections_status', `"status" IN ('open', 'upheld', 'dismissed')`)
@Index('IDX_project_objections_project', ['projectId', 'status'])
export class ProjectObjection {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'uuid' })
  challengeId: string;

  @Column({ type: 'uuid' })
  raisedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by' })
  raiser?: User;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: ObjectionStatus;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ type: 'text', nullable: true })
  resolutionComment: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
