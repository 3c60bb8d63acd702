import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { formatDuration, parseDuration } from '@app/common/config/duration';
import { JOB_CATALOG, JOBS_WORKER_OPTIONS, JobCatalog, JobsWorkerOptions, stallTimingsFor } from '@app/jobs';

/** Tests' WORKER_RECOVERY: a killed worker's job runs again within 7.5 s (lock 5 s as before, a check every 2.5 s). */
export const TEST_WORKER_RECOVERY = 'PT7.5S';

export interface TestWorker {
  app: INestApplicationContext;
  close(): Promise<void>;
}

export interface TestWorkerOptions {
  /** Replace the job catalog (the job platform's own tests use test-only job names). */
  catalog?: JobCatalog;
  /** Worker tuning (defaults: concurrency 4, timings of TEST_WORKER_RECOVERY so a killed worker's job is retried quickly). */
  worker?: Partial<JobsWorkerOptions>;
}

/**
 * Boots the real WorkerModule as an application context, with the same configuration object as
 * the test app (so the same database and the same Redis prefix). Rejects when the worker refuses
 * to start (e.g. a job name without a handler).
 */
export async function createTestWorker(
  config: AppConfig,
  extraImports: any[] = [],
  options: TestWorkerOptions = {},
): Promise<TestWorker> {
  let builder = Test.createTestingModule({ imports: [WorkerModule, ...extraImports] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(JOBS_WORKER_OPTIONS)
    .useValue({ concurrency: 4, ...stallTimingsFor(parseDuration(TEST_WORKER_RECOVERY)), ...options.worker });
  if (options.catalog) builder = builder.overrideProvider(JOB_CATALOG).useValue(options.catalog);
  const moduleRef = await builder.compile();
  if (!process.env.TEST_LOG_LEVEL) moduleRef.useLogger(false);
  try {
    await moduleRef.init();
  } catch (err) {
    // Nest's close() re-awaits the failed init and gives up before closing anything; clear it so
    // the pools and connections opened while compiling are closed (a real worker just exits).
    (moduleRef as unknown as { initializationPromise?: Promise<void> }).initializationPromise = undefined;
    await moduleRef.close().catch(() => undefined);
    throw err;
  }
  return { app: moduleRef, close: () => moduleRef.close() };
}

/** The environment a worker process needs to join a test app (same database and Redis prefix). */
export function workerEnvFor(config: AppConfig): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    REDIS_PREFIX: config.redisPrefix,
    JWT_SECRET: config.jwtSecret,
    ADMIN_EMAIL: config.adminEmail,
    ADMIN_PASSWORD: config.adminPassword,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
    RECONCILE_EVERY: formatDuration(config.reconcileEveryMs),
    MIN_BID_WINDOW: formatDuration(config.minBidWindowMs),
    PUBLICITY_PERIOD: formatDuration(config.publicityPeriodMs),
    REVIEW_SLA: formatDuration(config.reviewSlaMs),
    DISBURSEMENT_DELAY: formatDuration(config.disbursementDelayMs),
    QA_EXTENSION_WINDOW: formatDuration(config.qaExtensionWindowMs),
    MILESTONE_REMINDERS: config.milestoneRemindersMs.map(formatDuration).join(','),
    WORKER_RECOVERY: TEST_WORKER_RECOVERY,
  };
}

/**
 * Runs `apps/worker/src/main.ts` in a child process (for SIGKILL tests). Pass `workerEnvFor(config)`
 * plus overrides. Its stdout/stderr are piped; `waitForOutput(child, /worker started/)` waits for it.
 */
export function spawnWorkerProcess(env: Record<string, string>): ChildProcess {
  const root = join(__dirname, '..', '..');
  return spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs `apps/api/src/main.ts` in a child process on a free port of 127.0.0.1 (for tests that kill
 * an api mid-request). Pass `workerEnvFor(config)` (the same database, Redis prefix and JWT secret
 * as the test app) plus overrides; resolves once it listens.
 */
export async function spawnApiProcess(env: Record<string, string>): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, LOGIN_RATE_LIMIT: '1000000', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitForOutput(child, /api listening on/, 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

/** A port nobody listens on right now (the OS picks it), for a child api process. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves when the child prints a line matching `pattern`; rejects if it exits or times out first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => finish(new Error(`timed out waiting for ${pattern}; output so far:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const line = seen.split('\n').find((l) => pattern.test(l));
      if (line) finish(undefined, line);
    };
    const onExit = (code: number | null) => finish(new Error(`worker exited (${code}) before ${pattern}; output:\n${seen}`));
    const finish = (err?: Error, line?: string) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining: a child writing logs into a full pipe would block (pino writes synchronously).
      child.stdout?.resume();
      child.stderr?.resume();
      if (err) reject(err);
      else resolve(line as string);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** SIGTERM (or the given signal) and wait for the process to exit. */
export function stopWorkerProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill(signal);
  });
}

/**
 * How many sessions of the test's database wait on a lock, optionally only those running a
 * statement like `statementLike` (SQL LIKE). Tests keep a job or a request "running" by holding a
 * row lock it needs, and wait for this before killing its process. Ask from a connection outside
 * any transaction: the statistics views are a snapshot per transaction.
 */
export async function waitingOnLocks(db: Client, statementLike = '%'): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
    [statementLike],
  );
  return rows[0].n;
}
