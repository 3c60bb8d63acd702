import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '@app/identity';
import { OBJECTION_STATUSES, type ObjectionStatus } from './project-objection.entity';
import { Project } from './project.entity';
import { StageGate } from './stage-gate.entity';

export { OBJECTION_STATUSES as GATE_OBJECTION_STATUSES };

/**
 * An objection (异议) to a stage gate's result, lodged during the gate's publicity period by the lead
 * organisation of a project the gate would stop, and resolved by the challenge's agency. At most one
 * open objection per project and gate (`UQ_gate_objections_open`).
 */
@Entity({ name: 'gate_objections' })
@Check('CHK_gate_objections_status', `"status" IN ('open', 'upheld', 'dismissed')`)
@Index('IDX_gate_objections_gate', ['gateId', 'status'])
@Index('UQ_gate_objections_open', ['gateId', 'projectId'], { unique: true, where: `"status" = 'open'` })
export class GateObjection {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_gate_objections' })
  id: string;

  @Column({ type: 'uuid' })
  gateId: string;

  @ManyToOne(() => StageGate, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'gate_id', foreignKeyConstraintName: 'FK_gate_objections_gate' })
  gate?: Relation<StageGate>;

  @Column({ type: 'uuid' })
  challengeId: string;

  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'FK_gate_objections_project' })
  project?: Relation<Project>;

  @Column({ type: 'uuid' })
  raisedBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'raised_by', foreignKeyConstraintName: 'FK_gate_objections_raised_by' })
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
