/**
 * bench:jobs — 100,000 milestones due in the same minute.
 *
 * Seeds 1,000 active projects × 100 milestones whose due times are spread over one minute, starts
 * the real worker (apps/worker/src/main.ts, one process, then two), and measures for each
 * milestone the lag from its due time to the moment it was marked overdue with its notice recorded
 * (notifications.created_at is clock_timestamp() of the statement that marked it): p50, p99, max,
 * and the drain (last notice − last due time). Duplicates are counted in SQL. In the same run it
 * measures raw BullMQ no-op throughput (concurrency 10) as the machine's baseline.
 *
 * Env: BENCH_MILESTONES (100000), BENCH_LEAD_MS (time between seeding and the first due time, 20000).
 * Redis `hz 100` (docker-compose) shortens BullMQ's delayed-job timer granularity; see README.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { adoptVersionForSeed, currentPolicyRuleSql } from '@app/funding-rules/testing/current-rule';
import { ROOT, dropDatabase, freshDatabase } from './support/harness';

const N = Number(process.env.BENCH_MILESTONES ?? 100_000);
const PER_PROJECT = 100;
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 20_000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DB_NAME = 'jiebang_bench_jobs';

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}

async function seed(db: Client): Promise<void> {
  const agencyId = randomUUID();
  await db.query(
    `WITH a AS (INSERT INTO organizations (name, kind) VALUES ('bench agency', 'agency') RETURNING id)
     INSERT INTO users (id, email, password_hash, display_name, role, organization_id)
     SELECT $1, $2, 'x', 'bench agency', 'agency', a.id FROM a`,
    [agencyId, `agency.${agencyId}@bench.test`],
  );
  const pmId = randomUUID();
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name, role) VALUES ($1, $2, 'x', 'bench pm', 'program_manager')`,
    [pmId, `pm.${pmId}@bench.test`],
  );
  const projects = Math.ceil(N / PER_PROJECT);
  await adoptVersionForSeed(db);
  await db.query(
    `WITH o AS (
       INSERT INTO organizations (id, name, kind, credit_code)
       SELECT gen_random_uuid(), 'bench org ' || g, 'enterprise', lpad(g::text, 18, '0') FROM generate_series(1, $1) g RETURNING id
     ), c AS (
       INSERT INTO challenges (title, summary, industry, field, mechanism, track, budget_fen, parallel_slots, stages, objectives,
                               eligibility, bid_deadline, project_ends_at, status, agency_id, agency_organization_id, published_at, closed_at,
                               awarded_fen, awarded_count)
       SELECT 'bench ' || o.id, 'bench', 'quantum_information', 'key_components', 'open_call', 'core_tech', 100000000, 1, '[]'::jsonb,
              '[{"metric":"m","target":1,"unit":"u"}]'::jsonb, '{"orgKinds":["enterprise"],"consortiumAllowed":false,"maxMembers":1}'::jsonb,
              now() - interval '1 hour', now() + interval '400 days', 'awarded', $2,
              (SELECT organization_id FROM users WHERE id = $2), now() - interval '2 hours', now() - interval '1 hour', 100000000, 1
         FROM o RETURNING id, summary, title
     ), b AS (
       INSERT INTO bids (challenge_id, organization_id, submitted_by, status, total_investment_fen, requested_funding_fen, proposal, receipt_hash, submitted_at)
       SELECT c.id, substring(c.title from 7)::uuid, $2, 'awarded', 200000000, 100000000, '{"text":"b","approach":null}'::jsonb, repeat('0', 64), now()
         FROM c RETURNING id, challenge_id, organization_id
     )
     INSERT INTO projects (challenge_id, bid_id, organization_id, title, granted_fen, requested_fen, total_investment_fen, rule_id,
                           policy_version_id, rule_rate_bp, rule_cap_fen, rule_rate_key, rule_cap_key, cap_fen, status, program_manager_id,
                           publicity_ends_at, activated_at, awarded_by)
     SELECT b.challenge_id, b.id, b.organization_id, 'bench project', 100000000, 100000000, 200000000, 'art4.core_tech',
            r.version_id, r.rate_bp, r.cap_fen, r.rate_key, r.cap_key, 100000000, 'active', $3, now(), now(), $2
       FROM b, (${currentPolicyRuleSql(`'art4.core_tech'`)}) r`,
    [projects, agencyId, pmId],
  );
  await db.query(
    `INSERT INTO project_milestones (project_id, seq, title, due_at, deliverable, tranche_fen)
     SELECT p.id, k, 'm' || k, now() + interval '1 day', 'd', 1000000 FROM projects p, generate_series(0, $1 - 1) k`,
    [PER_PROJECT],
  );
  await db.query(`ANALYZE`);
}

/** Re-arms every milestone: due times spread evenly over one minute starting LEAD_MS from now. */
async function arm(db: Client): Promise<{ firstDue: Date; lastDue: Date }> {
  await db.query(`DELETE FROM notifications`);
  await db.query(`DELETE FROM milestone_grace_periods`);
  const r = await db.query(
    `WITH x AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM project_milestones)
     UPDATE project_milestones m SET status = 'scheduled', due_at = now() + ($1 + x.i * 60000.0 / $2) * interval '1 millisecond'
       FROM x WHERE x.i IS NOT NULL AND m.id = x.id RETURNING m.due_at`,
    [LEAD_MS, N],
  );
  const dues = r.rows.map((x) => (x.due_at as Date).getTime());
  await db.query(`VACUUM ANALYZE project_milestones`);
  return { firstDue: new Date(Math.min(...dues)), lastDue: new Date(Math.max(...dues)) };
}

function startWorker(databaseUrl: string, prefix: string): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/worker/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // Production refuses to start without a documents key (the orphan sweep runs in the worker).
      DOCUMENTS_KEK: `bench:${randomBytes(32).toString('base64')}`,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      RECONCILE_EVERY: 'PT1M', // the production default
      WORKER_CONCURRENCY: '10',
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      ADMIN_EMAIL: 'admin@bench.test',
      ADMIN_PASSWORD: 'bench-admin-password',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function runOnce(db: Client, databaseUrl: string, workers: number) {
  const prefix = `bench-jobs-${workers}-${Date.now()}`;
  const { firstDue, lastDue } = await arm(db);
  const children = Array.from({ length: workers }, () => startWorker(databaseUrl, prefix));
  const deadline = lastDue.getTime() + 180_000;
  let done = 0;
  while (Date.now() < deadline) {
    const r = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'milestone.overdue'`);
    done = r.rows[0].n;
    if (done >= N) break;
    await new Promise((res) => setTimeout(res, 500));
  }
  await Promise.all(children.map(stop));
  await deleteKeys(prefix);
  const stats = await db.query(
    `SELECT count(*)::int AS notices,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) AS p99, max(lag) AS max,
            max(created_at) AS last_notice
       FROM (SELECT n.created_at, extract(epoch FROM n.created_at - m.due_at) * 1000 AS lag
               FROM notifications n JOIN project_milestones m ON m.id = n.subject_id WHERE n.kind = 'milestone.overdue') x`,
  );
  const dup = await db.query(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM notifications GROUP BY kind, subject_id, offset_key HAVING count(*) > 1) d)::int AS dups,
            (SELECT count(*) FROM project_milestones WHERE status = 'overdue')::int AS overdue`,
  );
  const s = stats.rows[0];
  return {
    workers,
    milestones: N,
    overdue: dup.rows[0].overdue,
    notices: s.notices,
    duplicates: dup.rows[0].dups,
    lagP50Ms: Math.round(Number(s.p50)),
    lagP99Ms: Math.round(Number(s.p99)),
    lagMaxMs: Math.round(Number(s.max)),
    drainAfterLastDueMs: s.last_notice ? new Date(s.last_notice).getTime() - lastDue.getTime() : null,
    dueWindowMs: lastDue.getTime() - firstDue.getTime(),
  };
}

async function bullNoop(jobs = 20_000, concurrency = 10) {
  const prefix = `bench-noop-${Date.now()}`;
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null } as any;
  const queue = new Queue('noop', { connection, prefix });
  for (let i = 0; i < jobs; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { removeOnComplete: true },
      })),
    );
  let completed = 0;
  const started = Date.now();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('noop', async (_job: Job) => undefined, { connection, prefix, concurrency });
    worker.on('completed', () => {
      if (++completed === jobs) void worker.close().then(() => resolve());
    });
  });
  await finished;
  const ms = Date.now() - started;
  await queue.close();
  await deleteKeys(prefix);
  return { jobs, concurrency, ms, jobsPerSecond: Math.round((jobs / ms) * 1000) };
}

async function main(): Promise<void> {
  const databaseUrl = await freshDatabase(DB_NAME);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const t0 = Date.now();
    await seed(db);
    console.log(`seeded ${N} milestones in ${Date.now() - t0} ms`);
    const noop = await bullNoop();
    console.log('raw BullMQ no-op', noop);
    const one = await runOnce(db, databaseUrl, 1);
    console.log('one worker', one);
    const two = await runOnce(db, databaseUrl, 2);
    console.log('two workers', two);
    console.table([one, two]);
    console.log(JSON.stringify({ noop, one, two }));
  } finally {
    await db.end();
    await dropDatabase(DB_NAME);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
