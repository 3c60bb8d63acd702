import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@app/common/http';
import { AuditEntry } from '../audit-entry.entity';
import { publicActorId } from './public-actor';

export class AuditListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this challenge’s chain, in chain order.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  challengeId?: string;
}

/**
 * A public ledger entry, with its place in the chain so anyone can follow the links. Every field
 * is the stored one, except that the actor of an applicant's act is withheld (see public-actor.ts).
 */
export class AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The challenge id, or `global`.' }) chain: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) challengeId: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'The staff account that decided; null when a job decided, and for acts of applicants (an objection names no one publicly).',
  })
  actorId: string | null;
  @ApiProperty({ example: 'challenge.published' }) action: string;
  @ApiProperty() subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ type: Object, nullable: true }) before: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) after: Record<string, unknown> | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static of(entry: AuditEntry): AuditEntryView {
    return {
      id: entry.id,
      chain: entry.chain,
      seq: entry.seq,
      challengeId: entry.challengeId,
      actorId: publicActorId(entry),
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      before: entry.before,
      after: entry.after,
      recordedAt: entry.recordedAt.toISOString(),
      prevHash: entry.prevHash,
      hash: entry.hash,
    };
  }
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items: AuditEntryView[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class ChainBreakView {
  @ApiProperty() chain: string;
  @ApiProperty() seq: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) entryId: string | null;
  @ApiProperty({
    enum: ['hash_mismatch', 'prev_hash_mismatch', 'missing_entry', 'unexpected_seq', 'wrong_chain', 'head_mismatch'],
  })
  reason: string;
}

export class VerifyView {
  @ApiProperty() ok: boolean;
  @ApiProperty() chains: number;
  @ApiProperty() entries: number;
  @ApiProperty({ type: ChainBreakView, nullable: true }) firstBroken: ChainBreakView | null;
  @ApiProperty({ type: [ChainBreakView] }) broken: ChainBreakView[];
  @ApiProperty() checkedAt: string;
}
