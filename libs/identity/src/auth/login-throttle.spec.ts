import fc from 'fast-check';
import { accountKeyOf, clientKeyOf, gateOf, lockDurationMs, lockLadder, retryAfterSeconds } from './login-throttle';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('lock durations', () => {
  it('doubles from one minute to the one-hour cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((n) => lockDurationMs(n, MINUTE, HOUR) / MINUTE)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
    expect(lockLadder(MINUTE, HOUR).map((ms) => ms / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 60]);
  });

  it('is a single step when the first lock is already the cap', () => {
    expect(lockLadder(HOUR, HOUR)).toEqual([HOUR]);
  });

  it('refuses nonsense', () => {
    expect(() => lockDurationMs(0, MINUTE, HOUR)).toThrow(RangeError);
    expect(() => lockLadder(HOUR, MINUTE)).toThrow(RangeError);
    expect(() => lockLadder(0, MINUTE)).toThrow(RangeError);
  });

  const bounds = fc
    .tuple(fc.integer({ min: 1, max: 10 * HOUR }), fc.integer({ min: 0, max: 100 * HOUR }))
    .map(([base, extra]) => ({ base, max: base + extra }));

  it('never shrinks, never exceeds the cap, and at most doubles from one lock to the next', () => {
    fc.assert(
      fc.property(bounds, fc.integer({ min: 1, max: 10_000 }), ({ base, max }, n) => {
        const now = lockDurationMs(n, base, max);
        const next = lockDurationMs(n + 1, base, max);
        expect(now).toBeGreaterThanOrEqual(base);
        expect(next).toBeGreaterThanOrEqual(now);
        expect(next).toBeLessThanOrEqual(Math.min(2 * now, max));
        expect(lockDurationMs(1, base, max)).toBe(base);
      }),
    );
  });

  it('has a ladder whose n-th entry (the last for any later n) is the n-th lock', () => {
    fc.assert(
      fc.property(bounds, fc.integer({ min: 1, max: 200 }), ({ base, max }, n) => {
        const ladder = lockLadder(base, max);
        expect(ladder[ladder.length - 1]).toBe(max);
        expect(ladder.length).toBeLessThanOrEqual(54);
        expect(ladder[Math.min(n, ladder.length) - 1]).toBe(lockDurationMs(n, base, max));
      }),
    );
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up, and is never below one second', () => {
    expect([0, 1, 999, 1000, 1001, 59_999].map(retryAfterSeconds)).toEqual([1, 1, 1, 1, 2, 60]);
    fc.assert(fc.property(fc.nat(), (ms) => expect(retryAfterSeconds(ms) * 1000).toBeGreaterThanOrEqual(ms)));
  });
});

describe('gateOf', () => {
  it('reads the Lua reply', () => {
    expect(gateOf([0, 0])).toEqual({ open: true });
    expect(gateOf([1, 61_500])).toEqual({ open: false, why: 'account_locked', retryAfterSeconds: 62 });
    expect(gateOf([2, 10])).toEqual({ open: false, why: 'address_throttled', retryAfterSeconds: 1 });
    expect(() => gateOf([3, 0])).toThrow(/verdict 3/);
  });
});

describe('accountKeyOf', () => {
  it('is one key per normalised email, and shows no email', () => {
    expect(accountKeyOf(' Li.Wei@Example.CN ')).toBe(accountKeyOf('li.wei@example.cn'));
    expect(accountKeyOf('li.wei@example.cn')).not.toBe(accountKeyOf('li.wei@example.com'));
    expect(accountKeyOf('li.wei@example.cn')).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('clientKeyOf', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6, and groups IPv6 by /64', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:0DB8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKeyOf('not an address')).toBe('other:not an address');
  });

  it('gives every address of one /64 the same key, and different /64s different keys', () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const address = fc.array(group, { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(address, address, (a, b) => {
        const sameNetwork = [...a.slice(0, 4), ...b.slice(4)];
        expect(clientKeyOf(sameNetwork.join(':'))).toBe(clientKeyOf(a.join(':')));
        const sameFirstHalf = a.slice(0, 4).every((g, i) => parseInt(g, 16) === parseInt(b[i], 16));
        expect(clientKeyOf(a.join(':')) === clientKeyOf(b.join(':'))).toBe(sameFirstHalf);
      }),
    );
  });
});
