import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FUNDING_RULES } from '@app/policy';

/** What the rules fund, in table order, without repeats. */
export const FUNDED_KINDS: readonly string[] = [...new Set(FUNDING_RULES.map((rule) => rule.funds))];

export class ListFundingRulesQuery {
  @ApiPropertyOptional({ description: 'The clause as printed (四) or its number (4).', example: '四' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  clause?: string;

  @ApiPropertyOptional({ enum: FUNDED_KINDS, description: 'What the rule funds.' })
  @IsOptional()
  @IsIn(FUNDED_KINDS, { message: `must be one of ${FUNDED_KINDS.join(', ')}` })
  funds?: string;
}
