/**
 * npm run bench:web — the web app's production bundle and the largest contentful paint (LCP) of
 * the challenge list, in headless Debian Chromium, against 10,000 seeded challenges.
 *
 * 1. Builds apps/web (vite) and reports the initial JS (the entry script and every modulepreload
 *    of index.html) gzipped, per chunk and in total. Goal: < 250 KB.
 * 2. Seeds a scratch database (all migrations, then one generate_series INSERT of BENCH_ROWS
 *    challenges, default 10,000), starts the api in its own process (it serves the build at /).
 * 3. Opens / in a fresh browser context (empty cache) BENCH_RUNS times (default 7) and reads the
 *    last `largest-contentful-paint` entry (PerformanceObserver, buffered) once the list is shown.
 *    Goal: median < 1,500 ms. Results go to bench/results/web.json too.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { FIRST_SCREEN_BUDGET_BYTES, initialJs } from '../scripts/web-bundle';
import { ensureWebBuild, launchChromium } from '../test/web/browser';
import { ROOT, dropDatabase, freshDatabase, startProcess, stopProcess } from './support/harness';
import { reportGoal } from './support/summary';

const DB_NAME = 'jiebang_bench_web';
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORT = 3921;
const DIST = join(ROOT, 'apps/web/dist');

const SEED = `
WITH agency AS (INSERT INTO organizations (name, kind) VALUES ('bench agency', 'agency') RETURNING id)
INSERT INTO challenges (title, summary, industry, secondary_industry, field, mechanism, track, budget_fen, max_award_fen,
  parallel_slots, stages, objectives, eligibility, bid_deadline, project_ends_at, zone, status, agency_id, agency_organization_id, published_at, created_at)
SELECT
  (ARRAY['量子计算芯片','合成生物底盘细胞','脑机接口柔性电极','深海探测装备','可见光通信模组','区块链隐私计算','细胞治疗载体','低轨卫星载荷'])[1 + i % 8]
    || '关键技术攻关 第' || i || '号',
  '面向' || (ARRAY['高端制造','生命健康','信息安全','海洋经济'])[1 + i % 4]
    || '的关键技术攻关：研制满足产业化要求的核心部件与系统，形成自主可控的技术体系，并在示范场景中完成验证。 Challenge ' || md5(i::text),
  (ARRAY['quantum_information','synthetic_biology','brain_science','deep_earth_sea','optical_comm_computing','blockchain','cell_gene','aerospace'])[1 + i % 8],
  NULL,
  (ARRAY['foundational_software','key_components','major_equipment','test_instruments'])[1 + (i / 3) % 4],
  CASE WHEN i % 5 = 0 THEN 'horse_race' ELSE 'open_call' END,
  'core_tech',
  (1 + i % 50) * 100000000::bigint,
  NULL,
  CASE WHEN i % 5 = 0 THEN 3 ELSE 1 END,
  '[]'::jsonb,
  jsonb_build_array(jsonb_build_object('metric', '指标' || i, 'target', i % 1000, 'unit', 'unit')),
  '{"orgKinds":["enterprise","university"],"consortiumAllowed":true,"maxMembers":5}'::jsonb,
  now() + interval '8 days' + (i % 3650) * interval '1 hour' + (i % 60) * interval '1 second',
  now() + interval '3 years',
  NULL,
  'published',
  gen_random_uuid(),
  (SELECT id FROM agency),
  now() - (i % 1000) * interval '1 minute',
  now() - i * interval '1 second'
FROM generate_series(1, ${ROWS}) AS i`;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const LCP_SCRIPT = `new Promise((resolve) => {
  let last = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) last = entry;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  setTimeout(() => resolve(last ? { startTime: last.startTime, element: last.element ? last.element.tagName + '.' + (last.element.className || '').toString().slice(0, 40) : null, size: last.size } : null), 300);
})`;

async function main(): Promise<void> {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  ensureWebBuild();
  const chunks = initialJs(DIST);
  const totalGzip = chunks.reduce((sum, c) => sum + c.gzip, 0);
  console.log('\nInitial JS (entry + modulepreload), gzip -9:');
  for (const c of chunks) console.log(`  ${c.file.padEnd(40)} ${kb(c.bytes).padStart(10)} ${kb(c.gzip).padStart(10)}`);
  console.log(
    `  ${'total'.padEnd(40)} ${kb(chunks.reduce((s, c) => s + c.bytes, 0)).padStart(10)} ${kb(totalGzip).padStart(10)}  (goal < 250 KB)`,
  );

  const url = await freshDatabase(DB_NAME);
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(SEED);
  await db.query('ANALYZE challenges');
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM challenges WHERE status = 'published'`);
  await db.end();
  console.log(`\nSeeded ${rows[0].n} published challenges into ${DB_NAME}.`);

  const api = await startProcess(
    'apps/api/src/main.ts',
    { DATABASE_URL: url, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn', REDIS_PREFIX: `bench-web-${process.pid}` },
    `http://127.0.0.1:${PORT}/api/v1/health/live`,
  );
  const browser = await launchChromium();
  const runs: { lcp: number; element: string | null; listShown: number }[] = [];
  try {
    // One warm-up visit (the api's first queries, Postgres caches), not counted.
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${PORT}/`, { waitUntil: 'load' });
      await page.locator('article').first().waitFor();
      const listShown = Date.now() - started;
      const lcp = (await page.evaluate(LCP_SCRIPT)) as { startTime: number; element: string | null } | null;
      if (!lcp) throw new Error('no largest-contentful-paint entry');
      if (i > 0) runs.push({ lcp: Math.round(lcp.startTime), element: lcp.element, listShown });
      await context.close();
    }
  } finally {
    await browser.close();
    await stopProcess(api);
    await dropDatabase(DB_NAME);
  }
  const lcps = runs.map((r) => r.lcp);
  console.log(`\nLCP of the challenge list (${RUNS} cold visits, ${ROWS} challenges): ${lcps.join(', ')} ms`);
  console.log(
    `  median ${median(lcps)} ms, min ${Math.min(...lcps)} ms, max ${Math.max(...lcps)} ms (goal < 1500 ms); LCP element: ${runs[0].element}`,
  );
  console.log(`  first card visible (navigation start → article), median ${median(runs.map((r) => r.listShown))} ms`);
  reportGoal({
    bench: 'web',
    measure: 'first-screen JS, gzip',
    now: kb(totalGzip),
    goal: '< 250 KB',
    met: totalGzip < FIRST_SCREEN_BUDGET_BYTES,
  });
  reportGoal({
    bench: 'web',
    measure: `LCP of the challenge list, ${ROWS} challenges (median of ${RUNS})`,
    now: `${median(lcps)} ms`,
    goal: '< 1,500 ms',
    met: median(lcps) < 1500,
  });

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/web.json'),
    JSON.stringify(
      { at: new Date().toISOString(), rows: ROWS, initialJs: { chunks, totalGzip }, lcp: { runs, medianMs: median(lcps) } },
      null,
      2,
    ),
  );
  if (totalGzip >= FIRST_SCREEN_BUDGET_BYTES || median(lcps) > 1500) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
