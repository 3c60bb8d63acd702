import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** A programme: an agency's challenges (agencies: always their own), narrowed by industry and year. */
export class ProgrammeQuery {
  @ApiPropertyOptional({ description: 'Admins and auditors: one agency organisation. Agencies see their own.' })
  @IsOptional()
  @IsUUID()
  agencyOrganizationId?: string;

  @ApiPropertyOptional({ description: 'An industry code, as on challenges.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  industry?: string;

  @ApiPropertyOptional({ description: 'The calendar year of publication (Beijing time).', example: 2027 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
