/**
 * `npm run bench:audit-verify` — GET /audit/verify on a ledger of 100,000 entries.
 *
 * Seeds a scratch database (all migrations) with BENCH_ROWS (default 100,000) hash-chained entries
 * over BENCH_CHAINS (default 1,000) challenge chains, built with the ledger's own `nextEntry`, and
 * starts the api in its own process. Then, over HTTP:
 *   1. the first verify: no checkpoint yet, every entry is hashed (what every call cost before);
 *   2. verify with nothing appended since (BENCH_RUNS calls, default 20): one checkpoint check per chain;
 *   3. 100 entries appended over 10 chains, then verify (5 rounds): those 100 are hashed;
 *   4. one challenge's chain (GET /audit/verify/challenges/:id) after 10 more entries on it.
 * Goal (issue 18): once 100,000 entries have been appended, a verify answers in < 100 ms (the
 * median of 2, and 3) — its cost follows what was appended since, not the size of the ledger.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ChainHead, GENESIS_HASH, StoredEntry, nextEntry } from '@app/audit';
import { dropDatabase, freshDatabase, startProcess, stopProcess } from './support/harness';
import { reportGoal } from './support/summary';

const DB_NAME = 'jiebang_bench_audit_verify';
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CHAINS = Number(process.env.BENCH_CHAINS ?? 1_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const API_PORT = 3932;
const BASE = `http://127.0.0.1:${API_PORT}/api/v1`;

const heads = new Map<string, ChainHead>();
let clock = Date.UTC(2026, 0, 1);

/** The next entry of `chain`, hashed as AuditService.record hashes it. */
function entryOn(chain: string, n: number): StoredEntry {
  const head = heads.get(chain) ?? { seq: 0, hash: GENESIS_HASH };
  const entry = nextEntry(head, {
    id: randomUUID(),
    challengeId: chain,
    actorId: null,
    action: n % 3 === 0 ? 'bid.submitted' : 'review.criteria_set',
    subjectType: 'challenge',
    subjectId: chain,
    before: { status: 'draft', n },
    after: { status: 'published', n, 名称: '榜单' },
    public: false,
    recordedAt: new Date((clock += 7)).toISOString(),
  });
  heads.set(chain, { seq: entry.seq, hash: entry.hash });
  return entry;
}

/** Inserts entries and moves their chains' heads, 5,000 rows a statement. */
async function insert(db: Client, entries: StoredEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 5_000) {
    const batch = entries.slice(i, i + 5_000);
    const col = <K extends keyof StoredEntry>(k: K) => batch.map((e) => e[k]);
    await db.query(
      `INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public,
                                  recorded_at, prev_hash, hash)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::bigint[], $4::uuid[], $5::uuid[], $6::varchar[], $7::varchar[],
                            $8::varchar[], $9::jsonb[], $10::jsonb[], $11::boolean[], $12::timestamptz[], $13::char(64)[], $14::char(64)[])`,
      [
        col('id'),
        col('chain'),
        col('seq'),
        col('challengeId'),
        col('actorId'),
        col('action'),
        col('subjectType'),
        col('subjectId'),
        batch.map((e) => JSON.stringify(e.before)),
        batch.map((e) => JSON.stringify(e.after)),
        col('public'),
        col('recordedAt'),
        col('prevHash'),
        col('hash'),
      ],
    );
  }
  const chains = [...new Set(entries.map((e) => e.chain))];
  await db.query(
    `INSERT INTO audit_chain_heads (chain, seq, hash) SELECT * FROM unnest($1::varchar[], $2::bigint[], $3::char(64)[])
     ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, updated_at = now()`,
    [chains, chains.map((c) => heads.get(c)?.seq), chains.map((c) => heads.get(c)?.hash)],
  );
}

async function timed(path: string): Promise<{ ms: number; body: { ok: boolean; entries: number; checked: number } }> {
  const start = process.hrtime.bigint();
  const res = await fetch(`${BASE}${path}`);
  const body = (await res.json()) as { ok: boolean; entries: number; checked: number };
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!res.ok || !body.ok) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

const fmt = (ms: number) => ms.toFixed(1).padStart(8);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const at = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main(): Promise<void> {
  const url = await freshDatabase(DB_NAME);
  const db = new Client({ connectionString: url });
  await db.connect();
  let api: Awaited<ReturnType<typeof startProcess>> | undefined;
  try {
    const chains = Array.from({ length: CHAINS }, () => randomUUID());
    const seedStart = Date.now();
    const seed = Array.from({ length: ROWS }, (_, i) => entryOn(chains[i % CHAINS], i));
    await insert(db, seed);
    await db.query('ANALYZE audit_entries; ANALYZE audit_chain_heads');
    console.log(`seeded ${ROWS} entries over ${CHAINS} chains in ${Date.now() - seedStart} ms`);

    api = await startProcess(
      'apps/api/src/main.ts',
      {
        PORT: String(API_PORT),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        REDIS_PREFIX: 'bench-audit-verify',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        ADMIN_EMAIL: 'bench-admin@jiebang.local',
        ADMIN_PASSWORD: 'bench-admin-password',
        DOCUMENTS_KEK: `bench:${Buffer.alloc(32, 7).toString('base64')}`,
      },
      `${BASE}/audit?limit=1`,
    );

    const first = await timed('/audit/verify');
    const idle: number[] = [];
    for (let i = 0; i < RUNS; i++) idle.push((await timed('/audit/verify')).ms);
    const rounds: { ms: number; body: { entries: number; checked: number } }[] = [];
    for (let round = 0; round < 5; round++) {
      await insert(
        db,
        Array.from({ length: 100 }, (_, i) => entryOn(chains[(i % 10) * 7 + round], ROWS + round * 100 + i)),
      );
      rounds.push(await timed('/audit/verify'));
    }
    const appended = rounds.sort((a, b) => a.ms - b.ms)[2];
    await insert(
      db,
      Array.from({ length: 10 }, (_, i) => entryOn(chains[1], ROWS + 500 + i)),
    );
    const one = await timed(`/audit/verify/challenges/${chains[1]}`);

    console.log(`\n${'GET /audit/verify'.padEnd(58)} ${'entries'.padStart(8)} ${'hashed'.padStart(7)} ${'ms'.padStart(8)}`);
    const row = (name: string, r: { ms: number; body: { entries: number; checked: number } }) =>
      console.log(`${name.padEnd(58)} ${String(r.body.entries).padStart(8)} ${String(r.body.checked).padStart(7)} ${fmt(r.ms)}`);
    row('1. first call, no checkpoint (every entry hashed)', first);
    console.log(
      `${`2. nothing appended since (${RUNS} calls): median / p95`.padEnd(58)} ${String(first.body.entries).padStart(8)} ${'0'.padStart(7)} ${fmt(at(idle, 0.5))} / ${at(idle, 0.95).toFixed(1)}`,
    );
    row('3. after 100 appended entries on 10 chains (median of 5 rounds)', appended);
    row('4. one challenge, after 10 appended entries (per-challenge)', one);

    const ok = (b: boolean) => (b ? 'met' : 'NOT met');
    console.log(`\nGoal: verify after ${ROWS} appended entries answers in < 100 ms`);
    console.log(`  nothing new since the last pass (median): ${ok(at(idle, 0.5) < 100)} (${at(idle, 0.5).toFixed(1)} ms)`);
    console.log(`  100 new entries (median of 5): ${ok(appended.ms < 100)} (${appended.ms.toFixed(1)} ms)`);
    console.log(`  speed-up over the first (full) pass: ×${Math.round(first.ms / Math.max(at(idle, 0.5), 0.1))}`);
    reportGoal({
      bench: 'audit-verify',
      measure: `GET /audit/verify after ${ROWS} entries, 100 new`,
      now: `${appended.ms.toFixed(1)} ms (idle ${at(idle, 0.5).toFixed(1)} ms)`,
      goal: '< 100 ms',
      met: appended.ms < 100 && at(idle, 0.5) < 100,
    });
  } finally {
    if (api) await stopProcess(api);
    await db.end();
    if (process.env.BENCH_KEEP_DB !== 'true') await dropDatabase(DB_NAME);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
