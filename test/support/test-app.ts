import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, createFastifyAdapter } from '../../apps/api/src/bootstrap';
import { Clock, ManualClock } from '@app/common/clock';
import { APP_CONFIG, AppConfig, loadConfig } from '@app/common/config';
import { createDatabaseFromTemplate, dropDatabase } from './databases';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  databaseUrl: string;
  clock?: ManualClock;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment overrides, as the real process would read them (durations in ISO-8601). */
  env?: Record<string, string>;
  /** Replace the system clock with one the test moves. */
  manualClock?: Date;
  /** Capture log lines (for tests that prove a secret never reaches a log). */
  logLines?: string[];
  /** Reach the database through this URL rewrite (a TcpProxy that a fault test takes away). */
  databaseVia?: (url: string) => string;
  /**
   * Every request of `http` says this Accept-Language. Problems are worded in the caller's
   * language (Chinese without the header); tests that check English wording ask for English.
   */
  acceptLanguage?: string;
  /** A second replica of `replicaOf`: the same database and Redis keys (created and dropped by that app). */
  replicaOf?: TestApp;
}

export const TEST_ADMIN = { email: 'admin@jiebang.test', password: 'admin-password-for-tests' };

/**
 * Boots the real AppModule on Fastify, against a fresh copy of the migrated template database and
 * a Redis key prefix of its own. Only configuration and (optionally) the clock differ from production.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const template = process.env.JIEBANG_TEST_TEMPLATE;
  if (!template) throw new Error('JIEBANG_TEST_TEMPLATE is not set: run e2e tests through `npm run test:e2e`.');
  const primary = options.replicaOf;
  const dbName = `jiebang_test_${process.env.JIEBANG_TEST_RUN}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = primary ? primary.databaseUrl : await createDatabaseFromTemplate(dbName, template);
  const redisPrefix = primary ? primary.config.redisPrefix : `test-${dbName}`;
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: options.logLines ? 'info' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // Tests sign in and register far more often than a person; the rate-limit tests set their own limits.
    LOGIN_RATE_LIMIT: '1000000',
    REGISTRATION_RATE_LIMIT: '1000000',
    ...options.env,
    DATABASE_URL: options.databaseVia ? options.databaseVia(databaseUrl) : databaseUrl,
    REDIS_PREFIX: redisPrefix,
  });

  // Before the module is compiled: pino picks its destination when its first logger is built (the
  // out-of-request logger, at compile time) and writes straight to fd 1 unless stdout is already
  // wrapped — which in a Jest worker it is not, so Nest's own log lines would escape the capture.
  const restoreStdout = options.logLines ? captureStdout(options.logLines) : () => undefined;
  let builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config);
  const clock = options.manualClock ? new ManualClock(options.manualClock) : undefined;
  if (clock) builder = builder.overrideProvider(Clock).useValue(clock);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), {
    logger: false,
  });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();

  return {
    app,
    http: speaking(supertest(app.getHttpServer()), options.acceptLanguage),
    config,
    databaseUrl,
    clock,
    async close() {
      await app.close();
      restoreStdout();
      if (primary) return;
      await dropDatabase(dbName);
      await deleteKeys(config.redisUrl, redisPrefix);
    },
  };
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** `http` whose every request carries Accept-Language (a request may still set its own). */
function speaking(http: TestAgent, language: string | undefined): TestAgent {
  if (!language) return http;
  return new Proxy(http, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !HTTP_METHODS.has(String(property))) return value;
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => supertest.Test).apply(target, args).set('accept-language', language);
    },
  });
}

/**
 * Keeps what the app logs (pino writes to stdout) for the test to inspect, instead of printing it.
 * Returns the function that puts stdout back (called by `close()`).
 */
function captureStdout(lines: string[]): () => void {
  const original = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = original;
  };
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
