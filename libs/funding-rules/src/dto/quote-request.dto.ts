import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { FenField } from './fen-field';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)$/;

/**
 * Parses 'YYYY-MM-DD' (that Beijing calendar day, as the engine counts days: its first instant,
 * midnight at UTC+8) or a full ISO 8601 date-time with a zone ('2024-03-15T08:00:00Z',
 * '2024-03-15T16:00:00+08:00'); null otherwise, including impossible calendar dates such as 2023-02-30.
 */
export function parseIsoDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATE_ONLY.exec(value) ?? DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  // China has no daylight saving (see libs/policy effective-window.ts), so +08:00 is always right.
  const parsed = new Date(match[4] === undefined ? `${value}T00:00:00+08:00` : value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export class QuoteRequestDto {
  @FenField('The base the rule’s rate applies to (e.g. total investment). Required when the rule has a rate.', 10_000_000_000)
  baseFen?: number | null;

  @FenField('The new amount asked for now; when given, the answer lists every limit it breaks.', 3_100_000_000)
  requestedFen?: number | null;

  @FenField('What the project has already been granted under the same rule (stages and tranches add up).', 0)
  alreadyGrantedFen?: number | null;

  @FenField(
    'The challenge’s per-award maximum: a ceiling on this one award or request, named as such (not as the budget) when it binds.',
  )
  maxAwardFen?: number | null;

  @FenField('What is left of the challenge’s budget: a separate ceiling on this grant.')
  remainingBudgetFen?: number | null;

  @ApiPropertyOptional({
    type: String,
    example: '2024-03-15',
    description:
      'The decision date: YYYY-MM-DD (a Beijing calendar day) or a full ISO 8601 date-time with a zone. Defaults to now. ' +
      'The rule is judged as in force on the Beijing calendar day (Asia/Shanghai, UTC+8) of that instant.',
  })
  @IsOptional()
  @ValidateBy({
    name: 'isIsoDate',
    validator: {
      validate: (value: unknown) => parseIsoDate(value) !== null,
      defaultMessage: () => 'must be an ISO 8601 date (YYYY-MM-DD) or date-time with a zone (e.g. 2024-03-15T08:00:00Z)',
    },
  })
  date?: string;
}
