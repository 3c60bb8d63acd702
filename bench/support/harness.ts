import { randomBytes } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { migrate } from '../../libs/database/src/migrate';

/** Shared by every benchmark: scratch databases, child processes and autocannon runs. */

export const ROOT = join(__dirname, '..', '..');
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function dbUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function freshDatabase(name: string): Promise<string> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const url = dbUrl(name);
  await migrate(url);
  return url;
}

export async function dropDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.end();
}

/**
 * Runs a TypeScript entry point in its own process (so the load generator does not share its event
 * loop). `BENCH_NODE_ARGS` adds node flags to it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile.
 */
export async function startProcess(entry: string, env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  // Another bench (or a leftover process) on this port would answer the readiness probe and the
  // bench would then measure someone else's server and database: refuse instead.
  if (await answers(readyUrl)) throw new Error(`${readyUrl} already answers before ${entry} started: is another bench running?`);
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), '-r', '@swc-node/register', join(ROOT, entry)],
    {
      cwd: ROOT,
      // Production refuses to start without a documents key; a bench that does not name one gets a
      // fresh one (documents stored by one run are never read by another).
      env: { DOCUMENTS_KEK: `bench:${randomBytes(32).toString('base64')}`, ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    if (await answers(readyUrl)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${entry} did not become ready at ${readyUrl}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false; // not listening (yet)
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export interface LoadResult {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function load(name: string, options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, duration: Number(process.env.BENCH_SECONDS ?? 10), ...options });
  return {
    name,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function printTable(rows: LoadResult[], baseline: LoadResult): void {
  console.log(
    `\n${'route'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs bare'.padStart(8)} ${'non2xx'.padStart(7)} ${'errors'.padStart(6)}`,
  );
  for (const r of rows) {
    const ratio = `${((r.reqPerSec / baseline.reqPerSec) * 100).toFixed(0)}%`;
    console.log(
      `${r.name.padEnd(44)} ${String(r.reqPerSec).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${ratio.padStart(8)} ${String(r.non2xx).padStart(7)} ${String(r.errors).padStart(6)}`,
    );
  }
}
