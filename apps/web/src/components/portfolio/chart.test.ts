import { describe, expect, it } from 'vitest';
import { compactFen, labelIndexes, niceCeil, shanghaiMonth, stepPath, ticks, xAt, yAt, type Box } from './chart';

const box: Box = { width: 300, height: 200, left: 50, right: 10, top: 10, bottom: 30 };

describe('money axis', () => {
  it.each([
    [0, 100],
    [1, 100],
    [101, 200],
    [199, 200],
    [201, 250],
    [251, 500],
    [999, 1000],
    [1_000_000_00, 1_000_000_00],
    [1_200_000_00, 2_000_000_00],
    [2_400_000_00, 2_500_000_00],
    [3_000_000_000, 5_000_000_000],
  ])('niceCeil(%d) = %d (1, 2, 2.5, 5 × 10^k yuan)', (fen, nice) => expect(niceCeil(fen)).toBe(nice));

  it('ticks start at 0, step evenly in whole fen and reach the maximum', () => {
    expect(ticks(1_000_000_00)).toEqual([0, 250_000_00, 500_000_00, 750_000_00, 1_000_000_00]);
    expect(ticks(1_500_000_00)).toEqual([0, 500_000_00, 1_000_000_00, 1_500_000_00]);
    const t = ticks(3_333_333_33);
    expect(t[0]).toBe(0);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(3_333_333_33);
    expect(t.every((v) => Number.isSafeInteger(v))).toBe(true);
  });

  it('an empty axis still has a top', () => expect(ticks(0)).toEqual([0, 100]));

  it('labels amounts compactly in CNY, by language', () => {
    expect(compactFen(0, 'zh')).toBe('¥0');
    expect(compactFen(5_000_000_00, 'zh')).toBe('¥500万');
    expect(compactFen(2_500_000_00, 'zh')).toBe('¥250万');
    expect(compactFen(15_000_000_000, 'zh')).toBe('¥1.5亿');
    expect(compactFen(123_456_789_00, 'zh')).toBe('¥1.23亿');
    expect(compactFen(5_000_000_00, 'en')).toBe('¥5M');
    expect(compactFen(250_000_00, 'en')).toBe('¥250k');
    expect(compactFen(300_000_000_000, 'en')).toBe('¥3B');
    expect(compactFen(5_000, 'en')).toBe('¥50');
  });
});

describe('plot geometry', () => {
  it('maps 0 to the bottom and the maximum to the top', () => {
    expect(yAt(0, 1000, box)).toBe(170);
    expect(yAt(1000, 1000, box)).toBe(10);
    expect(yAt(500, 1000, box)).toBe(90);
  });

  it('spreads months from the left to the right edge; one month starts at the left', () => {
    expect(xAt(0, 3, box)).toBe(50);
    expect(xAt(2, 3, box)).toBe(290);
    expect(xAt(0, 1, box)).toBe(50);
  });

  it('draws cumulative values as steps (each level held until the next month)', () => {
    expect(stepPath([0, 500, 1000], 1000, box)).toBe('M50,170H170V90H290V10');
    expect(stepPath([], 1000, box)).toBe('');
    expect(stepPath([1000], 1000, box)).toBe('M50,10H290');
  });

  it('thins month labels to what fits, always keeping the last', () => {
    expect(labelIndexes(3, 10)).toEqual([0, 1, 2]);
    expect(labelIndexes(12, 4)).toEqual([0, 3, 6, 11]);
    expect(labelIndexes(24, 4)).toEqual([0, 6, 12, 23]);
    expect(labelIndexes(0, 4)).toEqual([]);
  });
});

describe('months in China Standard Time', () => {
  it('turns the month at 16:00 UTC on its last day', () => {
    expect(shanghaiMonth(new Date('2030-01-31T15:59:59.999Z'))).toBe('2030-01');
    expect(shanghaiMonth(new Date('2030-01-31T16:00:00.000Z'))).toBe('2030-02');
    expect(shanghaiMonth(new Date('2030-12-31T16:00:00.000Z'))).toBe('2031-01');
  });
});
