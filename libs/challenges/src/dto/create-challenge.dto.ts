import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  FIELD_KEYS,
  INDUSTRY_KEYS,
  MECHANISM_KEYS,
  ORG_KINDS,
  TRACK_KEYS,
  ZONE_KEYS,
  type EligibleOrgKind,
  type Field,
  type Industry,
  type Mechanism,
  type Track,
  type Zone,
} from '../challenge-taxonomy';
import {
  CHALLENGE_DOCUMENT_ROLES,
  REQUIRABLE_BID_DOCUMENT_ROLES,
  type ChallengeDocumentRole,
  type RequirableBidDocumentRole,
} from '../document-roles';

/** ISO-8601 instant with an explicit offset (`Z` or `+08:00`): a bare local time is ambiguous. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
export const instantMessage = 'must be an ISO-8601 date-time with a time zone, e.g. 2030-01-31T16:00:00Z';
const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
const MAX_FEN = Number.MAX_SAFE_INTEGER;

export class StageDto {
  @ApiProperty({ example: '初赛', maxLength: 100 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '2031-06-30T16:00:00Z', description: 'When the stage gate is held.' })
  @IsString()
  @Matches(ISO_INSTANT, { message: instantMessage })
  endsAt: string;

  @ApiProperty({ minimum: 1, description: 'How many teams continue after this gate.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  advancingSlots: number;
}

export class ObjectiveDto {
  @ApiProperty({ example: '量子比特数', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  metric: string;

  @ApiProperty({ example: 100, description: 'A number the milestone reports are measured against.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  target: number;

  @ApiProperty({ example: 'qubits', maxLength: 50 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(50)
  unit: string;
}

export class EligibilityDto {
  @ApiProperty({ enum: ORG_KINDS, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one kind of organisation' })
  @IsIn(ORG_KINDS, { each: true, message: `each ${oneOf(ORG_KINDS)}` })
  orgKinds: EligibleOrgKind[];

  @ApiProperty({ description: 'Whether an innovation consortium (创新联合体) may bid.' })
  @IsBoolean()
  consortiumAllowed: boolean;

  @ApiProperty({ minimum: 1, maximum: 50, description: 'Largest number of organisations in one bid (1 without consortia).' })
  @IsInt()
  @Min(1)
  @Max(50)
  maxMembers: number;
}

/** The most documents a challenge carries (notice and annexes together). */
export const MAX_CHALLENGE_DOCUMENTS = 20;

/** A document uploaded by the agency (POST /documents), to attach to the challenge. */
export class ChallengeDocumentDto {
  @ApiProperty({ format: 'uuid', description: 'The id POST /api/v1/documents answered.' })
  @IsUUID('all', { message: 'must be a UUID' })
  documentId: string;

  @ApiProperty({ enum: CHALLENGE_DOCUMENT_ROLES, description: 'notice (公告) or technical_annex (技术附件).' })
  @IsIn(CHALLENGE_DOCUMENT_ROLES, { message: oneOf(CHALLENGE_DOCUMENT_ROLES) })
  role: ChallengeDocumentRole;
}

export class CreateChallengeDto {
  @ApiProperty({ example: '超导量子计算芯片关键技术攻关', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(20000)
  summary: string;

  @ApiProperty({ enum: INDUSTRY_KEYS })
  @IsIn(INDUSTRY_KEYS, { message: oneOf(INDUSTRY_KEYS) })
  industry: Industry;

  @ApiPropertyOptional({ enum: INDUSTRY_KEYS, nullable: true, description: 'A second industry (clause 13 (十三) pairs).' })
  @IsOptional()
  @IsIn(INDUSTRY_KEYS, { message: oneOf(INDUSTRY_KEYS) })
  secondaryIndustry?: Industry | null;

  // Which tracks must name a field is a cross-field rule (challenge-rules.ts, `fieldRequired`): the
  // DTO checks only that a given field is one of the four.
  @ApiPropertyOptional({
    enum: FIELD_KEYS,
    description:
      'One of the four frontier fields of clause 4 (四). Required for track core_tech; the project-manager track ' +
      '(pm_major) is not confined to them and may leave it out (null).',
    nullable: true,
  })
  @IsOptional()
  @IsIn(FIELD_KEYS, { message: oneOf(FIELD_KEYS) })
  field?: Field | null;

  @ApiProperty({ enum: MECHANISM_KEYS })
  @IsIn(MECHANISM_KEYS, { message: oneOf(MECHANISM_KEYS) })
  mechanism: Mechanism;

  @ApiProperty({ enum: TRACK_KEYS })
  @IsIn(TRACK_KEYS, { message: oneOf(TRACK_KEYS) })
  track: Track;

  @ApiProperty({ description: 'Total budget of the challenge, integer fen.', example: 5_000_000_000 })
  @IsInt({ message: 'must be an integer number of fen' })
  @Min(1)
  @Max(MAX_FEN)
  budgetFen: number;

  @ApiPropertyOptional({ nullable: true, description: 'Largest single award, integer fen; within the track’s funding rule.' })
  @IsOptional()
  @IsInt({ message: 'must be an integer number of fen' })
  @Min(1)
  @Max(MAX_FEN)
  maxAwardFen?: number | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1000,
    description: 'Teams funded in parallel: 1 for an open call (default), at least 2 for a horse race.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  parallelSlots?: number;

  @ApiPropertyOptional({ type: [StageDto], description: 'Horse race only: stage gates in order.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StageDto)
  stages?: StageDto[];

  @ApiProperty({ type: [ObjectiveDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'must have at least one measurable objective' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ObjectiveDto)
  objectives: ObjectiveDto[];

  @ApiProperty({ type: EligibilityDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility: EligibilityDto;

  @ApiProperty({ example: '2030-01-31T16:00:00Z' })
  @IsString()
  @Matches(ISO_INSTANT, { message: instantMessage })
  bidDeadline: string;

  @ApiProperty({ example: '2033-01-31T16:00:00Z' })
  @IsString()
  @Matches(ISO_INSTANT, { message: instantMessage })
  projectEndsAt: string;

  @ApiPropertyOptional({ enum: ZONE_KEYS, nullable: true, description: 'One of the "6+5" core zones (clause 2 (二)).' })
  @IsOptional()
  @IsIn(ZONE_KEYS, { message: oneOf(ZONE_KEYS) })
  zone?: Zone | null;

  @ApiPropertyOptional({
    enum: REQUIRABLE_BID_DOCUMENT_ROLES,
    isArray: true,
    description: 'The documents every bid must carry, by role (none by default). Frozen once published.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REQUIRABLE_BID_DOCUMENT_ROLES.length)
  @ArrayUnique({ message: 'must not repeat a role' })
  @IsIn(REQUIRABLE_BID_DOCUMENT_ROLES, { each: true, message: `each ${oneOf(REQUIRABLE_BID_DOCUMENT_ROLES)}` })
  requiredBidDocuments?: RequirableBidDocumentRole[];

  @ApiPropertyOptional({
    type: [ChallengeDocumentDto],
    maxItems: MAX_CHALLENGE_DOCUMENTS,
    description:
      'Documents to attach (uploaded by the agency or its organisation). On a draft they are added to those already ' +
      'attached (an attached document cannot be removed); public once the challenge is published, frozen from then on.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CHALLENGE_DOCUMENTS)
  // Each an object: ValidateNested alone lets a nested array ([[]]) through.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ChallengeDocumentDto)
  documents?: ChallengeDocumentDto[];
}
