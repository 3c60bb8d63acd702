import { availableParallelism } from 'node:os';
import { parseDuration } from './duration';
import { Env, EnvReader, positiveDuration, urlOf, wholeNumber } from './env-reader';
import { DocumentsSettings, readDocumentsSettings } from './sections/documents.section';
import { MailSettings, readMailSettings } from './sections/mail.section';
import { MilestonesSettings, readMilestonesSettings } from './sections/milestones.section';
import { OpenDataSettings, readOpenDataSettings } from './sections/open-data.section';
import { WorkerSettings, readWorkerSettings } from './sections/worker.section';

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
  /**
   * The longest an api process trusts its memo of a user's state (active, role, organisation)
   * between row reads; normally a change is seen on the next request through the user's version in
   * Redis, this bounds the one case Redis could not record it (libs/identity user-state-cache.ts).
   */
  userStateMaxAgeMs: number;
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
  /** Address the api listens on (`HOST`, default all interfaces). */
  host: string;
  /** Connections in the api's (and worker's) Postgres pool (`DATABASE_POOL_SIZE`, default 10). */
  databasePoolSize: number;
  /** A production build of apps/web to serve instead of the repository's (`WEB_DIST_DIR`). */
  webDistDir: string | null;
  worker: WorkerSettings;
  milestones: MilestonesSettings;
  openData: OpenDataSettings;
  documents: DocumentsSettings;
  mail: MailSettings;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEV_JWT_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The one reader of the environment: every library gets its settings from the AppConfig this
 * returns (through APP_CONFIG), and only the apps' entry points hand it `process.env`.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const reader = new EnvReader(env);
  const nodeEnv = env.NODE_ENV ?? 'development';
  const port = reader.read('PORT', '3000', wholeNumber(0, 65535));
  const config: AppConfig = {
    nodeEnv,
    port,
    ...readConnections(reader),
    ...readSecrets(reader, nodeEnv),
    ...readAbuseLimits(reader),
    ...readProgrammeTimings(reader),
    worker: readWorkerSettings(reader),
    milestones: readMilestonesSettings(reader),
    openData: readOpenDataSettings(reader, String(port ?? 3000)),
    documents: readDocumentsSettings(reader, nodeEnv),
    mail: readMailSettings(reader),
  };
  if (config.loginLockMaxMs < config.loginLockBaseMs) {
    reader.problem(`LOGIN_LOCK_MAX must not be shorter than LOGIN_LOCK_BASE`);
  }
  if (reader.problems.length) throw new ConfigError(reader.problems);
  return config;
}

type Part<K extends keyof AppConfig> = Pick<AppConfig, K>;

function readConnections(
  reader: EnvReader,
): Part<
  | 'databaseUrl'
  | 'databasePoolSize'
  | 'redisUrl'
  | 'redisPrefix'
  | 'host'
  | 'webDistDir'
  | 'logLevel'
  | 'bodyLimitBytes'
  | 'trustProxyHops'
> {
  return {
    databaseUrl: reader.read('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/jiebang', urlOf(['postgres:', 'postgresql:'])),
    // A bigger pool adds latency, not throughput, on a 2-core machine (measured for awards).
    databasePoolSize: reader.read('DATABASE_POOL_SIZE', '10', wholeNumber(1, 1000)),
    redisUrl: reader.read('REDIS_URL', 'redis://127.0.0.1:6379', urlOf(['redis:', 'rediss:'])),
    redisPrefix: reader.read('REDIS_PREFIX', 'jiebang', (raw) => {
      if (!/^[A-Za-z0-9_.-]+$/.test(raw)) throw new Error('may contain letters, digits, _ . - only');
      return raw;
    }),
    host: reader.read('HOST', '0.0.0.0', (raw) => raw),
    webDistDir: reader.optional('WEB_DIST_DIR') ?? null,
    logLevel: reader.read('LOG_LEVEL', 'info', (raw) => {
      if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(raw)) {
        throw new Error('must be one of fatal, error, warn, info, debug, trace, silent');
      }
      return raw;
    }),
    bodyLimitBytes: reader.read('BODY_LIMIT_BYTES', String(1024 * 1024), wholeNumber(1024, 64 * 1024 * 1024)),
    trustProxyHops: reader.read('TRUST_PROXY', '0', parseProxyHops),
  };
}

function readSecrets(
  reader: EnvReader,
  nodeEnv: string,
): Part<'jwtSecret' | 'jwtTtlSeconds' | 'userStateMaxAgeMs' | 'adminEmail' | 'adminPassword'> {
  return {
    jwtSecret: reader.read('JWT_SECRET', nodeEnv === 'production' ? '' : DEV_JWT_SECRET, (raw) => {
      if (raw.length < 32) throw new Error('must be at least 32 characters (set it in production)');
      return raw;
    }),
    jwtTtlSeconds: Math.round(reader.read('JWT_TTL', 'PT1H', parseDuration) / 1000),
    userStateMaxAgeMs: reader.read('USER_STATE_MAX_AGE', 'PT60S', parseDuration),
    adminEmail: reader.read('ADMIN_EMAIL', 'admin@jiebang.local', (raw) => {
      if (!/^[^@\s]+@[^@\s]+$/.test(raw)) throw new Error('must be an email address');
      return raw.toLowerCase();
    }),
    adminPassword: reader.read('ADMIN_PASSWORD', nodeEnv === 'production' ? '' : 'admin-password-change-me', (raw) => {
      if (raw.length < 12) throw new Error('must be at least 12 characters');
      return raw;
    }),
  };
}

type AbuseLimitKey =
  | 'loginRateLimit'
  | 'loginRateWindowMs'
  | 'loginAccountFailures'
  | 'loginAccountWindowMs'
  | 'loginLockBaseMs'
  | 'loginLockMaxMs'
  | 'registrationRateLimit'
  | 'registrationRateWindowMs'
  | 'passwordHashConcurrency'
  | 'passwordHashQueue';

function readAbuseLimits(reader: EnvReader): Part<AbuseLimitKey> {
  const count = wholeNumber(1, 1_000_000_000);
  return {
    // 30 failures in 15 minutes is two a minute, sustained: more than a shared office or campus
    // NAT mistypes (successes do not count), far less than guessing across many accounts needs.
    loginRateLimit: reader.read('LOGIN_RATE_LIMIT', '30', count),
    loginRateWindowMs: reader.read('LOGIN_RATE_WINDOW', 'PT15M', positiveDuration),
    loginAccountFailures: reader.read('LOGIN_ACCOUNT_FAILURES', '5', count),
    loginAccountWindowMs: reader.read('LOGIN_ACCOUNT_WINDOW', 'PT15M', positiveDuration),
    loginLockBaseMs: reader.read('LOGIN_LOCK_BASE', 'PT1M', positiveDuration),
    loginLockMaxMs: reader.read('LOGIN_LOCK_MAX', 'PT1H', positiveDuration),
    registrationRateLimit: reader.read('REGISTRATION_RATE_LIMIT', '5', count),
    registrationRateWindowMs: reader.read('REGISTRATION_RATE_WINDOW', 'PT1H', positiveDuration),
    // One core fewer than the machine has: a registration flood's hashing leaves a core for the
    // requests of signed-in users (measured with npm run bench:abuse).
    passwordHashConcurrency: reader.read(
      'PASSWORD_HASH_CONCURRENCY',
      String(Math.max(1, availableParallelism() - 1)),
      wholeNumber(1, 1024),
    ),
    passwordHashQueue: reader.read('PASSWORD_HASH_QUEUE', '32', wholeNumber(0, 100_000)),
  };
}

type TimingKey =
  | 'minBidWindowMs'
  | 'publicityPeriodMs'
  | 'milestoneRemindersMs'
  | 'reviewSlaMs'
  | 'disbursementDelayMs'
  | 'qaExtensionWindowMs'
  | 'policyEffectiveFrom'
  | 'pmMajorRateBp'
  | 'reconcileEveryMs';

function readProgrammeTimings(reader: EnvReader): Part<TimingKey> {
  return {
    minBidWindowMs: reader.read('MIN_BID_WINDOW', 'P7D', parseDuration),
    publicityPeriodMs: reader.read('PUBLICITY_PERIOD', 'P5D', parseDuration),
    milestoneRemindersMs: reader.read('MILESTONE_REMINDERS', 'P14D,P3D', (raw) =>
      raw
        .split(',')
        .map((part) => parseDuration(part))
        .sort((a, b) => b - a),
    ),
    reviewSlaMs: reader.read('REVIEW_SLA', 'P10D', parseDuration),
    disbursementDelayMs: reader.read('DISBURSEMENT_DELAY', 'PT0S', parseDuration),
    qaExtensionWindowMs: reader.read('QA_EXTENSION_WINDOW', 'P3D', parseDuration),
    policyEffectiveFrom: reader.read('POLICY_EFFECTIVE_FROM', '2023-01-01', (raw) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) {
        throw new Error('must be a date like 2023-01-01');
      }
      return new Date(`${raw}T00:00:00+08:00`);
    }),
    pmMajorRateBp: reader.read('PM_MAJOR_RATE_BP', 'none', (raw) => (raw === 'none' ? null : wholeNumber(1, 10_000)(raw))),
    reconcileEveryMs: reader.read('RECONCILE_EVERY', 'PT1M', parseDuration),
  };
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
