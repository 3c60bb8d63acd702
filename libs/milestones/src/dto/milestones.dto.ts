import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ProjectDocumentRefDto, ProjectDocumentRefs } from '@app/awards';
import { PORTFOLIO_SORTS, type PortfolioSort } from '../portfolio-order';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const MAX_FEN = Number.MAX_SAFE_INTEGER;

export class AchievedDto {
  @ApiProperty({ description: 'The objective’s metric, as in the challenge.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  metric: string;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;
}

export class AttachmentDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ description: 'SHA-256 of the file, 64 lowercase hex digits.' })
  @Matches(/^[0-9a-f]{64}$/)
  sha256: string;

  @ApiProperty()
  @IsUrl({ require_protocol: true, protocols: ['https', 'http'] })
  @MaxLength(2000)
  url: string;
}

export class SubmissionDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  report: string;

  @ApiPropertyOptional({ type: [AchievedDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AchievedDto)
  achieved?: AchievedDto[];

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ProjectDocumentRefs(
    'Evidence files uploaded first (POST /api/v1/documents) by your organisation; attached with the submission (role "evidence"). Alongside or instead of `attachments` (links).',
  )
  documents?: ProjectDocumentRefDto[];
}

export class ReviewDto {
  @ApiProperty({ enum: ['accept', 'reject', 'partial'] })
  @IsIn(['accept', 'reject', 'partial'])
  decision: 'accept' | 'reject' | 'partial';

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  comment: string;

  @ApiPropertyOptional({ description: 'With decision "partial": the tranche paid, 0 ≤ reduced ≤ planned.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  reducedTrancheFen?: number;
}

export class ChangeRequestDto {
  @ApiPropertyOptional({ description: 'A new due date (ISO-8601).' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueAt?: string;

  @ApiPropertyOptional({ description: 'A new tranche (fen); the plan never adds up to more than the grant or the rule allows.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  trancheFen?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  reason?: string;

  @ProjectDocumentRefs(
    'Supporting files uploaded first (POST /api/v1/documents) by you or your organisation; attached with the request (role "attachment").',
  )
  documents?: ProjectDocumentRefDto[];
}

export class ChangeDecisionDto {
  @ApiProperty()
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

/** `limit` (1–200, default 50) and `cursor` of the milestone library's longer lists. */
export class LongPageQuery {
  @ApiPropertyOptional({ description: '1–200, default 50' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (same filters and sort)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class PortfolioQuery extends LongPageQuery {
  @ApiPropertyOptional({ enum: ['publicity', 'active', 'eliminated', 'completed', 'terminated'] })
  @IsOptional()
  @IsIn(['publicity', 'active', 'eliminated', 'completed', 'terminated'])
  status?: string;

  @ApiPropertyOptional({ enum: ['on_track', 'at_risk', 'late'] })
  @IsOptional()
  @IsIn(['on_track', 'at_risk', 'late'])
  health?: 'on_track' | 'at_risk' | 'late';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  challengeId?: string;

  @ApiPropertyOptional({ enum: PORTFOLIO_SORTS, description: 'default next_due' })
  @IsOptional()
  @IsIn(PORTFOLIO_SORTS)
  sort?: PortfolioSort;
}

export class NotificationsQuery extends LongPageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}
