import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Challenge } from '@app/challenges';
import type { GateEvidence } from './gate-rules';

/**
 * A stage gate of a horse race, run once (`UQ_stage_gates_challenge_stage`): who advances, who is
 * stopped, the evidence it was based on and, when the cut-off was not decided by the evidence
 * alone, the agency's stated reason. Published first (公示期 until `publicity_ends_at`), final at
 * `finalised_at` (see libs/awards/README.md); `advancing` / `eliminated` change only when an
 * objection is upheld during publicity.
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

  /** The eliminated projects' milestones cancelled when the gate became final: [{projectId, milestoneId, trancheFen}]. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  cancelled: { projectId: string; milestoneId: string; trancheFen: number }[];

  @Column({ type: 'text', nullable: true })
  tieBreakReason: string | null;

  @Column({ type: 'uuid' })
  decidedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  decidedAt: Date;

  /** The end of the gate's publicity period (database clock); an upheld objection that stops another project moves it later. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  publicityEndsAt: Date;

  /** When the result became final (stopped projects eliminated); null while in publicity or held by an objection. */
  @Column({ type: 'timestamptz', nullable: true })
  finalisedAt: Date | null;
}
