import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  IsISO8601,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const MAX_FEN = Number.MAX_SAFE_INTEGER;

export class MergeMemberDto {
  @ApiProperty({ format: 'uuid', description: 'Another merged project’s lead organisation, or a member of a merged consortium.' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ description: 'Its share of the work, percent; the lead holds the rest (at least 1).' })
  @IsInt()
  @Min(1)
  @Max(99)
  sharePercent: number;
}

export class MergeMilestoneDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;

  @ApiProperty({ example: '2031-06-30T16:00:00Z', description: 'In the future.' })
  @IsString()
  @IsISO8601({ strict: true })
  dueAt: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) deliverable: string;

  @ApiProperty({ description: 'Fen; the plan’s tranches add up to grant − what the merged projects were paid.' })
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  trancheFen: number;
}

/** The agency proposes: which projects, who leads, the merged terms and the re-planned milestones. */
export class ProposeMergeDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Two or more active projects that advanced at the last final gate.',
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  projectIds: string[];

  @ApiProperty({ format: 'uuid', description: 'The lead organisation: one of the merged projects’ leads.' })
  @IsUUID()
  leadOrganizationId: string;

  @ApiProperty({ type: [MergeMemberDto], description: 'Every other organisation of the merged projects, exactly once.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => MergeMemberDto)
  members: MergeMemberDto[];

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;

  @ApiProperty({ description: 'The merged project’s total investment, fen: the base of the rule’s rate.' })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  totalInvestmentFen: number;

  @ApiProperty({
    description: 'The merged grant, fen: within the original rule and version, ≤ Σ the merged grants, ≥ what they were paid.',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  grantFen: number;

  @ApiProperty({ type: [MergeMilestoneDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MergeMilestoneDto)
  milestones: MergeMilestoneDto[];
}

export class MergeConsentDto {
  @ApiProperty({ description: 'true accepts the merge for your organisation’s project; false declines it (the proposal ends).' })
  @IsBoolean({ message: 'must be true or false' })
  accept: boolean;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class MergeConsentView {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined'] }) decision: 'pending' | 'accepted' | 'declined';
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ type: String, nullable: true }) at: string | null;
}

export class MergeMemberView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ description: 'The organisation’s registered name.' }) organizationName: string;
  @ApiProperty() creditCode: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: 'lead' | 'member';
  @ApiProperty() sharePercent: number;
}

export class MergeMilestoneView {
  @ApiProperty() title: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() deliverable: string;
  @ApiProperty() trancheFen: number;
}

export class MergeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'The gate the projects advanced at.' }) stage: number;
  @ApiProperty({ enum: ['proposed', 'merged', 'declined'] }) status: string;
  @ApiProperty({ type: [String] }) projectIds: string[];
  @ApiProperty({ type: [MergeConsentView] }) consents: MergeConsentView[];
  @ApiProperty({ format: 'uuid' }) leadOrganizationId: string;
  @ApiProperty({ type: [MergeMemberView] }) members: MergeMemberView[];
  @ApiProperty() title: string;
  @ApiProperty() totalInvestmentFen: number;
  @ApiProperty() grantFen: number;
  @ApiProperty({ type: [MergeMilestoneView] }) milestones: MergeMilestoneView[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) resultProjectId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt: string | null;
}

export class MergePage {
  @ApiProperty({ type: [MergeView] }) items: MergeView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: null;
}
