import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createDatabaseFromTemplate, dropDatabase } from './support/databases';
import { spawnWorkerProcess, waitForOutput } from './support/test-worker';

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
  });

  beforeAll(async () => {
    databaseUrl = await createDatabaseFromTemplate(name, process.env.JIEBANG_TEST_TEMPLATE as string);
  });
  afterAll(() => dropDatabase(name));

  it('the api answers every request in flight, then exits promptly', async () => {
    const port = await freePort();
    const api: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...env(), PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await waitForOutput(api, /Nest application successfully started/, 60_000);
    // Each login verifies an argon2 hash (~100 ms): these are still running when SIGTERM arrives.
    const inFlight = Array.from({ length: 12 }, () =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong-password' }),
      }).then((r) => r.status),
    );
    await new Promise((r) => setTimeout(r, 30));
    const started = Date.now();
    const exited = terminate(api);
    expect(await Promise.all(inFlight)).toEqual(Array(12).fill(401));
    // Nest closes everything, then re-raises the signal to itself: a clean exit is "killed by SIGTERM".
    expect(await exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 90_000);

  it('the worker stops taking jobs and exits promptly', async () => {
    const worker = spawnWorkerProcess(env());
    await waitForOutput(worker, /worker started/, 60_000);
    const started = Date.now();
    expect(await terminate(worker)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 90_000);
});

function terminate(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.kill('SIGTERM');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
