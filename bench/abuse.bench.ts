/**
 * npm run bench:abuse — does an anonymous registration flood hurt signed-in users? Signed-in
 * `GET /api/v1/me` latency (5 closed-loop clients, ~10 s) is measured quiet — the baseline, same
 * run, same machine — and again while 30 anonymous clients flood `POST /api/v1/organizations` with
 * valid registrations (unique valid credit codes, strong random passwords: each one costs an
 * argon2 hash unless something refuses it first). Goal: flood p95 ≤ 3 × quiet p95. Registrations
 * answered 429 are the rate limit doing its job; 503 is shedding load.
 *
 * Everything goes to 127.0.0.1; the run is bounded (BENCH_SECONDS per phase, a cap on the flood's
 * requests) and stops by itself. The flood runs in a process of its own
 * (support/registration-flood.ts). Logging stays on (LOG_LEVEL=info, to /dev/null) as in production.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Redis from 'ioredis';
import { dropDatabase, freshDatabase, ROOT, startProcess, stopProcess } from './support/harness';
import { percentile, send, tally } from './support/http-client';
import type { FloodResult } from './support/registration-flood';
import { nthCreditCode } from './support/registration-flood';
import { reportGoal } from './support/summary';

const API_PORT = 3941;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 5;
const ME_CLIENTS = Number(process.env.BENCH_ME_CLIENTS ?? 5);
const FLOOD_CLIENTS = Number(process.env.BENCH_FLOOD_CLIENTS ?? 30);
/** The flood starts this long before the flood phase is measured, so the phase sees it at full strength. */
const FLOOD_RAMP_SECONDS = 1;
const FLOOD_MAX_REQUESTS = Number(process.env.BENCH_FLOOD_MAX_REQUESTS ?? 200_000);
const GOAL_RATIO = 3;
/** Redis keys of this run (rate-limit counters, queues): emptied before and after, so every run starts with a fresh limit. */
const REDIS_PREFIX = 'bench-abuse';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function deleteKeys(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

interface Probe {
  latencies: number[];
  /** [seconds since the phase started, latency] of every answer, in order. */
  timeline: [number, number][];
  byStatus: Map<number, number>;
  seconds: number;
}

/** ME_CLIENTS closed-loop clients GET /me with the token for `seconds`; every answer's latency is kept. */
async function probe(url: string, token: string, seconds: number): Promise<Probe> {
  const agent = new Agent({ keepAlive: true, maxSockets: ME_CLIENTS });
  const latencies: number[] = [];
  const timeline: [number, number][] = [];
  const byStatus = new Map<number, number>();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      const answer = await send(agent, 'GET', url, { authorization: `Bearer ${token}` });
      const t1 = performance.now();
      latencies.push(t1 - t0);
      timeline.push([(t1 - start) / 1000, t1 - t0]);
      tally(byStatus, answer.status);
    }
  };
  await Promise.all(Array.from({ length: ME_CLIENTS }, client));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { latencies, timeline, byStatus, seconds: (performance.now() - start) / 1000 };
}

/** p95 of each `slice`-second part of a phase: shows whether the cost is at the start (hashing) or throughout. */
function p95BySlice(p: Probe, slice: number): string {
  const slices: number[][] = [];
  for (const [at, latency] of p.timeline) (slices[Math.floor(at / slice)] ??= []).push(latency);
  return slices
    .map((values) =>
      ms(
        percentile(
          values.sort((a, b) => a - b),
          95,
        ),
      ),
    )
    .join(' ');
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const statuses = (m: Map<number, number> | Record<string, number>) =>
  Object.entries(m instanceof Map ? Object.fromEntries(m) : m)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');

async function main(): Promise<void> {
  const dbName = 'jiebang_bench_abuse';
  const databaseUrl = await freshDatabase(dbName);
  await deleteKeys();
  const admin = { email: 'bench-admin@jiebang.local', password: 'bench-admin-password' };
  const api = await startProcess(
    'apps/api/src/main.ts',
    {
      PORT: String(API_PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: REDIS_PREFIX,
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    },
    `http://127.0.0.1:${API_PORT}/api/v1/health/ready`,
  );
  let flood: ReturnType<typeof fork> | undefined;
  try {
    const base = `http://127.0.0.1:${API_PORT}/api/v1`;
    // The signed-in user: a team that registered before the flood.
    const agent = new Agent({ keepAlive: true });
    const password = randomBytes(18).toString('base64url');
    const team = JSON.stringify({
      name: '深圳基准测量有限公司',
      kind: 'enterprise',
      creditCode: nthCreditCode(1),
      admin: { email: 'team@bench.test', password, displayName: '基准' },
    });
    const registered = await send(agent, 'POST', `${base}/organizations`, {}, team);
    if (registered.status !== 201) throw new Error(`registering the team: ${registered.status} ${registered.text}`);
    const login = await send(agent, 'POST', `${base}/auth/login`, {}, JSON.stringify({ email: 'team@bench.test', password }));
    if (login.status !== 200) throw new Error(`signing in: ${login.status} ${login.text}`);
    const { accessToken } = JSON.parse(login.text) as { accessToken: string };
    agent.destroy();
    const me = `${base}/me`;

    await probe(me, accessToken, WARMUP_SECONDS);
    const quiet = await probe(me, accessToken, SECONDS);

    flood = fork(join(ROOT, 'bench/support/registration-flood.ts'), [], {
      cwd: ROOT,
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        FLOOD_URL: `${base}/organizations`,
        FLOOD_CLIENTS: String(FLOOD_CLIENTS),
        // Outlasts the measured phase; stopped as soon as it is over.
        FLOOD_SECONDS: String(FLOOD_RAMP_SECONDS + SECONDS + 5),
        FLOOD_MAX_REQUESTS: String(FLOOD_MAX_REQUESTS),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = flood;
    const result = new Promise<FloodResult>((resolve, reject) => {
      child.on('message', (m) => {
        if (typeof m === 'object' && m && 'result' in m) resolve((m as { result: FloodResult }).result);
      });
      child.on('exit', (code) => reject(new Error(`the flood exited with ${code} before reporting`)));
    });
    result.catch(() => undefined); // awaited below; an early exit must not crash us before the finally
    const [started] = await once(child, 'message');
    if (started !== 'started') throw new Error(`unexpected message from the flood: ${JSON.stringify(started)}`);
    await new Promise((r) => setTimeout(r, FLOOD_RAMP_SECONDS * 1000));
    const flooded = await probe(me, accessToken, SECONDS);
    child.send('stop');
    const floodResult = await Promise.race([
      result,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the flood did not stop within 60 s')), 60_000).unref(),
      ),
    ]);

    const q = {
      p50: percentile(quiet.latencies, 50),
      p95: percentile(quiet.latencies, 95),
      p99: percentile(quiet.latencies, 99),
    };
    const f = {
      p50: percentile(flooded.latencies, 50),
      p95: percentile(flooded.latencies, 95),
      p99: percentile(flooded.latencies, 99),
    };
    const ratio = f.p95 / q.p95;
    const s = floodResult.byStatus;

    console.log(`\nGET /api/v1/me, signed in, ${ME_CLIENTS} clients, ${SECONDS} s per phase`);
    console.log(
      `${'phase'.padEnd(40)} ${'requests'.padStart(9)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)}  answers`,
    );
    for (const [name, p, r] of [
      ['quiet (baseline)', quiet, q],
      [`during the flood (${FLOOD_CLIENTS} anonymous clients)`, flooded, f],
    ] as const) {
      console.log(
        `${name.padEnd(40)} ${String(p.latencies.length).padStart(9)} ${String(Math.round(p.latencies.length / p.seconds)).padStart(7)} ${ms(r.p50).padStart(7)} ${ms(r.p95).padStart(7)} ${ms(r.p99).padStart(7)}  ${statuses(p.byStatus)}`,
      );
    }
    console.log(`p95 per 2 s: quiet ${p95BySlice(quiet, 2)} | flood ${p95BySlice(flooded, 2)}`);
    console.log(
      `\nPOST /api/v1/organizations flood: ${floodResult.sent} sent in ${floodResult.seconds.toFixed(1)} s ` +
        `(${Math.round(floodResult.sent / floodResult.seconds)}/s) — 201: ${s['201'] ?? 0}, 429: ${s['429'] ?? 0}, 503: ${s['503'] ?? 0}` +
        `; all answers: ${statuses(s)}`,
    );
    if (Object.keys(floodResult.byCode).length) console.log(`  not created, by code: ${statuses(floodResult.byCode)}`);
    if (s['201'])
      console.log(
        `  a registration that was created took p50 ${ms(floodResult.createdP50)} ms, p95 ${ms(floodResult.createdP95)} ms`,
      );
    const met = ratio <= GOAL_RATIO;
    console.log(
      `\nflood p95 / quiet p95 = ${ms(f.p95)} / ${ms(q.p95)} = ${ratio.toFixed(2)}× (goal ≤ ${GOAL_RATIO}×): ${met ? 'MET' : 'NOT MET'}`,
    );
    reportGoal({
      bench: 'abuse',
      measure: 'signed-in p95 during a registration flood vs quiet',
      now: `${ratio.toFixed(2)}× (${ms(f.p95)} / ${ms(q.p95)} ms)`,
      goal: `≤ ${GOAL_RATIO}×`,
      met,
    });
  } finally {
    if (flood && flood.exitCode === null) flood.kill('SIGKILL');
    await stopProcess(api);
    await dropDatabase(dbName);
    await deleteKeys();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
