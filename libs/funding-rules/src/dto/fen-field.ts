import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy, ValidationArguments } from 'class-validator';

/** Why a money field was refused; one message per field, naming the exact problem. */
export function fenProblem(value: unknown): string | null {
  if (typeof value === 'string') return 'must be a JSON integer number of fen, not a string';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a JSON integer number of fen';
  if (!Number.isInteger(value)) return 'must be a whole number of fen (1/100 CNY), not a fraction';
  if (value < 0) return 'must not be negative';
  if (!Number.isSafeInteger(value)) {
    return (
      `is too large to be counted exactly: above Number.MAX_SAFE_INTEGER (${Number.MAX_SAFE_INTEGER}) fen, ` +
      'where JSON numbers are rounded when parsed'
    );
  }
  return null;
}

/**
 * A money amount in integer fen: a JSON integer, ≥ 0 and ≤ Number.MAX_SAFE_INTEGER. JSON.parse has
 * already rounded anything beyond 2^53 (9007199254740993 arrives as 9007199254740992), so an unsafe
 * integer is refused rather than silently used as a different number. Optional; null means absent.
 */
export const FenField = (description: string, example?: number) =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      format: 'int64',
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      nullable: true,
      description: `${description} Integer fen (1 CNY = 100 fen), 0 to 2^53 − 1.`,
      example,
    }),
    IsOptional(),
    ValidateBy({
      name: 'isFen',
      validator: {
        validate: (value: unknown) => fenProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => fenProblem(args?.value) ?? 'must be an integer number of fen',
      },
    }),
  );
