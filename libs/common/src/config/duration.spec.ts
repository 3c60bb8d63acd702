import fc from 'fast-check';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['P5D', 5 * 86_400_000],
    ['PT10S', 10_000],
    ['PT0S', 0],
    ['P1DT12H', 36 * 3_600_000],
    ['PT1M30S', 90_000],
    ['PT0.25S', 250],
    ['P2W', 14 * 86_400_000],
  ])('%s = %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', '5D', 'P1Y', 'P1M', 'P-1D', 'PT1H2', 'P1DT', 'ten days'])('refuses %j', (text) =>
    expect(() => parseDuration(text)).toThrow(/ISO-8601 duration/),
  );

  it('round-trips whole milliseconds', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => parseDuration(formatDuration(ms)) === ms));
  });
});
