import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Challenge } from '@app/challenges';
import type { GateEvidence } from './gate-rules';

/**
 * A stage gate of a horse race, run once (`UQ_stage_gates_challenge_stage`): who advanced, who was
 * eliminated, the evidence it was based on and, when the cut-off was not decided by the evidence
 * alone, the agency's stated reason.
 */
@Entity({ name: 'stage_gates' })
@Index('UQ_stage_gates_challenge_stage', ['challengeId', 'stage'], { unique: true })
export class StageGate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  /** 1-based: gate 1 closes the first stage. */
  @Column({ type: 'int' })
  stage: number;

  @Column({ type: 'jsonb' })
  advancing: string[];

  @Column({ type: 'jsonb' })
  eliminated: string[];

  /** Every project in the race at the gate with its milestones of the stage and points, best first. */
  @Column({ type: 'jsonb' })
  evidence: GateEvidence[];

  /** The eliminated projects' milestones cancelled by the gate: [{projectId, milestoneId, trancheFen}]. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  cancelled: { projectId: string; milestoneId: string; trancheFen: number }[];

  @Column({ type: 'text', nullable: true })
  tieBreakReason: string | null;

  @Column({ type: 'uuid' })
  decidedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt: Date;
}
