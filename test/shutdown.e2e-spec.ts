import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDatabaseFromTemplate, dropDatabase } from './support/databases';
import { freePort, spawnApiProcess, spawnWorkerProcess, waitForOutput } from './support/test-worker';

/** SIGTERM drains: requests in flight are answered, pools close, the process exits within seconds. */
describe('graceful shutdown', () => {
  const name = `jiebang_test_${process.env.JIEBANG_TEST_RUN}_shutdown`;
  let databaseUrl: string;
  const env = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: `test-${name}`,
    LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT: '1000000',
    // Its 12 wrong passwords for one email would lock that account after the 5th.
    LOGIN_ACCOUNT_FAILURES: '1000000',
  });

  beforeAll(async () => {
    databaseUrl = await createDatabaseFromTemplate(name, process.env.JIEBANG_TEST_TEMPLATE as string);
  });
  afterAll(() => dropDatabase(name));

  it('the api answers every request in flight, then exits promptly', async () => {
    const port = await freePort();
    const api: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...env(), PORT: String(port), HOST: '127.0.0.1', DATABASE_POOL_SIZE: String(IN_FLIGHT) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(api, /api listening on/, 60_000);
    // "In flight" for sure, however slow the machine: every login waits on a lock the test holds on
    // the users table, and SIGTERM is sent only once all of them are seen waiting in Postgres.
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      const inFlight = Array.from({ length: IN_FLIGHT }, () =>
        fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
        }).then((r) => r.status),
      );
      await waitUntil(async () => (await waitingOnLocks(databaseUrl)) === IN_FLIGHT, 30_000);
      const started = Date.now();
      const exited = terminate(api);
      await new Promise((r) => setTimeout(r, 300)); // shutdown has begun while they wait
      await db.query('COMMIT');
      expect(await Promise.all(inFlight)).toEqual(Array(IN_FLIGHT).fill(401));
      // Nest closes everything, then re-raises the signal to itself: a clean exit is "killed by SIGTERM".
      expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await db.end();
      if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    }
  }, 90_000);

  it('writes every request line before it exits (the log is written in batches)', async () => {
    const { child: api, baseUrl } = await spawnApiProcess({ ...env(), LOG_LEVEL: 'info' });
    let out = '';
    api.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    try {
      // Fewer bytes than a batch: without the flush at shutdown they would wait in memory and be lost.
      const ids = Array.from({ length: 20 }, (_, i) => `shutdown-line-${String(i).padStart(4, '0')}`);
      for (const id of ids) await fetch(`${baseUrl}/api/v1/health/live`, { headers: { 'x-request-id': id } });
      expect(await terminate(api)).toEqual({ code: null, signal: 'SIGTERM' });
      const logged = new Set(
        out
          .split('\n')
          .filter((l) => l.includes('"request completed"'))
          .map((l) => JSON.parse(l).reqId),
      );
      expect(ids.filter((id) => !logged.has(id))).toEqual([]);
    } finally {
      if (api.exitCode === null && api.signalCode === null) api.kill('SIGKILL');
    }
  }, 90_000);

  it('the worker stops taking jobs and exits promptly', async () => {
    const worker = spawnWorkerProcess(env());
    await waitForOutput(worker, /worker started/, 60_000);
    const started = Date.now();
    expect(await terminate(worker)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 90_000);
});

const IN_FLIGHT = 12;

/** Sessions of the database waiting on a lock (from a connection of its own: the statistics views are
 * a snapshot per transaction, so the lock holder would keep seeing its first look). */
async function waitingOnLocks(databaseUrl: string): Promise<number> {
  const watcher = new Client({ connectionString: databaseUrl });
  await watcher.connect();
  try {
    const { rows } = await watcher.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return rows[0].n;
  } finally {
    await watcher.end();
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting for the requests to reach the database');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function terminate(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.kill('SIGTERM');
  });
}
