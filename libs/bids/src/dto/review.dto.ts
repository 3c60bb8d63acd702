import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/common/http';
import { CRITERION_DESCRIPTION_MAX, CRITERION_KEY, CRITERION_NAME_MAX } from '../criteria-rules';
import { SCORE_MAX, SCORE_MIN } from '../ranking';

export class AssignReviewersDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Users with the reviewer role.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique({ message: 'must not repeat a user' })
  @IsUUID('all', { each: true, message: 'each must be a UUID' })
  userIds: string[];
}

export class CriterionDto {
  @ApiPropertyOptional({
    example: 'technical',
    pattern: '^[a-z][a-z0-9_]{0,39}$',
    description:
      'The stable id score sheets refer to. Left out, it is made from the position (`c1`, `c2` …); keep the defaults’ keys (technical, team, plan) to keep their built-in names.',
  })
  @IsOptional()
  @IsString()
  @Matches(CRITERION_KEY, { message: 'must be a lower-case key like technical or team_capability' })
  key?: string;

  @ApiPropertyOptional({
    maxLength: CRITERION_NAME_MAX,
    example: '技术方案',
    description: 'What reviewers and the ranking show. Required unless the key is a default one (technical, team, plan).',
  })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(CRITERION_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: CRITERION_DESCRIPTION_MAX, description: 'What reviewers should judge under it.' })
  @IsOptional()
  @IsString()
  @MaxLength(CRITERION_DESCRIPTION_MAX)
  description?: string;

  @ApiProperty({ minimum: 1, maximum: 100, description: 'Whole percent; the weights add up to 100.' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;

  @ApiProperty({
    minimum: SCORE_MIN,
    maximum: SCORE_MAX,
    description: 'A bid whose aggregate on this criterion is below this is not eligible.',
  })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'must be a number with at most 2 decimals' },
  )
  @Min(SCORE_MIN)
  @Max(SCORE_MAX)
  minScore: number;
}

export class CriteriaDto {
  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];
}

export class ConflictDto {
  @ApiProperty({ maxLength: 2000, description: 'Why the reviewer cannot judge this bid impartially.' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'technical' })
  @IsString()
  @MaxLength(40)
  criterion: string;

  @ApiProperty({ minimum: SCORE_MIN, maximum: SCORE_MAX })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'must be a number with at most 2 decimals' },
  )
  @Min(SCORE_MIN)
  @Max(SCORE_MAX)
  score: number;
}

export class ScoreDto {
  @ApiProperty({ type: [CriterionScoreDto], description: 'One score (0–100) per criterion of the challenge.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores: CriterionScoreDto[];

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;
}

export class ShortlistDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'must not repeat a bid' })
  @IsUUID('all', { each: true, message: 'each must be a UUID' })
  bidIds: string[];
}

export class RankingQuery {
  @ApiPropertyOptional({
    enum: ['none', 'z'],
    default: 'none',
    description: '`z`: z-score normalisation of each reviewer’s scores.',
  })
  @IsOptional()
  @IsIn(['none', 'z'], { message: 'must be one of none, z' })
  normalize?: 'none' | 'z';
}

export class ListBidsQuery extends PageQuery {}
