import fc from 'fast-check';
import { assertFen, formatCny, formatRate, percentOf } from './money';
import { domainError, floorRate } from './test-support';

describe('assertFen', () => {
  it.each([0, 1, 3_000_000_000, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(() => assertFen(value, 'baseFen')).not.toThrow();
  });

  it.each([
    [1.5, 'not_an_integer'],
    [0.1 + 0.2, 'not_an_integer'],
    [-1, 'negative'],
    ['100', 'not_a_number'],
    [null, 'not_a_number'],
    [undefined, 'not_a_number'],
    [NaN, 'not_a_number'],
    [Infinity, 'not_a_number'],
    [10n, 'not_a_number'],
    [Number.MAX_SAFE_INTEGER + 1, 'unsafe_integer'],
    [1e300, 'unsafe_integer'],
  ])('refuses %p as %s, naming the field', (value, reason) => {
    const error = domainError(() => assertFen(value, 'requestedFen'), 'invalid');
    expect(error.code).toBe('policy.invalid_amount');
    expect(error.fieldErrors[0].field).toBe('requestedFen');
    expect(error.details).toMatchObject({ field: 'requestedFen', reason });
    expect(() => JSON.stringify(error.details)).not.toThrow(); // bigint must not leak into details
  });
});

describe('percentOf', () => {
  it.each([
    [100_000_000_00, 5000, 50_000_000_00],
    [7, 5000, 3], // odd fen round down
    [7, 3000, 2], // 2.1 → 2
    [9_999, 1, 0],
    [10_000, 1, 1],
    [0, 5000, 0],
    [123, 10_000, 123],
    [Number.MAX_SAFE_INTEGER, 5000, 4_503_599_627_370_495],
    [Number.MAX_SAFE_INTEGER, 9999, floorRate(Number.MAX_SAFE_INTEGER, 9999)],
  ])('floor(%p × %p bp) = %p', (base, rate, expected) => {
    expect(percentOf(base, rate)).toBe(expected);
  });

  it('is exact for every safe base and rate (checked against BigInt)', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 10_000 }), (base, rate) => {
        expect(percentOf(base, rate)).toBe(floorRate(base, rate));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses a bad rate', () => {
    expect(domainError(() => percentOf(1, 10_001), 'invalid').code).toBe('policy.invalid_rate');
    expect(domainError(() => percentOf(1, 0.5), 'invalid').code).toBe('policy.invalid_rate');
  });
});

describe('formatCny', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [100, '1.00'],
    [123_456, '1,234.56'],
    [3_000_000_000, '30,000,000.00'],
    [-3_000_000_001, '-30,000,000.01'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91'],
    [-Number.MAX_SAFE_INTEGER, '-90,071,992,547,409.91'],
  ])('%p fen → %p', (fen, text) => {
    expect(formatCny(fen)).toBe(text);
  });

  it('matches a BigInt reference for every safe integer', () => {
    const reference = (fen: number) => {
      const abs = BigInt(Math.abs(fen));
      const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return `${fen < 0 ? '-' : ''}${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        expect(formatCny(fen)).toBe(reference(fen));
      }),
    );
  });

  it.each([0.5, NaN, '1', 2 ** 53])('refuses %p', (value) => {
    expect(domainError(() => formatCny(value as number), 'invalid').code).toBe('policy.invalid_amount');
  });
});

describe('formatRate', () => {
  it.each([
    [5000, '50%'],
    [4050, '40.5%'],
    [1205, '12.05%'],
    [1, '0.01%'],
    [10_000, '100%'],
  ])('%p bp → %p', (bp, text) => expect(formatRate(bp)).toBe(text));
});
