/**
 * Money is counted in integer fen (分, 1/100 CNY) held in a plain JS number, and rates in basis
 * points (5000 = 50%). Every amount that enters the engine passes `assertFen`, so a float, a
 * negative, a string or an integer too large to be exact is refused with a typed error instead of
 * silently producing a wrong number.
 */
import { invalid } from '@app/common/domain-error';

/** 100% in basis points; "not more than 50%" is `percentOf(base, 5000)`. */
export const BP_DENOMINATOR = 10_000;

/** Why an amount was refused; carried in the error details so an API can say exactly what is wrong. */
export type InvalidAmountReason = 'not_a_number' | 'not_an_integer' | 'negative' | 'unsafe_integer';

function amountProblem(value: unknown): InvalidAmountReason | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_a_number';
  if (!Number.isInteger(value)) return 'not_an_integer';
  if (!Number.isSafeInteger(value)) return 'unsafe_integer';
  if (value < 0) return 'negative';
  return null;
}

const REASON_TEXT: Record<InvalidAmountReason, string> = {
  not_a_number: 'must be a number of fen',
  not_an_integer: 'must be a whole number of fen (1/100 CNY), not a fraction',
  negative: 'must not be negative',
  unsafe_integer: 'is too large to be counted exactly (above Number.MAX_SAFE_INTEGER fen)',
};

/** Refuses anything that is not a safe, non-negative integer number of fen. `field` names the input. */
export function assertFen(value: unknown, field: string): asserts value is number {
  // Fast path first: this runs several times on every check.
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  const reason = amountProblem(value) as InvalidAmountReason;
  const message = `${field} ${REASON_TEXT[reason]}`;
  throw invalid('policy.invalid_amount', message, [{ field, message }], { field, reason, value: describe(value) });
}

/** Refuses a rate that is not an integer number of basis points in [0, 10000]. */
export function assertRateBp(value: unknown, field: string): asserts value is number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= BP_DENOMINATOR) return;
  const message = `${field} must be a whole number of basis points from 0 to 10000 (10000 = 100%)`;
  throw invalid('policy.invalid_rate', message, [{ field, message }], { field, value: describe(value) });
}

// Error details must stay JSON-safe (a bigint or a symbol would break problem+json serialisation).
function describe(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  return typeof value;
}

/**
 * floor(baseFen × rateBp / 10000), exact for every safe integer base.
 *
 * base × rate can reach 2^53 × 10^4, far past exact double range, so the base is split as
 * base = q·10000 + r: then floor(base·rate/10000) = q·rate + floor(r·rate/10000). Every step is
 * exact: `%` on integers is exact, (base − r) is a multiple of 10000 so dividing it is exact,
 * q·rate ≤ base (rate ≤ 10000), and r·rate < 10^8.
 */
export function percentOf(baseFen: number, rateBp: number): number {
  assertFen(baseFen, 'baseFen');
  assertRateBp(rateBp, 'rateBp');
  return percentOfUnchecked(baseFen, rateBp);
}

/** `percentOf` without validation, for the hot path once inputs are known to be valid. */
export function percentOfUnchecked(baseFen: number, rateBp: number): number {
  const r = baseFen % BP_DENOMINATOR;
  const q = (baseFen - r) / BP_DENOMINATOR;
  const small = r * rateBp;
  return q * rateBp + (small - (small % BP_DENOMINATOR)) / BP_DENOMINATOR;
}

/**
 * fen → "30,000,000.00" (CNY, thousands separated, always two decimals, "-" for negatives).
 * Works on digits, never on floating-point yuan, so every safe integer prints exactly.
 */
export function formatCny(fen: number): string {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen)) {
    const message = 'fen must be a safe integer number of fen';
    throw invalid('policy.invalid_amount', message, [{ field: 'fen', message }], { field: 'fen', value: describe(fen) });
  }
  const negative = fen < 0;
  const abs = negative ? -fen : fen; // safe: -MAX_SAFE_INTEGER is safe too
  const cents = abs % 100;
  const yuan = String((abs - cents) / 100);
  let grouped = '';
  for (let end = yuan.length; end > 0; end -= 3) {
    const part = yuan.slice(Math.max(0, end - 3), end);
    grouped = grouped ? `${part},${grouped}` : part;
  }
  return `${negative ? '-' : ''}${grouped}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Basis points → "50%", "40.5%", "12.25%" (for explanations; exact, no floats). */
export function formatRate(rateBp: number): string {
  const whole = Math.floor(rateBp / 100);
  const frac = rateBp % 100;
  if (frac === 0) return `${whole}%`;
  return `${whole}.${frac < 10 ? '0' : ''}${frac % 10 === 0 ? frac / 10 : frac}%`;
}
