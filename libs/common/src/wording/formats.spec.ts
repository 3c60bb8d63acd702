import fc from 'fast-check';
import { chineseNumeral, formatClause, formatDuration } from './formats';

describe('formatDuration', () => {
  it('says the two largest units', () => {
    expect(formatDuration(7 * 86_400, 'zh')).toBe('7 天');
    expect(formatDuration(7 * 86_400, 'en')).toBe('7 days');
    expect(formatDuration(86_400 + 2 * 3_600 + 5, 'en')).toBe('1 day 2 hours');
    expect(formatDuration(1, 'en')).toBe('1 second');
    expect(formatDuration(0, 'zh')).toBe('0 秒');
    expect(formatDuration(-5, 'en')).toBe('0 seconds');
  });

  it('never says more than it was given (whole seconds, rounded up)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), (s) => {
        const said = formatDuration(s, 'en');
        const units: Record<string, number> = { day: 86_400, hour: 3_600, minute: 60, second: 1 };
        const total = [...said.matchAll(/(\d+) (day|hour|minute|second)s?/g)].reduce((t, m) => t + Number(m[1]) * units[m[2]], 0);
        expect(total).toBeLessThanOrEqual(s);
        expect(total).toBeGreaterThan(0);
      }),
    );
  });
});

describe('clauses', () => {
  it('says clause numbers as 第四条 / clause 4 (四)', () => {
    expect(formatClause(4, 'zh')).toBe('第四条');
    expect(formatClause(4, 'en')).toBe('clause 4 (四)');
    expect(chineseNumeral(10)).toBe('十');
    expect(chineseNumeral(23)).toBe('二十三');
    expect(chineseNumeral(40)).toBe('四十');
  });
});
