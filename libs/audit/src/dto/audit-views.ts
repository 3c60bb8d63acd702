import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '@app/common/http';
import { AuditEntry } from '../audit-entry.entity';
import { publicActorId } from './public-actor';

export class AuditListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this challenge’s chain, in chain order.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  challengeId?: string;

  @ApiPropertyOptional({ example: 'bid.submitted', description: 'Only this action.' })
  @IsOptional()
  @Matches(/^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/, { message: 'must be an action such as bid.submitted' })
  action?: string;

  @ApiPropertyOptional({ example: 'bid', description: 'Only actions of this kind (the part before the dot).' })
  @IsOptional()
  @Matches(/^[a-z][a-z_]{0,49}$/, { message: 'must be a kind such as bid or challenge' })
  kind?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only entries by this account. Auditors: any entry; everyone else: the staff decisions the view names.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded at or after this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Recorded before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date or date-time' })
  to?: string;
}

export class VerifyQuery {
  @ApiPropertyOptional({
    description: 'Recompute every chain from its start (auditors and admins); otherwise from each chain’s checkpoint.',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  full?: boolean;
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
      'The staff account that decided; null when a job decided, and for acts of applicants (an objection names no one publicly). ' +
      'Auditors see every actor.',
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
  @ApiProperty({ description: 'Whether the public ledger shows this entry.' }) public: boolean;

  static of(entry: AuditEntry, everyActor = false): AuditEntryView {
    return {
      id: entry.id,
      chain: entry.chain,
      seq: entry.seq,
      challengeId: entry.challengeId,
      actorId: everyActor ? entry.actorId : publicActorId(entry),
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      before: entry.before,
      after: entry.after,
      recordedAt: entry.recordedAt.toISOString(),
      prevHash: entry.prevHash,
      hash: entry.hash,
      public: entry.public,
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
  @ApiProperty({ description: 'Entries the chains hold, by their heads.' }) entries: number;
  @ApiProperty({ description: 'Entries hashed by this call: those appended since each chain’s verified checkpoint.' })
  checked: number;
  @ApiProperty({ type: ChainBreakView, nullable: true }) firstBroken: ChainBreakView | null;
  @ApiProperty({ type: [ChainBreakView] }) broken: ChainBreakView[];
  @ApiProperty() checkedAt: string;
}
