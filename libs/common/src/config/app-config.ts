import { availableParallelism } from 'node:os';
import { parseDuration } from './duration';

/**
 * Everything the apps read from the environment, parsed and checked once at start-up. A bad value
 * stops the process with a message naming the variable, instead of failing later on a request.
 */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key (queues, rate limits, idempotency); lets test runs share a Redis. */
  redisPrefix: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  adminEmail: string;
  adminPassword: string;
  logLevel: string;
  bodyLimitBytes: number;
  /** Failed sign-ins one client address may make per window (successes are not counted). */
  loginRateLimit: number;
  loginRateWindowMs: number;
  /** Failed sign-ins on one account (by email, known or not) within the window before it is locked. */
  loginAccountFailures: number;
  loginAccountWindowMs: number;
  /** The first lock of an account; each further lock lasts twice as long, up to the max. */
  loginLockBaseMs: number;
  loginLockMaxMs: number;
  /** Organisations one client address may register per window. */
  registrationRateLimit: number;
  registrationRateWindowMs: number;
  /** argon2 hashes/verifications run at once (each takes a core for ~0.1 s and 64 MiB). */
  passwordHashConcurrency: number;
  /** argon2 requests allowed to wait for a slot; beyond that the answer is 503 with Retry-After. */
  passwordHashQueue: number;
  minBidWindowMs: number;
  publicityPeriodMs: number;
  milestoneRemindersMs: number[];
  reviewSlaMs: number;
  disbursementDelayMs: number;
  qaExtensionWindowMs: number;
  policyEffectiveFrom: Date;
  /** The project-manager track's funding ratio in basis points; the draft text states none. */
  pmMajorRateBp: number | null;
  reconcileEveryMs: number;
  /**
   * How many reverse proxies in front of the api append to X-Forwarded-For (0: none, use the
   * socket's address). The client address (rate limits, logs) is the entry that many hops from
   * the right: entries further left were written by the client and are not believed.
   */
  trustProxyHops: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = <T>(name: string, fallback: string, parse: (raw: string) => T): T => {
    const raw = env[name] === undefined || env[name] === '' ? fallback : (env[name] as string);
    try {
      return parse(raw);
    } catch (err) {
      problems.push(`${name}=${JSON.stringify(raw)}: ${(err as Error).message}`);
      return undefined as T;
    }
  };
  const int = (min: number, max: number) => (raw: string) => {
    if (!/^\d+$/.test(raw)) throw new Error('must be a whole number');
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`must be between ${min} and ${max}`);
    return n;
  };
  const url = (schemes: string[]) => (raw: string) => {
    const u = new URL(raw);
    if (!schemes.includes(u.protocol)) throw new Error(`must be a ${schemes.join(' or ')} URL`);
    return raw;
  };

  const nodeEnv = env.NODE_ENV ?? 'development';
  const config: AppConfig = {
    nodeEnv,
    port: read('PORT', '3000', int(0, 65535)),
    databaseUrl: read('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/jiebang', url(['postgres:', 'postgresql:'])),
    redisUrl: read('REDIS_URL', 'redis://127.0.0.1:6379', url(['redis:', 'rediss:'])),
    redisPrefix: read('REDIS_PREFIX', 'jiebang', (raw) => {
      if (!/^[A-Za-z0-9_.-]+$/.test(raw)) throw new Error('may contain letters, digits, _ . - only');
      return raw;
    }),
    jwtSecret: read('JWT_SECRET', nodeEnv === 'production' ? '' : DEV_JWT_SECRET, (raw) => {
      if (raw.length < 32) throw new Error('must be at least 32 characters (set it in production)');
      return raw;
    }),
    jwtTtlSeconds: Math.round(read('JWT_TTL', 'PT1H', parseDuration) / 1000),
    adminEmail: read('ADMIN_EMAIL', 'admin@jiebang.local', (raw) => {
      if (!/^[^@\s]+@[^@\s]+$/.test(raw)) throw new Error('must be an email address');
      return raw.toLowerCase();
    }),
    adminPassword: read('ADMIN_PASSWORD', nodeEnv === 'production' ? '' : 'admin-password-change-me', (raw) => {
      if (raw.length < 12) throw new Error('must be at least 12 characters');
      return raw;
    }),
    logLevel: read('LOG_LEVEL', 'info', (raw) => {
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw)) {
        throw new Error('must be one of fatal, error, warn, info, debug, trace, silent');
      }
      return raw;
    }),
    bodyLimitBytes: read('BODY_LIMIT_BYTES', String(1024 * 1024), int(1024, 64 * 1024 * 1024)),
    // 30 failures in 15 minutes is two a minute, sustained: more than a shared office or campus
    // NAT mistypes (successes do not count), far less than guessing across many accounts needs.
    loginRateLimit: read('LOGIN_RATE_LIMIT', '30', int(1, 1_000_000_000)),
    loginRateWindowMs: read('LOGIN_RATE_WINDOW', 'PT15M', positiveDuration),
    loginAccountFailures: read('LOGIN_ACCOUNT_FAILURES', '5', int(1, 1_000_000_000)),
    loginAccountWindowMs: read('LOGIN_ACCOUNT_WINDOW', 'PT15M', positiveDuration),
    loginLockBaseMs: read('LOGIN_LOCK_BASE', 'PT1M', positiveDuration),
    loginLockMaxMs: read('LOGIN_LOCK_MAX', 'PT1H', positiveDuration),
    registrationRateLimit: read('REGISTRATION_RATE_LIMIT', '5', int(1, 1_000_000_000)),
    registrationRateWindowMs: read('REGISTRATION_RATE_WINDOW', 'PT1H', positiveDuration),
    // One core fewer than the machine has: a registration flood's hashing leaves a core for the
    // requests of signed-in users (measured with npm run bench:abuse).
    passwordHashConcurrency: read('PASSWORD_HASH_CONCURRENCY', String(Math.max(1, availableParallelism() - 1)), int(1, 1024)),
    passwordHashQueue: read('PASSWORD_HASH_QUEUE', '32', int(0, 100_000)),
    minBidWindowMs: read('MIN_BID_WINDOW', 'P7D', parseDuration),
    publicityPeriodMs: read('PUBLICITY_PERIOD', 'P5D', parseDuration),
    milestoneRemindersMs: read('MILESTONE_REMINDERS', 'P14D,P3D', (raw) =>
      raw
        .split(',')
        .map((part) => parseDuration(part))
        .sort((a, b) => b - a),
    ),
    reviewSlaMs: read('REVIEW_SLA', 'P10D', parseDuration),
    disbursementDelayMs: read('DISBURSEMENT_DELAY', 'PT0S', parseDuration),
    qaExtensionWindowMs: read('QA_EXTENSION_WINDOW', 'P3D', parseDuration),
    policyEffectiveFrom: read('POLICY_EFFECTIVE_FROM', '2023-01-01', (raw) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
        throw new Error('must be a date like 2023-01-01');
      }
      return new Date(`${raw}T00:00:00+08:00`);
    }),
    pmMajorRateBp: read('PM_MAJOR_RATE_BP', 'none', (raw) => (raw === 'none' ? null : int(1, 10_000)(raw))),
    reconcileEveryMs: read('RECONCILE_EVERY', 'PT1M', parseDuration),
    trustProxyHops: read('TRUST_PROXY', '0', parseProxyHops),
  };
  if (config.loginLockMaxMs < config.loginLockBaseMs) {
    problems.push(`LOGIN_LOCK_MAX must not be shorter than LOGIN_LOCK_BASE`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** A duration of at least one millisecond: a zero window would count nothing. */
function positiveDuration(raw: string): number {
  const ms = parseDuration(raw);
  if (ms < 1) throw new Error('must be longer than zero');
  return ms;
}

/**
 * TRUST_PROXY is a hop count. `true`/`false` are still read (as 1/0) so old settings keep working;
 * anything else ('yes', '-1') is refused rather than silently trusting every forwarded address.
 */
function parseProxyHops(raw: string): number {
  if (raw === 'false') return 0;
  if (raw === 'true') return 1;
  if (!/^\d{1,2}$/.test(raw)) throw new Error('must be the number of trusted proxy hops (0 = none), or true (1) / false (0)');
  return Number(raw);
}
