import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '@app/common/http';
import { CHALLENGE_STATUSES, type ChallengeStatus } from '../challenge-lifecycle';
import {
  FIELD_KEYS,
  INDUSTRY_KEYS,
  MECHANISM_KEYS,
  TRACK_KEYS,
  ZONE_KEYS,
  type Field,
  type Industry,
  type Mechanism,
  type Track,
  type Zone,
} from '../challenge-taxonomy';
import { ISO_INSTANT, instantMessage } from './create-challenge.dto';

const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
export const CHALLENGE_SORTS = ['deadline', 'newest'] as const;
export type ChallengeSort = (typeof CHALLENGE_SORTS)[number];

/**
 * `GET /challenges`. Without `status` the list holds everything once published (not drafts).
 * `status=draft` lists the drafts the caller may see (an agency's own; all for an admin; none for
 * anyone else). `mine=true` (agency) restricts the list to the caller's own challenges, drafts included.
 */
export class ListChallengesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INDUSTRY_KEYS, description: 'Matches the industry or the second industry.' })
  @IsOptional()
  @IsIn(INDUSTRY_KEYS, { message: oneOf(INDUSTRY_KEYS) })
  industry?: Industry;

  @ApiPropertyOptional({ enum: FIELD_KEYS })
  @IsOptional()
  @IsIn(FIELD_KEYS, { message: oneOf(FIELD_KEYS) })
  field?: Field;

  @ApiPropertyOptional({ enum: MECHANISM_KEYS })
  @IsOptional()
  @IsIn(MECHANISM_KEYS, { message: oneOf(MECHANISM_KEYS) })
  mechanism?: Mechanism;

  @ApiPropertyOptional({ enum: TRACK_KEYS })
  @IsOptional()
  @IsIn(TRACK_KEYS, { message: oneOf(TRACK_KEYS) })
  track?: Track;

  @ApiPropertyOptional({ enum: CHALLENGE_STATUSES })
  @IsOptional()
  @IsIn(CHALLENGE_STATUSES, { message: oneOf(CHALLENGE_STATUSES) })
  status?: ChallengeStatus;

  @ApiPropertyOptional({ enum: ZONE_KEYS })
  @IsOptional()
  @IsIn(ZONE_KEYS, { message: oneOf(ZONE_KEYS) })
  zone?: Zone;

  @ApiPropertyOptional({ description: 'Budget at least this many fen.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of fen' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minBudgetFen?: number;

  @ApiPropertyOptional({ description: 'Budget at most this many fen.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer number of fen' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  maxBudgetFen?: number;

  @ApiPropertyOptional({ description: 'Bid deadline at or after this instant.' })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: instantMessage })
  deadlineAfter?: string;

  @ApiPropertyOptional({ description: 'Bid deadline strictly before this instant.' })
  @IsOptional()
  @IsString()
  @Matches(ISO_INSTANT, { message: instantMessage })
  deadlineBefore?: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Search title, summary and objectives (substring, case-insensitive; Chinese and English).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: CHALLENGE_SORTS,
    default: 'deadline',
    description: 'deadline: soonest first; newest: most recently created first.',
  })
  @IsOptional()
  @IsIn(CHALLENGE_SORTS, { message: oneOf(CHALLENGE_SORTS) })
  sort?: ChallengeSort;

  @ApiPropertyOptional({ description: 'Agency only: just my own challenges, drafts included.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  mine?: boolean;
}

export class ListQuestionsQuery extends PageQuery {}
