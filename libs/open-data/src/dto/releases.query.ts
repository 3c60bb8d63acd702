import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INDUSTRY_KEYS } from '@app/challenges';

export class ReleasesQuery {
  @ApiPropertyOptional({
    description:
      'Opaque cursor: the `since` of the previous package’s `links.next`. Omit to start at the beginning. ' +
      'Following `links.next` never skips and never repeats a release, even while decisions commit concurrently.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  since?: string;

  @ApiPropertyOptional({
    description: 'Only this contracting process (`<OCID_PREFIX>-<challenge id>`); 404 when it is not a published one of ours.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^ocds-[a-z0-9]+-[0-9a-f-]{36}$/i, { message: 'must be an ocid such as ocds-a1b2c3-<challenge id>' })
  ocid?: string;

  @ApiPropertyOptional({ enum: INDUSTRY_KEYS, description: 'Only challenges of this industry (primary or secondary).' })
  @IsOptional()
  @IsIn(INDUSTRY_KEYS, { message: `must be one of ${INDUSTRY_KEYS.join(', ')}` })
  industry?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Releases per page at most.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class ExportQuery {
  @ApiPropertyOptional({ description: 'Start after this cursor (as in /ocds/releases).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  since?: string;

  @ApiPropertyOptional({ enum: INDUSTRY_KEYS })
  @IsOptional()
  @IsIn(INDUSTRY_KEYS, { message: `must be one of ${INDUSTRY_KEYS.join(', ')}` })
  industry?: string;
}
