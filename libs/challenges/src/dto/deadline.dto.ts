import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ISO_INSTANT, instantMessage } from './create-challenge.dto';

export class ExtendDeadlineDto {
  @ApiProperty({ example: '2030-02-28T16:00:00Z', description: 'The new deadline: later than the current one.' })
  @IsString()
  @Matches(ISO_INSTANT, { message: instantMessage })
  bidDeadline: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Why (recorded in the audit ledger).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class CancelChallengeDto {
  @ApiPropertyOptional({ maxLength: 2000, description: 'Why (recorded in the audit ledger).' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
