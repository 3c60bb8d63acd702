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
    expect(c.trustProxy).toBe(false);
  });

  it('reads TRUST_PROXY as true or false only', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY="yes": must be true or false/);
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
});
