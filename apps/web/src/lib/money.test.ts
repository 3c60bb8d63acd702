import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatBp, formatFen, parseYuan } from './money';

describe('formatFen (integer fen → CNY with thousands separators)', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [100, '¥1.00'],
    [123_456, '¥1,234.56'],
    [3_000_000_000, '¥30,000,000.00'],
    [10_000_000_000, '¥100,000,000.00'],
    [-150, '-¥1.50'],
    [Number.MAX_SAFE_INTEGER, '¥90,071,992,547,409.91'],
  ])('%d fen → %s', (fen, text) => expect(formatFen(fen)).toBe(text));

  it('can leave out the symbol', () => expect(formatFen(3_000_000_000, { symbol: false })).toBe('30,000,000.00'));

  it('refuses what is not an exact integer number of fen', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });
});

describe('parseYuan (what a person types → integer fen)', () => {
  it.each([
    ['30000000', 3_000_000_000],
    ['30,000,000', 3_000_000_000],
    ['30，000，000.00', 3_000_000_000],
    ['¥ 1,234.5', 123_450],
    ['￥88.08', 8808],
    ['0.1', 10],
    ['0.29', 29],
    ['1.', 100],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%s → %d fen', (text, fen) => expect(parseYuan(text)).toEqual({ ok: true, fen }));

  it('is exact where floats are not (0.29 × 100 = 28.999… in floating point)', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(parseYuan('0.29')).toEqual({ ok: true, fen: 29 });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['1.234', 'format'],
    ['-5', 'format'],
    ['1e6', 'format'],
    ['abc', 'format'],
    ['90071992547409.92', 'too_large'],
    ['99999999999999999999', 'too_large'],
  ])('%j is refused (%s)', (text, reason) => expect(parseYuan(text)).toEqual({ ok: false, reason }));

  it('round-trips through the text an input is filled with', () => {
    for (const fen of [0, 5, 100, 123_456, 3_000_000_050, Number.MAX_SAFE_INTEGER]) {
      expect(parseYuan(fenToYuanText(fen))).toEqual({ ok: true, fen });
    }
  });
});

describe('formatBp', () => {
  it.each([
    [5000, '50%'],
    [4000, '40%'],
    [1250, '12.5%'],
    [1, '0.01%'],
  ])('%d bp → %s', (bp, text) => expect(formatBp(bp)).toBe(text));
});
