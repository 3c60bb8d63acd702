/**
 * npm run bench:awards — award throughput against pgbench running the same transaction shape.
 *
 * Two scenarios, 32 concurrent callers each, BENCH_SECONDS (10) per run:
 *   hot     one challenge with many slots: every award waits for the challenge row lock, so the
 *           lock's hold time sets the rate (the serialised case);
 *   spread  1,000 challenges (12 slots each), awards landing on random challenges.
 * Each is driven three ways in the same run, on the same machine:
 *   service  AwardsService.award in-process (pool of 10, like the api): the whole award — lock,
 *            checks, funding policy, project + milestones + counters + bid in one statement, the
 *            audit entry, the publicity job scheduled after commit;
 *   http     the same through the real api process (POST /challenges/:id/awards, JWT, validation,
 *            idempotency interceptor path, logging on), 32 sockets;
 *   pgbench  BEGIN; SELECT … FOR UPDATE; INSERT project; UPDATE counters; END — the bare
 *            lock-insert-update transaction on tables with the same CHECKs (-c 32 -j 2 -M prepared).
 * Afterwards the database is checked: 0 cap violations (budget, slots, per-project caps, counters =
 * sums of rows, tranches = grants) is required. Goal: service ≥ 50% of pgbench's tx/s.
 * Each row also shows the CPU per award (ms, from /proc) of the process that awards (this one for
 * service, the api for http) and of the database's backends, and the load average at its start:
 * on a shared 2-core machine the ratios move with others' load, the CPU per award much less.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { AwardsModule } from '../libs/awards/src/awards.module';
import { ChallengeQuestion } from '../libs/challenges/src/question.entity';
import { Challenge } from '../libs/challenges/src/challenge.entity';
import { Organization } from '../libs/identity/src/organizations/organization.entity';
import { User } from '../libs/identity/src/users/user.entity';
import { AwardsService } from '../libs/awards/src/awards.service';
import { SeededChallenge, checkInvariants, seedClosedChallenges } from '../libs/awards/src/testing/seed';
import { AuthUser, Role } from '../libs/common/src/auth';
import { percentOf, reportGoal } from './support/summary';
import { ClockModule } from '../libs/common/src/clock';
import { ConfigModule } from '../libs/common/src/config';
import { RedisModule } from '../libs/common/src/redis';
import { DatabaseModule } from '../libs/database/src';
import { JobsModule } from '../libs/jobs/src';
import { dbUrl, dropDatabase, freshDatabase, startProcess, stopProcess } from './support/harness';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SPREAD = 1000;
const SPREAD_SLOTS = 12;
const HOT_BIDS = Number(process.env.BENCH_HOT_BIDS ?? 10_000);
const AMOUNT = 100_000_000;
const JWT_SECRET = 'bench-awards-jwt-secret-0123456789abcdef-01';
const DB = 'jiebang_bench_awards';
const REDIS_PREFIX = 'bench-awards';

interface Attempt {
  challengeId: string;
  bidId: string;
}
interface RunResult {
  perSec: number;
  p50: number;
  p99: number;
  ok: number;
  failed: Record<string, number>;
  /** CPU per award (ms) of the process that awards (this one, or the api) and of the database's backends. */
  nodeCpuMs: number;
  pgCpuMs: number;
  /** The 1-minute load average when the run started: others' work on the machine shows here. */
  load: number;
}

/**
 * CPU time (ms) of a process from /proc (Linux, same host), NaN elsewhere. A --cpu-prof profile
 * samples the wall clock, so the time this process spends descheduled after waking Postgres shows
 * as `writev`; these counters say what each side really spent.
 */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 100 Hz ticks
  } catch {
    return Number.NaN;
  }
}

/** The database's backends' CPU (ms) by pid; a backend that started since `before` counts from zero. */
async function backendsCpu(pool: Pool, db: string): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db]);
  return new Map(rows.map((r) => [r.pid, cpuMsOf(r.pid)]));
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const attemptsOf = (seeded: SeededChallenge[]) =>
  shuffle(seeded.flatMap((s) => s.bids.map((b) => ({ challengeId: s.challengeId, bidId: b.bidId }))));

/** CONCURRENCY callers take the next attempt until the time is up or the attempts run out. */
async function drive(
  attempts: Attempt[],
  one: (a: Attempt) => Promise<string>,
  cpu: { pool: Pool; awarderPid: number },
): Promise<RunResult> {
  const load = loadavg()[0];
  const pgBefore = await backendsCpu(cpu.pool, DB);
  const nodeBefore = cpuMsOf(cpu.awarderPid);
  const latencies: number[] = [];
  const failed: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline && next < attempts.length) {
        const a = attempts[next++];
        const t0 = performance.now();
        const outcome = await one(a);
        latencies.push(performance.now() - t0);
        if (outcome === 'ok') ok++;
        else failed[outcome] = (failed[outcome] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const nodeCpuMs = (cpuMsOf(cpu.awarderPid) - nodeBefore) / ok;
  let pgCpu = 0;
  for (const [pid, ms] of await backendsCpu(cpu.pool, DB)) pgCpu += ms - (pgBefore.get(pid) ?? 0);
  latencies.sort((x, y) => x - y);
  if (next >= attempts.length) console.warn(`  (ran out of bids after ${seconds.toFixed(1)} s; seed more)`);
  return {
    perSec: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok,
    failed,
    nodeCpuMs,
    pgCpuMs: pgCpu / ok,
    load,
  };
}

// The entities the awards' relations point at (the api registers them through their own modules).
@Module({
  imports: [
    ConfigModule,
    ClockModule,
    DatabaseModule,
    RedisModule,
    JobsModule,
    TypeOrmModule.forFeature([Challenge, ChallengeQuestion, Organization, User]),
    AwardsModule,
  ],
})
class BenchModule {}

function post(agent: Agent, port: number, path: string, token: string, body: object): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode as number));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function pgbench(url: string, script: string): Promise<number> {
  const file = join(tmpdir(), `awards-bench-${process.pid}-${randomUUID()}.sql`);
  writeFileSync(file, script);
  const u = new URL(url);
  const { stdout } = await promisify(execFile)(
    'pgbench',
    [
      '-n',
      '-h',
      u.hostname,
      '-p',
      u.port || '5432',
      '-U',
      decodeURIComponent(u.username || 'postgres'),
      '-c',
      String(CONCURRENCY),
      '-j',
      '2',
      '-M',
      'prepared',
      '-T',
      String(SECONDS),
      '-f',
      file,
      u.pathname.slice(1),
    ],
    { maxBuffer: 10 * 1024 * 1024 },
  );
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
  if (!m) throw new Error(`pgbench printed no tps:\n${stdout}`);
  for (const line of stdout.split('\n'))
    if (/processed|failed|latency average|^tps/.test(line)) console.log(`  pgbench: ${line.trim()}`);
  return Number(m[1]);
}

const pgbenchScript = (challenge: string) => `${challenge}
BEGIN;
SELECT awarded_fen, awarded_count FROM pgb_challenges WHERE id = :c FOR UPDATE;
INSERT INTO pgb_projects (challenge_id, granted_fen, cap_fen) VALUES (:c, ${AMOUNT}, 1000000000);
UPDATE pgb_challenges SET awarded_fen = awarded_fen + ${AMOUNT}, awarded_count = awarded_count + 1 WHERE id = :c;
END;
`;

async function main(): Promise<void> {
  const url = await freshDatabase(DB);
  const pool = new Pool({ connectionString: url, max: 4 });
  const agencyId = randomUUID();
  // An officer of an agency organisation: challenges belong to the organisation, not the person.
  const {
    rows: [agencyOrg],
  } = await pool.query<{ id: string }>(`INSERT INTO organizations (name, kind) VALUES ('bench agency', 'agency') RETURNING id`);
  await pool.query(
    `INSERT INTO users (id, email, password_hash, display_name, role, organization_id)
     VALUES ($1, 'agency@bench.local', 'not-used', 'agency', 'agency', $2)`,
    [agencyId, agencyOrg.id],
  );
  const user: AuthUser = {
    id: agencyId,
    email: 'agency@bench.local',
    displayName: 'agency',
    role: Role.Agency,
    organizationId: agencyOrg.id,
  };
  const token = new JwtService({ secret: JWT_SECRET, signOptions: { expiresIn: 3600, algorithm: 'HS256' } }).sign({
    sub: agencyId,
    role: 'agency',
    org: agencyOrg.id,
  });

  console.log(`seeding: 2 hot challenges × ${HOT_BIDS} bids, 2 × ${SPREAD} challenges × ${SPREAD_SLOTS} bids …`);
  const hotSeed = {
    agencyId,
    challenges: 1,
    bidsPerChallenge: HOT_BIDS,
    parallelSlots: 1_000_000,
    budgetFen: 9_000_000_000_000_000,
  };
  const spreadSeed = {
    agencyId,
    challenges: SPREAD,
    bidsPerChallenge: SPREAD_SLOTS,
    parallelSlots: SPREAD_SLOTS,
    budgetFen: SPREAD_SLOTS * AMOUNT,
  };
  const hot = {
    service: attemptsOf(await seedClosedChallenges(pool, hotSeed)),
    http: attemptsOf(await seedClosedChallenges(pool, hotSeed)),
  };
  const spread = {
    service: attemptsOf(await seedClosedChallenges(pool, spreadSeed)),
    http: attemptsOf(await seedClosedChallenges(pool, spreadSeed)),
  };
  await pool.query(`
    CREATE TABLE pgb_challenges (id int PRIMARY KEY, budget_fen bigint NOT NULL, parallel_slots int NOT NULL,
      awarded_fen bigint NOT NULL DEFAULT 0, awarded_count int NOT NULL DEFAULT 0,
      CHECK (awarded_fen >= 0 AND awarded_fen <= budget_fen), CHECK (awarded_count >= 0 AND awarded_count <= parallel_slots));
    CREATE TABLE pgb_projects (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), challenge_id int NOT NULL REFERENCES pgb_challenges(id),
      granted_fen bigint NOT NULL, cap_fen bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), CHECK (granted_fen > 0 AND granted_fen <= cap_fen));
    INSERT INTO pgb_challenges (id, budget_fen, parallel_slots) SELECT g, 9000000000000000, 100000000 FROM generate_series(0, ${SPREAD}) g;`);
  await pool.query('VACUUM ANALYZE');

  // ---- in-process service
  process.env.DATABASE_URL = url;
  process.env.REDIS_PREFIX = REDIS_PREFIX;
  process.env.JWT_SECRET = JWT_SECRET;
  process.env.PUBLICITY_PERIOD = 'P5D';
  const ctx = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'], abortOnError: false });
  const awards = ctx.get(AwardsService);
  const viaService = (a: Attempt) =>
    awards.award(a.challengeId, { bidId: a.bidId, amountFen: AMOUNT }, user).then(
      () => 'ok',
      (err: { code?: string; message?: string }) => err.code ?? err.message ?? 'error',
    );
  await viaService(hot.service.pop() as Attempt); // warm-up
  const results: Record<string, RunResult | number> = {};
  console.log('hot / service …');
  results.hotService = await drive(hot.service, viaService, { pool, awarderPid: process.pid });
  console.log('spread / service …');
  results.spreadService = await drive(spread.service, viaService, { pool, awarderPid: process.pid });
  await ctx.close();

  // ---- pgbench, same shape
  console.log('hot / pgbench …');
  results.hotPgbench = await pgbench(url, pgbenchScript('\\set c 0'));
  console.log('spread / pgbench …');
  results.spreadPgbench = await pgbench(url, pgbenchScript(`\\set c random(1, ${SPREAD})`));

  // ---- through the api process
  if (process.env.BENCH_HTTP !== 'false') {
    const port = 3921;
    const api = await startProcess(
      'apps/api/src/main.ts',
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        REDIS_PREFIX,
        LOG_LEVEL: 'info',
        JWT_SECRET,
        ADMIN_EMAIL: 'bench-admin@jiebang.local',
        ADMIN_PASSWORD: 'bench-admin-password',
        PUBLICITY_PERIOD: 'P5D',
      },
      `http://127.0.0.1:${port}/api/v1/health/ready`,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const viaHttp = (a: Attempt) =>
      post(agent, port, `/api/v1/challenges/${a.challengeId}/awards`, token, { bidId: a.bidId, amountFen: AMOUNT }).then((s) =>
        s === 201 ? 'ok' : `http ${s}`,
      );
    try {
      await viaHttp(hot.http.pop() as Attempt);
      console.log('hot / http …');
      results.hotHttp = await drive(hot.http, viaHttp, { pool, awarderPid: api.pid as number });
      console.log('spread / http …');
      results.spreadHttp = await drive(spread.http, viaHttp, { pool, awarderPid: api.pid as number });
    } finally {
      agent.destroy();
      await stopProcess(api);
    }
  }

  const report = await checkInvariants(pool);
  const pgb =
    await pool.query(`SELECT count(*)::int AS n FROM pgb_challenges c WHERE awarded_fen > budget_fen OR awarded_count > parallel_slots
                                   OR awarded_fen <> (SELECT coalesce(sum(granted_fen), 0) FROM pgb_projects p WHERE p.challenge_id = c.id)`);
  const violations =
    report.overBudget.length +
    report.overSlots.length +
    report.countersOff.length +
    report.projectsOverCap.length +
    report.tranchesOff.length +
    pgb.rows[0].n;
  await pool.end();

  const row = (name: string, r: RunResult | undefined, base: number) => {
    if (!r) return;
    const fails =
      Object.entries(r.failed)
        .map(([k, v]) => `${k}×${v}`)
        .join(' ') || '-';
    console.log(
      `${name.padEnd(26)} ${r.perSec.toFixed(0).padStart(8)} ${base.toFixed(0).padStart(9)} ${`${((r.perSec / base) * 100).toFixed(0)}%`.padStart(6)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${String(r.ok).padStart(7)} ${r.nodeCpuMs.toFixed(2).padStart(8)} ${r.pgCpuMs.toFixed(2).padStart(6)} ${r.load.toFixed(1).padStart(5)}  ${fails}`,
    );
  };
  console.log(`\n-c ${CONCURRENCY}, ${SECONDS} s per run, api pool ${process.env.DATABASE_POOL_SIZE ?? 10}`);
  console.log(
    `${'scenario'.padEnd(26)} ${'tx/s'.padStart(8)} ${'pgbench'.padStart(9)} ${'ratio'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'awards'.padStart(7)} ${'node cpu'.padStart(8)} ${'pg cpu'.padStart(6)} ${'load'.padStart(5)}  failures`,
  );
  row('hot challenge / service', results.hotService as RunResult, results.hotPgbench as number);
  row('hot challenge / http', results.hotHttp as RunResult | undefined, results.hotPgbench as number);
  row(`${SPREAD} challenges / service`, results.spreadService as RunResult, results.spreadPgbench as number);
  row(`${SPREAD} challenges / http`, results.spreadHttp as RunResult | undefined, results.spreadPgbench as number);
  console.log(
    `\ncap violations: ${violations} (${report.challenges} challenges, ${report.projects} projects checked; pgbench tables included)`,
  );
  reportAwardGoals(results, violations);
  if (process.env.BENCH_KEEP_DB !== 'true') await dropDatabase(DB);
  void dbUrl;
  if (violations > 0) process.exit(1);
}

/** Issue 20's goals: each scenario's tx/s as a share of pgbench's same transaction, 0 cap violations. */
function reportAwardGoals(results: Record<string, RunResult | number | undefined>, violations: number): void {
  const goals = [
    { run: 'hotService', base: 'hotPgbench', share: 0.5, measure: 'hot challenge, service vs pgbench' },
    { run: 'hotHttp', base: 'hotPgbench', share: 0.3, measure: 'hot challenge, HTTP vs pgbench' },
    { run: 'spreadService', base: 'spreadPgbench', share: 0.25, measure: `${SPREAD} challenges, service vs pgbench` },
    { run: 'spreadHttp', base: 'spreadPgbench', share: 0.15, measure: `${SPREAD} challenges, HTTP vs pgbench` },
  ];
  for (const { run, base, share, measure } of goals) {
    const r = results[run] as RunResult | undefined;
    const pgbench = results[base] as number;
    if (!r) continue;
    reportGoal({
      bench: 'awards',
      measure,
      now: `${r.perSec.toFixed(0)} tx/s = ${percentOf(r.perSec, pgbench)} of ${pgbench.toFixed(0)}, cap violations ${violations}`,
      goal: `≥ ${share * 100}% of pgbench, 0 violations`,
      met: r.perSec >= share * pgbench && violations === 0,
    });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
