/**
 * npm run bench:open-data — stream 100,000 OCDS releases as JSON Lines.
 *
 * Seeds a scratch database (all migrations; 25,000 published challenges, each with four public
 * ledger entries — published, deadline extended, question answered, closed — so the trigger fills
 * `open_data_events` with 100,000 events), starts the api in its own process (logging on, as in
 * production), and downloads `GET /api/v1/open-data/ocds/releases.jsonl` while sampling the api
 * process's resident memory (/proc/<pid>/status, every 20 ms).
 *
 * Baselines in the same run, over the same rows:
 *   - `COPY (the feed's join) TO STDOUT` through psql (when psql is installed): Postgres alone;
 *   - a plain node-pg keyset loop over the same join, batches of 1,000: the database reads the
 *     feed does, without building or sending anything.
 * Goals: ≥ 20,000 releases/s and the api's RSS growth < 100 MB. BENCH_ROWS sets the number of
 * releases (rounded to a multiple of 4); BENCH_RUNS (default 3) how many times the export is
 * downloaded (the median rate and the worst RSS growth are judged); BENCH_KEEP_DB=true keeps the
 * scratch database and BENCH_REUSE_DB=true reuses it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { makeCreditCode } from '@app/identity/credit-code';
import { ocdsValidators } from '@app/open-data/testing/ocds-validator';
import { dbUrl, dropDatabase, freshDatabase, startProcess, stopProcess } from './support/harness';
import { reportGoal } from './support/summary';

const DB_NAME = 'jiebang_bench_open_data';
const RELEASES = Math.max(4, Math.round(Number(process.env.BENCH_ROWS ?? 100_000) / 4) * 4);
const CHALLENGES = RELEASES / 4;
const API_PORT = 3931;

const SEED = (agencyId: string) => `
WITH c AS (
  INSERT INTO challenges (title, summary, industry, secondary_industry, field, mechanism, track, budget_fen,
    parallel_slots, stages, objectives, eligibility, bid_deadline, project_ends_at, zone, status, agency_id, agency_organization_id, published_at, closed_at)
  SELECT
    (ARRAY['量子计算芯片','合成生物底盘细胞','脑机接口柔性电极','深海探测装备','可见光通信模组','区块链隐私计算','细胞治疗载体','低轨卫星载荷'])[1 + i % 8] || ' 第' || i || '号',
    '面向' || (ARRAY['高端制造','生命健康','信息安全','海洋经济'])[1 + i % 4] || '的关键技术攻关。 Challenge ' || md5(i::text),
    (ARRAY['quantum_information','synthetic_biology','brain_science','deep_earth_sea','optical_comm_computing','blockchain','cell_gene','aerospace'])[1 + i % 8],
    CASE WHEN i % 11 = 0 THEN 'aerospace' END,
    (ARRAY['foundational_software','key_components','major_equipment','test_instruments'])[1 + (i / 3) % 4],
    CASE WHEN i % 5 = 0 THEN 'horse_race' ELSE 'open_call' END,
    CASE WHEN i % 7 = 0 THEN 'pm_major' ELSE 'core_tech' END,
    (1 + i % 50) * 100000000::bigint + i,
    CASE WHEN i % 5 = 0 THEN 3 ELSE 1 END,
    '[]'::jsonb,
    jsonb_build_array(
      jsonb_build_object('metric', (ARRAY['量子比特数','滴度 titer','通道数','下潜深度'])[1 + i % 4], 'target', i % 1000, 'unit', 'unit'),
      jsonb_build_object('metric', '能效', 'target', 10, 'unit', 'TOPS/W')),
    '{"orgKinds":["enterprise","university"],"consortiumAllowed":true,"maxMembers":5}'::jsonb,
    now() - interval '1 day', now() + interval '3 years',
    (ARRAY['guangming_science_city','hetao_sz_hk','qianhai_sz_hk','xili_lake',NULL])[1 + i % 5],
    'closed', '${agencyId}'::uuid, (SELECT organization_id FROM users WHERE id = '${agencyId}'::uuid), now() - interval '30 days', now() - interval '1 day'
  FROM generate_series(1, ${CHALLENGES}) AS i
  RETURNING id, published_at, bid_deadline, closed_at
), kinds AS (
  SELECT * FROM (VALUES
    (1, 'challenge.published', 'challenge'),
    (2, 'challenge.deadline_extended', 'challenge'),
    (3, 'question.answered', 'question'),
    (4, 'challenge.closed', 'challenge')) AS k(seq, action, subject_type)
)
INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public, recorded_at, prev_hash, hash)
SELECT gen_random_uuid(), c.id::text, k.seq, c.id, NULL, k.action, k.subject_type,
  CASE WHEN k.seq = 3 THEN gen_random_uuid()::text ELSE c.id::text END,
  CASE k.seq WHEN 2 THEN jsonb_build_object('bidDeadline', to_char((c.bid_deadline - interval '7 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END,
  CASE k.seq
    WHEN 1 THEN jsonb_build_object('status', 'published', 'publishedAt', to_char(c.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                   'bidDeadline', to_char((c.bid_deadline - interval '7 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    WHEN 2 THEN jsonb_build_object('bidDeadline', to_char(c.bid_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'reason', '应申报方请求延期')
    WHEN 3 THEN jsonb_build_object('question', '是否接受联合体申报？', 'answer', '接受，联合体成员不超过 5 家，牵头单位须为企业。')
    ELSE jsonb_build_object('status', 'closed', 'bidDeadline', to_char(c.bid_deadline AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                            'closedAt', to_char(c.closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
  END,
  true, c.published_at + k.seq * interval '1 hour', repeat('0', 64), repeat('0', 64)
FROM c CROSS JOIN kinds k
ORDER BY c.id, k.seq`;

/** The feed's own join (see ReleasesService), for the baselines. */
const JOIN = `
  SELECT e.xid::text AS xid, e.seq::text AS seq, e.challenge_id, a.id AS entry_id, a.action, a.subject_type, a.subject_id,
    a.before, a.after, a.recorded_at, c.title, c.summary, c.industry, c.secondary_industry, c.field, c.mechanism, c.track,
    c.budget_fen::text AS budget_fen, c.max_award_fen::text AS max_award_fen, c.parallel_slots, c.stages, c.objectives,
    c.eligibility, c.project_ends_at, c.zone, c.published_at, c.agency_organization_id, o.name AS buyer_name, o.credit_code AS buyer_credit_code
  FROM open_data_events e
  JOIN audit_entries a ON a.id = e.audit_entry_id
  JOIN challenges c ON c.id = e.challenge_id
  JOIN organizations o ON o.id = c.agency_organization_id`;

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);

async function baselineKeyset(url: string): Promise<{ rows: number; ms: number }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const t0 = Date.now();
  let rows = 0;
  let after = ['0', '0'];
  try {
    for (;;) {
      const { rows: batch } = await db.query(
        `${JOIN} WHERE (e.xid, e.seq) > ($1::xid8, $2::bigint) ORDER BY e.xid, e.seq LIMIT 1000`,
        after,
      );
      rows += batch.length;
      if (batch.length < 1000) break;
      const last = batch[batch.length - 1];
      after = [last.xid, last.seq];
    }
  } finally {
    await db.end();
  }
  return { rows, ms: Date.now() - t0 };
}

async function baselineCopy(url: string): Promise<{ rows: number; ms: number } | null> {
  if (spawnSync('psql', ['--version']).status !== 0) return null;
  const t0 = Date.now();
  const child = spawn('psql', [url, '-X', '-q', '-c', `COPY (${JOIN} ORDER BY e.xid, e.seq) TO STDOUT`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let rows = 0;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
  }
  return { rows, ms: Date.now() - t0 };
}

async function seed(url: string): Promise<void> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const t0 = Date.now();
    const creditCode = makeCreditCode({ authority: '1', category: '1', areaCode: '440300', orgCodeBody8: 'MB2C9205' });
    const [org] = (
      await db.query(
        `INSERT INTO organizations (name, kind, credit_code) VALUES ('深圳市科技创新局', 'agency', $1) RETURNING id`,
        [creditCode],
      )
    ).rows;
    const [agency] = (
      await db.query(
        `INSERT INTO users (email, password_hash, display_name, role, organization_id) VALUES ('agency@bench.local', 'x', 'agency', 'agency', $1) RETURNING id`,
        [org.id],
      )
    ).rows;
    await db.query(SEED(agency.id));
    await db.query('VACUUM ANALYZE');
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM open_data_events')).rows;
    console.log(`seeded ${CHALLENGES} challenges, ${n} public events in ${Date.now() - t0} ms`);
  } finally {
    await db.end();
  }
}

/** The scratch database: reused as it is with BENCH_REUSE_DB=true when it holds the expected events. */
async function database(): Promise<string> {
  if (process.env.BENCH_REUSE_DB === 'true') {
    const url = dbUrl(DB_NAME);
    const db = new Client({ connectionString: url });
    try {
      await db.connect();
      const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM open_data_events')).rows;
      if (n === RELEASES) {
        console.log(`reusing ${DB_NAME} (${n} public events)`);
        return url;
      }
    } catch {
      // not there (or not migrated): build it
    } finally {
      await db.end().catch(() => undefined);
    }
  }
  const url = await freshDatabase(DB_NAME);
  await seed(url);
  return url;
}

interface Run {
  lines: number;
  bytes: number;
  ms: number;
  peak: number;
  checked: number;
}

/** Downloads the export once, sampling the api's RSS every 20 ms; schema-checks every 997th release. */
async function exportOnce(base: string, pid: number): Promise<Run> {
  const ocds = ocdsValidators();
  let peak = rssOf(pid);
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 20);
  const t0 = Date.now();
  const res = await fetch(`${base}/ocds/releases.jsonl`);
  if (!res.ok || !res.body) throw new Error(`export: ${res.status}`);
  let lines = 0;
  let bytes = 0;
  let partial = '';
  let checked = 0;
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    const text = partial + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) {
      if (lines++ % 997 === 0) {
        ocds.assert('release', JSON.parse(p));
        checked++;
      }
    }
  }
  const ms = Date.now() - t0;
  clearInterval(sampler);
  return { lines, bytes, ms, peak: Math.max(peak, rssOf(pid)), checked };
}

async function main(): Promise<void> {
  const url = await database();
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  let api: Awaited<ReturnType<typeof startProcess>> | undefined;
  try {
    const copy = await baselineCopy(url);
    const keyset = await baselineKeyset(url);

    api = await startProcess(
      'apps/api/src/main.ts',
      {
        PORT: String(API_PORT),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        REDIS_PREFIX: 'bench-open-data',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        ADMIN_EMAIL: 'bench-admin@jiebang.local',
        ADMIN_PASSWORD: 'bench-admin-password',
      },
      `http://127.0.0.1:${API_PORT}/api/v1/open-data/ocds/releases?limit=1`,
    );
    const pid = api.pid as number;
    const base = `http://127.0.0.1:${API_PORT}/api/v1/open-data`;

    // Warm up (JIT, pool, plans) with small pages; then let the heap settle. Growth is measured
    // from this idle RSS to the highest RSS seen during any run (later runs cannot hide behind
    // the heap the earlier ones grew).
    for (let i = 0; i < 5; i++) await (await fetch(`${base}/ocds/releases?limit=1000`)).text();
    await new Promise((r) => setTimeout(r, 1000));
    const idle = rssOf(pid);
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(await exportOnce(base, pid));
      await new Promise((r) => setTimeout(r, 500));
    }

    const row = (name: string, rows: number, ms: number) =>
      console.log(
        `${name.padEnd(52)} ${String(rows).padStart(8)} ${String(ms).padStart(7)} ${String(rate(rows, ms)).padStart(9)}`,
      );
    console.log(`\n${'stream of the same rows'.padEnd(52)} ${'rows'.padStart(8)} ${'ms'.padStart(7)} ${'rows/s'.padStart(9)}`);
    if (copy) row('baseline: psql COPY (join) TO STDOUT', copy.rows, copy.ms);
    else console.log('baseline: psql COPY — skipped (psql not installed)');
    row('baseline: node-pg keyset batches of 1,000 (no JSON)', keyset.rows, keyset.ms);
    results.forEach((r, i) => row(`GET /open-data/ocds/releases.jsonl (run ${i + 1})`, r.lines, r.ms));

    const rates = results.map((r) => rate(r.lines, r.ms)).sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)];
    const peak = Math.max(...results.map((r) => r.peak));
    const growth = peak - idle;
    const first = results[0];
    console.log(
      `\n  ${mb(first.bytes)} MB of JSON Lines per run (${Math.round(first.bytes / Math.max(first.lines, 1))} bytes/release); ${results.reduce((s, r) => s + r.checked, 0)} sampled releases schema-valid`,
    );
    console.log(`  api RSS: ${mb(idle)} MB idle, ${mb(peak)} MB peak over ${runs} run(s), growth ${mb(growth)} MB`);
    const ok = (b: boolean) => (b ? 'met' : 'NOT met');
    console.log(`\nGoals (${RELEASES} releases):`);
    console.log(`  all releases streamed: ${ok(results.every((r) => r.lines === RELEASES))}`);
    console.log(`  ≥ 20,000 releases/s (median of ${runs}): ${ok(median >= 20_000)} (${median}; runs ${rates.join(', ')})`);
    console.log(`  RSS growth < 100 MB (worst run): ${ok(growth < 100 * 1024 * 1024)} (${mb(growth)} MB)`);
    reportGoal({
      bench: 'open-data',
      measure: `bulk releases feed, ${RELEASES} releases (median of ${runs})`,
      now: `${median}/s, RSS growth ${mb(growth)} MB`,
      goal: '≥ 20,000/s, RSS growth < 100 MB',
      met: median >= 20_000 && growth < 100 * 1024 * 1024 && results.every((r) => r.lines === RELEASES),
    });
  } finally {
    if (api) await stopProcess(api);
    if (process.env.BENCH_KEEP_DB !== 'true') await dropDatabase(DB_NAME);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
