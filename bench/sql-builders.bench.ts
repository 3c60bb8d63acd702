/**
 * npm run bench:sql-builders — the measured comparison behind the data-access style (issue 15):
 * the same hot-path statement (a data-modifying CTE that advances a ledger chain head, the shape of
 * the award and bid writes) built three ways —
 *   raw:      a hand-written string and a parameter array (what the repositories did before),
 *   fragment: `sql` fragments from @app/database (what owners now export and callers compose),
 *   kysely:   Kysely 0.28's typed query builder, compiled per call (the option the issue names).
 * Part 1 times building the statement alone (no I/O); part 2 runs each through the same pg pool
 * (10 connections, 50 in flight) against a scratch database, so the ratio shows what a builder
 * costs next to a round trip. Ratios against `raw` from the same run are what count.
 */
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql as ksql } from 'kysely';
import { Pool } from 'pg';
import type { Tables } from '../libs/database/src/generated/tables';
import { Sql, sql } from '../libs/database/src/sql-fragment';
import { dropDatabase, freshDatabase } from './support/harness';

const BUILDS = Number(process.env.BENCH_BUILDS ?? 200_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20_000);
const IN_FLIGHT = 50;
const CHAINS = 64;

type Statement = { text: string; values: unknown[] };

const RAW_TEXT =
  'WITH h AS (UPDATE audit_chain_heads SET seq = seq + 1, hash = $2, updated_at = now() WHERE chain = $1 RETURNING seq, hash) ' +
  'SELECT seq, hash FROM h';
const raw = (chain: string, hash: string): Statement => ({ text: RAW_TEXT, values: [chain, hash] });

const advanceHeadCte = (chain: string, hash: string): Sql =>
  sql`h AS (UPDATE audit_chain_heads SET seq = seq + 1, hash = ${hash}, updated_at = now() WHERE chain = ${chain} RETURNING seq, hash)`;
const fragment = (chain: string, hash: string): Statement => {
  const s = sql`WITH ${advanceHeadCte(chain, hash)} SELECT seq, hash FROM h`;
  return { text: s.text, values: [...s.values] };
};

function kyselyBuilder(db: Kysely<Tables>) {
  return (chain: string, hash: string): Statement => {
    const compiled = db
      .with('h', (qb) =>
        qb
          .updateTable('audit_chain_heads')
          .set({ seq: ksql`seq + 1`, hash, updated_at: ksql`now()` })
          .where('chain', '=', chain)
          .returning(['seq', 'hash']),
      )
      .selectFrom('h')
      .select(['seq', 'hash'])
      .compile();
    return { text: compiled.sql, values: [...compiled.parameters] };
  };
}

function timeBuilds(build: (chain: string, hash: string) => Statement): number {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < BUILDS; i++) sink += build(`c${i % CHAINS}`, 'h').text.length;
  const ns = ((performance.now() - t0) * 1e6) / BUILDS;
  if (sink === 0) throw new Error('nothing built');
  return ns;
}

async function timeQueries(pool: Pool, build: (chain: string, hash: string) => Statement): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < QUERIES) {
      const i = next++;
      const s = build(`c${i % CHAINS}`, `h${i}`);
      await pool.query(s.text, s.values);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return QUERIES / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const name = 'jiebang_bench_sql_builders';
  const url = await freshDatabase(name);
  const pool = new Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url, max: 1 }) }) });
  try {
    await pool.query(
      `INSERT INTO audit_chain_heads (chain, seq, hash) SELECT 'c' || g, 0, 'genesis' FROM generate_series(0, ${CHAINS - 1}) g`,
    );
    const builders = { raw, fragment, kysely: kyselyBuilder(db) };
    const texts = Object.values(builders).map((b) => b('c1', 'x').text.replace(/"/g, ''));
    console.log('statements built:\n  ' + texts.join('\n  '));
    console.log(`\nbuild only (${BUILDS.toLocaleString()} each, ns per statement; ratio to raw):`);
    const buildNs: Record<string, number> = {};
    for (const [label, b] of Object.entries(builders)) buildNs[label] = timeBuilds(b);
    for (const [label, ns] of Object.entries(buildNs))
      console.log(`  ${label.padEnd(9)} ${ns.toFixed(0).padStart(7)} ns  ×${(ns / buildNs.raw).toFixed(1)}`);
    console.log(`\nbuild + run through pg (${QUERIES.toLocaleString()} each, ${IN_FLIGHT} in flight, pool 10; ratio to raw):`);
    await timeQueries(pool, raw); // warm-up
    const qps: Record<string, number> = {};
    for (const [label, b] of Object.entries(builders)) qps[label] = await timeQueries(pool, b);
    for (const [label, n] of Object.entries(qps))
      console.log(`  ${label.padEnd(9)} ${n.toFixed(0).padStart(7)} statements/s  ${((n / qps.raw) * 100).toFixed(0)}%`);
  } finally {
    await db.destroy();
    await pool.end();
    await dropDatabase(name);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
