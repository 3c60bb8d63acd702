import fc from 'fast-check';
import {
  DASHBOARD_SESSION_TTL_MS,
  clearedSessionCookie,
  entryRedirect,
  readCookie,
  sessionCookie,
  sessionMaxAgeSeconds,
} from './queue-dashboard-cookie';

describe('queue dashboard cookie', () => {
  it('is HttpOnly, SameSite=Strict and scoped to the dashboard always, Secure over https', () => {
    expect(sessionCookie('abc', 900, true)).toBe(
      'jiebang_queues=abc; Max-Age=900; Path=/admin/queues; HttpOnly; Secure; SameSite=Strict',
    );
    expect(sessionCookie('abc', 900, false)).toBe(
      'jiebang_queues=abc; Max-Age=900; Path=/admin/queues; HttpOnly; SameSite=Strict',
    );
    expect(clearedSessionCookie(true)).toBe('jiebang_queues=; Max-Age=0; Path=/admin/queues; HttpOnly; Secure; SameSite=Strict');
    expect(clearedSessionCookie(false)).toBe('jiebang_queues=; Max-Age=0; Path=/admin/queues; HttpOnly; SameSite=Strict');
  });

  it('sends a browser page request without a session to the web app’s entry page, nothing else', () => {
    const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    expect(entryRedirect('GET', '/admin/queues', html)).toBe('/admin/jobs/board?next=%2Fadmin%2Fqueues');
    expect(entryRedirect('GET', '/admin/queues/queue/mail?status=failed', html)).toBe(
      '/admin/jobs/board?next=%2Fadmin%2Fqueues%2Fqueue%2Fmail%3Fstatus%3Dfailed',
    );
    // Scripts, the board's own api and files, the session route, other methods: their 401 stays.
    expect(entryRedirect('GET', '/admin/queues', {})).toBeNull();
    expect(entryRedirect('GET', '/admin/queues', { accept: 'application/json' })).toBeNull();
    expect(entryRedirect('GET', '/admin/queues', { ...html, authorization: 'Bearer x' })).toBeNull();
    expect(entryRedirect('GET', '/admin/queues/api/queues', html)).toBeNull();
    expect(entryRedirect('GET', '/admin/queues/static/js/main.js', html)).toBeNull();
    expect(entryRedirect('GET', '/admin/queues/session', html)).toBeNull();
    expect(entryRedirect('POST', '/admin/queues', html)).toBeNull();
    expect(entryRedirect('GET', '/admin/queuesX', html)).toBeNull();
  });

  it('reads its value back from a Cookie header among others, and nothing from a malformed one', () => {
    const value = 'A-b_c~0%/=';
    const header = `other=1; ${sessionCookie(value, 60, true).split(';')[0]}; last=2`;
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
