import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has defaults that work on a developer machine', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/jiebang');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.minBidWindowMs).toBe(7 * 86_400_000);
    expect(c.milestoneRemindersMs).toEqual([14 * 86_400_000, 3 * 86_400_000]);
    expect(c.disbursementDelayMs).toBe(0);
    expect(c.pmMajorRateBp).toBeNull();
    expect(c.trustProxyHops).toBe(0);
  });

  it('throttles sign-in failures and registrations by default', () => {
    const c = loadConfig({});
    expect([c.loginRateLimit, c.loginRateWindowMs]).toEqual([30, 15 * 60_000]);
    expect([c.loginAccountFailures, c.loginAccountWindowMs]).toEqual([5, 15 * 60_000]);
    expect([c.loginLockBaseMs, c.loginLockMaxMs]).toEqual([60_000, 3_600_000]);
    expect([c.registrationRateLimit, c.registrationRateWindowMs]).toEqual([5, 3_600_000]);
    expect(c.passwordHashConcurrency).toBeGreaterThanOrEqual(1);
    expect(c.passwordHashQueue).toBe(32);
  });

  it('refuses a lock cap shorter than the first lock, and empty windows', () => {
    expect(() => loadConfig({ LOGIN_LOCK_BASE: 'PT2H' })).toThrow(/LOGIN_LOCK_MAX must not be shorter than LOGIN_LOCK_BASE/);
    expect(() => loadConfig({ LOGIN_ACCOUNT_WINDOW: 'PT0S' })).toThrow(/LOGIN_ACCOUNT_WINDOW="PT0S": must be longer than zero/);
    expect(() => loadConfig({ PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });

  it('reads TRUST_PROXY as a hop count, with true and false kept as 1 and 0', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxyHops).toBe(0);
    for (const bad of ['yes', '-1', '1.5', '10.0.0.1']) {
      expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY=.*: must be the number of trusted proxy hops/);
    }
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', PUBLICITY_PERIOD: '5 days', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT="abc": must be a whole number/);
    expect(problems).toMatch(/PUBLICITY_PERIOD="5 days"/);
    expect(problems).toMatch(/DATABASE_URL="mysql:\/\/x"/);
  });

  it('requires real secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET.*\n.*ADMIN_PASSWORD/s);
  });

  it('holds every setting of every library, so nothing else reads the environment', () => {
    const c = loadConfig({
      MILESTONE_GRACE: 'P1D',
      MILESTONE_SWEEP_BATCH: '50',
      DATABASE_POOL_SIZE: '4',
      HOST: '127.0.0.1',
      WEB_DIST_DIR: '/srv/web',
      OCID_PREFIX: 'ocds-a1b2c3',
    });
    expect(c.milestones).toEqual({
      graceMs: 86_400_000,
      sweepBatch: 50,
      noticesEveryMs: 5_000,
      bidDeadlineRemindersMs: [259_200_000, 86_400_000],
    });
    expect(c).toMatchObject({ databasePoolSize: 4, host: '127.0.0.1', webDistDir: '/srv/web' });
    expect(c.openData.ocidPrefix).toBe('ocds-a1b2c3');
    expect(loadConfig({}).webDistDir).toBeNull();
    for (const [name, bad] of [
      ['MILESTONE_GRACE', '14 days'],
      ['MILESTONE_SWEEP_BATCH', '0'],
      ['NOTICES_EVERY', 'PT0S'],
      ['BID_DEADLINE_REMINDERS', 'P3D,soon'],
      ['DATABASE_POOL_SIZE', 'many'],
    ]) {
      expect(() => loadConfig({ [name]: bad })).toThrow(new RegExp(`${name}=`));
    }
  });
});
