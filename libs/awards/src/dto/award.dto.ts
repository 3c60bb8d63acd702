import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/common/http';
import { PROJECT_STATUSES, type ProjectStatus } from '../project.entity';
import { ProjectDocumentRefDto, ProjectDocumentRefs } from '../documents/project-documents';

const MAX_FEN = Number.MAX_SAFE_INTEGER;

export class AwardDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The bid awarded (shortlisted, or submitted when the challenge had no review panel).',
  })
  @IsUUID()
  bidId: string;

  @ApiProperty({
    description:
      'The award in fen: ≤ the bid’s request, ≤ the per-award maximum, within the track’s funding rule and the remaining budget.',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  amountFen: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'A program-manager user to follow the project (may be assigned later).' })
  @IsOptional()
  @IsUUID()
  programManagerId?: string;
}

export class TieBreakDto {
  @ApiProperty({ description: 'Why the agency decided the cut-off this way (stored with the gate and audited).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class GateDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The projects that continue; every other project in the race is eliminated.',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  advancing: string[];

  @ApiPropertyOptional({
    type: TieBreakDto,
    description: 'Required when a stopped project has as many or more stage points than an advancing one.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TieBreakDto)
  tieBreak?: TieBreakDto;
}

export class ObjectionDto {
  @ApiProperty({ description: 'Why the award should not stand.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;

  @ProjectDocumentRefs(
    'Supporting documents, uploaded first (POST /api/v1/documents) by you or your organisation; attached with the objection (role "attachment").',
  )
  documents?: ProjectDocumentRefDto[];
}

export class ResolveObjectionDto {
  @ApiProperty({ enum: ['upheld', 'dismissed'], description: 'upheld revokes the award (its money returns to the budget).' })
  @IsIn(['upheld', 'dismissed'])
  decision: 'upheld' | 'dismissed';

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  comment: string;
}

export class GateObjectionDto extends ObjectionDto {
  @ApiProperty({ format: 'uuid', description: 'Your organisation’s project that the gate would stop.' })
  @IsUUID()
  projectId: string;
}

export class ResolveGateObjectionDto extends ResolveObjectionDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Upheld while every slot is taken: the advancing project to be stopped in the objector’s place (it gets its own publicity period).',
  })
  @IsOptional()
  @IsUUID()
  stopInstead?: string;
}

export class ProgramManagerDto {
  @ApiProperty({ format: 'uuid', description: 'An active user with the program_manager role.' })
  @IsUUID()
  userId: string;
}

export class ListProjectsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  challengeId?: string;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;
}
