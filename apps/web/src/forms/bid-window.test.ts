import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toShanghaiInput } from '../lib/time';
import { bidWindowError, describeWindow } from './bid-window';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-05T08:00:30.000Z');

describe('the minimum bid window in the wizard', () => {
  it('refuses a deadline closer than the window, in Beijing time, and accepts one at or after it', () => {
    expect(bidWindowError(toShanghaiInput(new Date(NOW + 2 * DAY).toISOString()), NOW, 7 * DAY, 'zh')).toBe(
      '须在发布后至少 7 天（不早于北京时间 2026-12-12 16:01）',
    );
    expect(bidWindowError(toShanghaiInput(new Date(NOW + 2 * DAY).toISOString()), NOW, 7 * DAY, 'en')).toBe(
      'must be at least 7 days after publishing (not before 2026-12-12 16:01, Beijing time)',
    );
    expect(bidWindowError('2026-12-12T16:01', NOW, 7 * DAY, 'zh')).toBeUndefined();
    expect(bidWindowError('2026-12-12T16:00', NOW, 7 * DAY, 'zh')).toMatch(/^须在发布后至少 7 天/);
  });

  it('leaves the judgement to the server while the setting is unknown, and to the form while the value is unreadable', () => {
    expect(bidWindowError('2026-12-05T16:00', NOW, undefined, 'zh')).toBeUndefined();
    expect(bidWindowError('', NOW, 7 * DAY, 'zh')).toBeUndefined();
  });

  it('words the window as a person says it', () => {
    expect(describeWindow(7 * DAY, 'zh')).toBe('7 天');
    expect(describeWindow(36 * HOUR, 'en')).toBe('36 hours');
    expect(describeWindow(1000, 'en')).toBe('1 minute');
  });

  it('agrees with the server: a whole-minute deadline is refused exactly when it is before now + window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: -60 * 24 * 40, max: 60 * 24 * 40 }),
        (window, minutes) => {
          const deadline = Math.floor(NOW / 60_000) * 60_000 + minutes * 60_000;
          const refused = bidWindowError(toShanghaiInput(new Date(deadline).toISOString()), NOW, window, 'en') !== undefined;
          expect(refused).toBe(deadline < NOW + window);
        },
      ),
    );
  });
});
