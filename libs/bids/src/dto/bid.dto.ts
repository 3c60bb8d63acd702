import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type, plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  IsUUID,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BID_DOCUMENT_ROLES, type BidDocumentRole } from '@app/challenges';
import { CONSORTIUM_ROLES, type ConsortiumRole } from '../bid-rules';

/** ISO-8601 instant with an explicit offset (`Z` or `+08:00`): a bare local time is ambiguous. */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const instantMessage = 'must be an ISO-8601 date-time with a time zone, e.g. 2030-01-31T16:00:00Z';
const MAX_FEN = Number.MAX_SAFE_INTEGER;
const fenMessage = { message: 'must be an integer number of fen' };

export class ApproachDto {
  @ApiProperty({
    description: 'The metric of the challenge objective this part answers (as the challenge names it).',
    maxLength: 200,
  })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  metric: string;

  @ApiProperty({ description: 'How the team will reach that objective.', maxLength: 20000 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(20000)
  plan: string;
}

/** Proposals sent as a plain string: text only, no structured approach. */
const TEXT_ONLY = new WeakSet<object>();
export const isTextOnly = (p: ProposalDto) => TEXT_ONLY.has(p);

export class ProposalDto {
  @ApiProperty({ description: 'The proposal text.', maxLength: 200000 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200_000)
  text: string;

  @ApiProperty({
    type: [ApproachDto],
    description: 'The technical approach against each of the challenge’s objectives: one entry per objective.',
  })
  @ValidateIf((p: ProposalDto) => !TEXT_ONLY.has(p))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ApproachDto)
  approach?: ApproachDto[];
}

export class ConsortiumEntryDto {
  @ApiProperty({ description: 'Unified social credit code of the organisation (18 characters).', example: '91440300MA5FXXXXXX' })
  @IsString()
  @Matches(/^[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}$/, { message: 'must be an 18-character unified social credit code' })
  creditCode: string;

  @ApiProperty({ enum: CONSORTIUM_ROLES, description: '`lead` for the bidding organisation, `member` for the others.' })
  @IsIn(CONSORTIUM_ROLES, { message: `must be one of ${CONSORTIUM_ROLES.join(', ')}` })
  role: ConsortiumRole;

  @ApiProperty({ minimum: 1, maximum: 100, description: 'Whole percent; the shares of all entries add up to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  sharePercent: number;
}

export class MilestoneDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2031-06-30T16:00:00Z', description: 'In the future, and not after the challenge’s projectEndsAt.' })
  @IsString()
  @Matches(ISO_INSTANT, { message: instantMessage })
  dueAt: string;

  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(5000)
  deliverable: string;

  @ApiProperty({ description: 'Paid when this milestone is met, integer fen. The tranches add up to requestedFundingFen.' })
  @IsInt(fenMessage)
  @Min(0)
  @Max(MAX_FEN)
  trancheFen: number;
}

/** The most documents one bid lists. */
export const MAX_BID_DOCUMENTS = 20;

export class BidDocumentDto {
  @ApiProperty({ format: 'uuid', description: 'A document uploaded (POST /documents) by you or your organisation.' })
  @IsUUID()
  documentId: string;

  @ApiProperty({
    enum: BID_DOCUMENT_ROLES,
    description: 'application 申报书, commitment 承诺书, qualification 资质证明, budget 预算表, other.',
  })
  @IsIn(BID_DOCUMENT_ROLES, { message: `must be one of ${BID_DOCUMENT_ROLES.join(', ')}` })
  role: BidDocumentRole;
}

/** `POST /challenges/:id/bids` and `PUT /challenges/:id/bids/:bidId`. */
export class BidDto {
  @ApiProperty({
    description: 'Total investment of the project (the base of the 50% rule), integer fen.',
    example: 6_000_000_000,
  })
  @IsInt(fenMessage)
  @Min(1)
  @Max(MAX_FEN)
  totalInvestmentFen: number;

  @ApiProperty({ description: 'Funding requested from the challenge, integer fen.', example: 3_000_000_000 })
  @IsInt(fenMessage)
  @Min(1)
  @Max(MAX_FEN)
  requestedFundingFen: number;

  @ApiProperty({
    description:
      'The proposal: `{text, approach: [{metric, plan}]}` with one approach entry per objective of the challenge. ' +
      'A plain string is accepted as text only (no structured approach).',
    oneOf: [{ $ref: getSchemaPath(ProposalDto) }, { type: 'string', maxLength: 200_000 }],
  })
  @IsDefined()
  @IsObject({ message: 'must be an object {text, approach} or a string' })
  @ValidateNested()
  @Transform(({ value }) => {
    if (typeof value === 'string') {
      const p = Object.assign(new ProposalDto(), { text: value });
      TEXT_ONLY.add(p);
      return p;
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return plainToInstance(ProposalDto, value);
    return value;
  })
  proposal: ProposalDto;

  @ApiPropertyOptional({
    type: [ConsortiumEntryDto],
    description:
      'An innovation consortium (创新联合体): every organisation including the lead (the bidding organisation, role `lead`); ' +
      'members must be registered organisations of an eligible kind; shares add up to 100; at most the challenge’s maxMembers entries. ' +
      'Omit (or send []) to bid alone.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ConsortiumEntryDto)
  consortium?: ConsortiumEntryDto[];

  @ApiProperty({ type: [MilestoneDto], description: 'The milestone plan; tranches add up exactly to requestedFundingFen.' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must have at least one milestone' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones: MilestoneDto[];

  @ApiPropertyOptional({
    type: [BidDocumentDto],
    maxItems: MAX_BID_DOCUMENTS,
    description:
      'The bid’s files, in order (each at most once): attached to the bid and covered by its receipt. A replace sends the whole ' +
      'new set (a file once attached keeps its role). The challenge’s requiredBidDocuments roles must all be present.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BID_DOCUMENTS)
  @ArrayUnique((d: BidDocumentDto) => d?.documentId, { message: 'must list each document at most once' })
  // Each an object: ValidateNested alone lets a nested array ([[]]) through.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BidDocumentDto)
  documents?: BidDocumentDto[];
}
