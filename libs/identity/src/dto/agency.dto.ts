import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { OrganizationView } from './views';

const NAME = {
  example: '深圳市科技创新局',
  maxLength: 200,
  description: 'The registered name (also the OCDS buyer’s legal name).',
};
const CODE = {
  example: '11440300MB2C92058N',
  description:
    'Unified social credit code (GB 32100-2015) of a body registered by the establishment administration: ' +
    'character 1 `1`, character 2 `1` 机关, `2` 事业单位, `3` 群众团体 or `9` other.',
};

export class RegisterAgencyDto {
  @ApiProperty(NAME)
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty(CODE)
  @IsString()
  @Length(18, 18, { message: 'must be exactly 18 characters' })
  creditCode: string;
}

/** Renames an agency or sets its code (how an agency moved over from a user account becomes verified). */
export class UpdateAgencyDto {
  @ApiPropertyOptional(NAME)
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional(CODE)
  @IsOptional()
  @IsString()
  @Length(18, 18, { message: 'must be exactly 18 characters' })
  creditCode?: string;
}

export class OfficerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty() active: boolean;
}

export class AgencySummaryView extends OrganizationView {
  @ApiProperty({ description: 'Active officers (agency users) of the agency.' }) officerCount: number;
}

export class AgencyListView {
  @ApiProperty({ type: [AgencySummaryView], description: 'Agency organisations by name; at most 500.' })
  items: AgencySummaryView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}

export class AgencyView extends OrganizationView {
  @ApiProperty({ type: [OfficerView], description: 'Its officers (agency users), active or not, by display name.' })
  officers: OfficerView[];
}
