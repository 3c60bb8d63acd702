import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Challenge } from './challenge.entity';

/** A question a team asked about a challenge, and the agency's answer (ProZorro-style Q&A). */
@Entity({ name: 'challenge_questions' })
@Index('IDX_challenge_questions_challenge', ['challengeId', 'createdAt', 'id'])
export class ChallengeQuestion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  /** Never shown to anyone but the asker: questions are anonymous, even to the agency. */
  @Column({ type: 'uuid' })
  askerId: string;

  @Column({ type: 'uuid', nullable: true })
  askerOrganizationId: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text', nullable: true })
  answerText: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  answeredBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
