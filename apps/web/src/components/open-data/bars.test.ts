import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { barPercent, largest } from './bars';

describe('open-data bars', () => {
  it('scales to the largest value; zero is no bar, a tiny amount a visible sliver', () => {
    expect(barPercent(50, 200)).toBe(25);
    expect(barPercent(200, 200)).toBe(100);
    expect(barPercent(0, 200)).toBe(0);
    expect(barPercent(1, 1_000_000)).toBe(0.5);
    expect(barPercent(5, 0)).toBe(0);
  });

  it('every bar lies in [0, 100], and a larger value is never a shorter bar', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (a, b, extra) => {
        const max = Math.max(a, b) + extra;
        const [pa, pb] = [barPercent(a, max), barPercent(b, max)];
        expect(pa).toBeGreaterThanOrEqual(0);
        expect(pa).toBeLessThanOrEqual(100);
        if (a <= b) expect(pa).toBeLessThanOrEqual(pb);
        expect(pa > 0).toBe(a > 0 && max > 0);
      }),
    );
  });

  it('finds the largest value of all series', () => {
    expect(largest([{ values: [3, 9] }, { values: [4, 1] }])).toBe(9);
    expect(largest([])).toBe(0);
  });
});
