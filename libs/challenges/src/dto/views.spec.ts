import { isoMillis } from './views';

describe('isoMillis', () => {
  it('is new Date(ms).toISOString(), at the edges of days, months, years and leap days', () => {
    const edges = [
      Date.UTC(1970, 0, 1),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29, 12, 0, 0, 1),
      Date.UTC(2100, 1, 28, 23, 59, 59, 999),
      Date.UTC(2100, 2, 1),
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
      Date.UTC(2025, 0, 1),
      Date.UTC(1000, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10_000, 0, 1),
      -62_198_755_200_001,
    ];
    for (const ms of edges) expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
  });

  it('agrees with Date on 200,000 instants from 1900 to 2200', () => {
    const from = Date.UTC(1900, 0, 1);
    const span = Date.UTC(2200, 0, 1) - from;
    let seed = 20;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < 200_000; i++) {
      const ms = from + Math.floor((next() * 2 ** 20 + next()) * (span / 2 ** 20));
      if (isoMillis(ms) !== new Date(ms).toISOString()) expect([ms, isoMillis(ms)]).toEqual([ms, new Date(ms).toISOString()]);
    }
  });
});
