import fc from 'fast-check';
import {
  DASHBOARD_SESSION_TTL_MS,
  clearedSessionCookie,
  readCookie,
  sessionCookie,
  sessionMaxAgeSeconds,
} from './queue-dashboard-cookie';

describe('queue dashboard cookie', () => {
  it('is HttpOnly, Secure, SameSite=Strict and scoped to the dashboard, always', () => {
    expect(sessionCookie('abc', 900)).toBe(
      'jiebang_queues=abc; Max-Age=900; Path=/admin/queues; HttpOnly; Secure; SameSite=Strict',
    );
    expect(clearedSessionCookie()).toBe('jiebang_queues=; Max-Age=0; Path=/admin/queues; HttpOnly; Secure; SameSite=Strict');
  });

  it('reads its value back from a Cookie header among others, and nothing from a malformed one', () => {
    const value = 'A-b_c~0%/=';
    const header = `other=1; ${sessionCookie(value, 60).split(';')[0]}; last=2`;
    expect(readCookie(header, 'jiebang_queues')).toBe(value);
    expect(readCookie('jiebang_queues=%E0%A4%A', 'jiebang_queues')).toBeUndefined();
    expect(readCookie('jiebang_queuesX=1', 'jiebang_queues')).toBeUndefined();
    expect(readCookie(undefined, 'jiebang_queues')).toBeUndefined();
  });

  it('lasts 15 minutes, never past the sign-in that opened it, never negative', () => {
    const now = 1_800_000_000_000;
    expect(sessionMaxAgeSeconds(now, now + 3_600_000)).toBe(900);
    expect(sessionMaxAgeSeconds(now, now + 120_500)).toBe(120);
    expect(sessionMaxAgeSeconds(now, now - 1)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e10 }), (left) => {
        const age = sessionMaxAgeSeconds(now, now + left);
        expect(age).toBeGreaterThanOrEqual(0);
        expect(age * 1000).toBeLessThanOrEqual(Math.max(0, Math.min(DASHBOARD_SESSION_TTL_MS, left)));
        expect(Number.isInteger(age)).toBe(true);
      }),
    );
  });
});
