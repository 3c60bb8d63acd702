/**
 * npm run bench:challenges — the public challenge list with 100,000 challenges seeded.
 *
 * Seeds a scratch database (all migrations, then one generate_series INSERT), starts the api in
 * its own process (logging on, to /dev/null, as in production) and a bare node:http server that
 * answers a page of 20 challenges of the same shape, then runs autocannon (-c 50, 10 s;
 * BENCH_SECONDS overrides) on each. Goals: filtered list p99 < 50 ms and ≥ 1,000 req/s; search
 * p99 < 100 ms. Before the load it prints EXPLAIN (ANALYZE, BUFFERS) of each measured request's
 * query (and of a few shapes of the web app's list), as the api builds it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { migrate } from '../libs/database/src/migrate';
import { ChallengeListFilter, listChallengesAsJsonRows } from '../libs/challenges/src/repositories/challenges.repository';
import { startProcess, stopProcess } from './support/harness';
import { reportGoal } from './support/summary';

const ROOT = join(__dirname, '..');
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'jiebang_bench_challenges';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const API_PORT = 3911;
const BARE_PORT = 3912;

const dbUrl = (name: string) => Object.assign(new URL(ADMIN_URL), { pathname: `/${name}` }).toString();

async function admin(sql: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const SEED = `
WITH agency AS (INSERT INTO organizations (name, kind) VALUES ('bench agency', 'agency') RETURNING id)
INSERT INTO challenges (title, summary, industry, secondary_industry, field, mechanism, track, budget_fen, max_award_fen,
  parallel_slots, stages, objectives, eligibility, bid_deadline, project_ends_at, zone, status, agency_id, agency_organization_id, published_at, created_at)
SELECT
  (ARRAY['量子计算芯片','合成生物底盘细胞','脑机接口柔性电极','深海探测装备','可见光通信模组','区块链隐私计算','细胞治疗载体','低轨卫星载荷'])[1 + i % 8]
    || ' ' || (ARRAY['error correction','chassis strain','neural interface','deep-sea sensor','optical computing','zero-knowledge ledger','gene delivery','satellite payload'])[1 + (i / 8) % 8]
    || ' 第' || i || '号',
  '面向' || (ARRAY['高端制造','生命健康','信息安全','海洋经济'])[1 + i % 4] || '的关键技术攻关。 Challenge ' || md5(i::text),
  (ARRAY['quantum_information','synthetic_biology','brain_science','deep_earth_sea','optical_comm_computing','blockchain','cell_gene','aerospace'])[1 + i % 8],
  CASE WHEN i % 11 = 0 THEN 'aerospace' END,
  (ARRAY['foundational_software','key_components','major_equipment','test_instruments'])[1 + (i / 3) % 4],
  CASE WHEN i % 5 = 0 THEN 'horse_race' ELSE 'open_call' END,
  CASE WHEN i % 7 = 0 THEN 'pm_major' ELSE 'core_tech' END,
  (1 + i % 50) * 100000000::bigint,
  NULL,
  CASE WHEN i % 5 = 0 THEN 3 ELSE 1 END,
  '[]'::jsonb,
  jsonb_build_array(jsonb_build_object('metric', (ARRAY['量子比特数','滴度 titer','通道数','下潜深度'])[1 + i % 4], 'target', i % 1000, 'unit', 'unit')),
  '{"orgKinds":["enterprise","university"],"consortiumAllowed":true,"maxMembers":5}'::jsonb,
  now() + (i % 3650) * interval '1 hour' + (i % 60) * interval '1 second',
  now() + interval '3 years',
  (ARRAY['guangming_science_city','hetao_sz_hk','qianhai_sz_hk','xili_lake',NULL])[1 + i % 5],
  CASE WHEN i % 20 = 0 THEN 'draft' WHEN i % 20 = 1 THEN 'closed' WHEN i % 20 = 2 THEN 'awarded' ELSE 'published' END,
  gen_random_uuid(),
  (SELECT id FROM agency),
  CASE WHEN i % 20 = 0 THEN NULL ELSE now() - (i % 1000) * interval '1 minute' END,
  now() - (i % 100000) * interval '1 second'
FROM generate_series(1, ${ROWS}) AS i`;

function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

async function waitReady(child: ChildProcess, url: string): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not ready: ${url}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

interface Row {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(name: string, url: string): Promise<Row> {
  const r = await autocannon({ url, connections: 50, duration: SECONDS });
  return {
    name,
    reqPerSec: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

/** The requests the load below drives, by name: each one's query string. */
const CASES: [string, Record<string, string>][] = [
  [
    'filtered: industry+field+status, by deadline',
    { industry: 'quantum_information', field: 'major_equipment', status: 'published', sort: 'deadline', limit: '20' },
  ],
  [
    'filtered: track+mechanism+budget, newest',
    {
      track: 'core_tech',
      mechanism: 'horse_race',
      minBudgetFen: '1000000000',
      maxBudgetFen: '3000000000',
      sort: 'newest',
      limit: '20',
    },
  ],
  ['search q=量子计算 (zh, common)', { q: '量子计算', limit: '20' }],
  ['search q=量子 (zh, 2 characters)', { q: '量子', limit: '20' }],
  ['search q=deep-sea sensor (en)', { q: 'deep-sea sensor', limit: '20' }],
  ['search q=第12345号 (zh, rare)', { q: '第12345号', limit: '20' }],
];

/**
 * Shapes of the web app's list (apps/web ChallengeListPage: the default sort, one select or the
 * search box) whose plans are printed but not loaded: the ones where a walk along the sort order
 * would read most of the table (a rare status; a search no row of that status matches).
 */
const EXPLAINED_ONLY: [string, Record<string, string>][] = [
  ['web: status=cancelled (no row), by deadline', { status: 'cancelled' }],
  ['web: status=closed + q=量子计算 (no row), by deadline', { status: 'closed', q: '量子计算' }],
  ['web: industry=aerospace (either), newest', { industry: 'aerospace', sort: 'newest' }],
];

/** The filter ChallengesService.list builds for an anonymous caller from the same query string. */
function publicListFilter(query: Record<string, string>): ChallengeListFilter {
  const number = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    visibility: { kind: 'published' },
    status: query.status,
    excludeDrafts: !query.status,
    industry: query.industry,
    field: query.field,
    mechanism: query.mechanism,
    track: query.track,
    zone: query.zone,
    minBudgetFen: number(query.minBudgetFen),
    maxBudgetFen: number(query.maxBudgetFen),
    terms: (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8),
    sort: (query.sort ?? 'deadline') as ChallengeListFilter['sort'],
    limit: number(query.limit) ?? 20,
  };
}

/** A plan in a few lines: times, the top node's buffers, and each scan or merge with its rows. */
function planSummary(lines: string[]): string {
  const time = (label: string) => /([\d.]+) ms/.exec(lines.find((l) => l.trim().startsWith(label)) ?? '')?.[1] ?? '?';
  const buffers =
    lines
      .find((l) => l.trim().startsWith('Buffers:'))
      ?.trim()
      .replace('Buffers: ', '') ?? 'no buffers';
  const nodes: string[] = [];
  for (const line of lines) {
    const text = line.trim();
    const node = /^(?:->\s*)?(.+?)\s+\(cost=.*actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)\)/.exec(text);
    if (node && /Scan|Append|Sort|Gather/.test(node[1]) && !node[1].startsWith('Subquery Scan')) {
      nodes.push(`${node[1].replace(' on challenges', '')}: ${node[2]} rows${node[3] === '1' ? '' : ` ×${node[3]} loops`}`);
    }
    const removed = /^Rows Removed by (?:Filter|Index Recheck): (\d+)/.exec(text);
    if (removed && nodes.length) nodes[nodes.length - 1] += `, ${removed[1]} read and dropped`;
  }
  return `execution ${time('Execution Time')} ms, planning ${time('Planning Time')} ms, ${buffers}\n      ${nodes.join('\n      ')}`;
}

/**
 * The plan of every measured request (and of the web shapes above), run through the api's own
 * statement builder: which index each uses, how many rows it reads and throws away, how many buffers
 * that costs. BENCH_EXPLAIN=full prints the whole plans.
 */
async function explainLists(db: Client): Promise<void> {
  const explaining = {
    query: async (text: string, params: unknown[]) => (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params)).rows,
  } as unknown as Parameters<typeof listChallengesAsJsonRows>[0];
  // A page's documents are a second, indexed query only for challenges the api has not listed
  // before (ChallengesService: those of published challenges are frozen and kept in memory).
  console.log('\nEXPLAIN (ANALYZE, BUFFERS) of the page query of each list request:');
  for (const [name, query] of [...CASES, ...EXPLAINED_ONLY]) {
    const filter = publicListFilter(query);
    await listChallengesAsJsonRows(explaining, filter); // warm: plan and pages cached, as under load
    const plan = (await listChallengesAsJsonRows(explaining, filter)) as unknown as { 'QUERY PLAN': string }[];
    const lines = plan.map((r) => r['QUERY PLAN']);
    console.log(`  ${name}: ${planSummary(lines)}`);
    if (process.env.BENCH_EXPLAIN === 'full') console.log(`    ${lines.join('\n    ')}`);
  }
}

async function main(): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${DB_NAME}"`);
  const url = dbUrl(DB_NAME);
  let api: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    await migrate(url);
    const db = new Client({ connectionString: url });
    await db.connect();
    const t0 = Date.now();
    await db.query(SEED);
    await db.query('VACUUM ANALYZE challenges');
    console.log(`seeded ${ROWS} challenges in ${Date.now() - t0} ms`);
    await explainLists(db);
    await db.end();

    const base = `http://127.0.0.1:${API_PORT}/api/v1/challenges`;
    // The harness's start gives the api what production requires (a documents key).
    api = await startProcess(
      'apps/api/src/main.ts',
      {
        PORT: String(API_PORT),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        REDIS_PREFIX: 'bench-challenges',
        LOG_LEVEL: 'info',
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        ADMIN_EMAIL: 'bench-admin@jiebang.local',
        ADMIN_PASSWORD: 'bench-admin-password',
      },
      `${base}?limit=1`,
    );

    // The bare server answers the api's own first page, byte for byte: same JSON size.
    const sample = await (await fetch(`${base}?limit=20`)).text();
    bare = start(
      [
        '-e',
        `const body = process.env.BODY; require('node:http').createServer((q, s) => { s.writeHead(200, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body)}); s.end(body); }).listen(${BARE_PORT}, '127.0.0.1');`,
      ],
      { BODY: sample },
    );
    await waitReady(bare, `http://127.0.0.1:${BARE_PORT}/`);

    const cases = CASES.map(([name, query]): [string, string] => [name, `${base}?${new URLSearchParams(query)}`]);
    for (const [, u] of cases) {
      const res = await fetch(u);
      if (!res.ok) throw new Error(`${u}: ${res.status} ${await res.text()}`);
    }

    const baseline = await run('bare node:http (same JSON as a page)', `http://127.0.0.1:${BARE_PORT}/`);
    const rows = [baseline];
    for (const [name, u] of cases) rows.push(await run(name, u));

    console.log(
      `\n${'GET /challenges …'.padEnd(46)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs bare'.padStart(8)} ${'non2xx'.padStart(7)} ${'errors'.padStart(6)}`,
    );
    for (const r of rows) {
      const ratio = `${((r.reqPerSec / baseline.reqPerSec) * 100).toFixed(0)}%`;
      console.log(
        `${r.name.padEnd(46)} ${String(r.reqPerSec).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${ratio.padStart(8)} ${String(r.non2xx).padStart(7)} ${String(r.errors).padStart(6)}`,
      );
    }
    const filtered = rows.filter((r) => r.name.startsWith('filtered'));
    const search = rows.filter((r) => r.name.startsWith('search'));
    const ok = (b: boolean) => (b ? 'met' : 'NOT met');
    console.log(`\nGoals (${ROWS} rows, -c 50, ${SECONDS} s):`);
    console.log(
      `  filtered p99 < 50 ms: ${ok(filtered.every((r) => r.p99 < 50))}; ≥ 1,000 req/s: ${ok(filtered.every((r) => r.reqPerSec >= 1000))}`,
    );
    console.log(`  search p99 < 100 ms: ${ok(search.every((r) => r.p99 < 100))}`);
    const worst = (rs: typeof rows) => ({
      rate: Math.min(...rs.map((r) => r.reqPerSec)),
      p99: Math.max(...rs.map((r) => r.p99)),
      failed: rs.some((r) => r.non2xx > 0 || r.errors > 0),
    });
    const f = worst(filtered);
    const q = worst(search);
    reportGoal({
      bench: 'challenges',
      measure: `filtered list over ${ROWS} rows, -c 50 (worst filter)`,
      now: `${f.rate}/s, p99 ${f.p99} ms`,
      goal: '≥ 1,000/s, p99 < 50 ms',
      met: f.rate >= 1000 && f.p99 < 50 && !f.failed,
    });
    reportGoal({
      bench: 'challenges',
      measure: `search over ${ROWS} rows, -c 50 (worst query)`,
      now: `${q.rate}/s, p99 ${q.p99} ms`,
      goal: 'p99 < 100 ms',
      met: q.p99 < 100 && !q.failed,
    });
  } finally {
    if (api) await stopProcess(api);
    if (bare) await stop(bare);
    await admin(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
