/**
 * npm run bench:bids — the deadline rush. 500 teams send 2,000 bid writes to one challenge in its
 * last minute, 100 requests in flight: each team submits its bid (POST) and then replaces it three
 * times (PUT, a new receipt each time) — the way teams polish a bid until the deadline. One team in
 * five bids as a consortium with a member organisation. Every write is a full bid: validation, the
 * funding policy, the FOR SHARE lock on the challenge, the bid, its milestones and participants,
 * and the audit entry with the receipt hash, in one transaction.
 *
 * Afterwards the database is counted: 500 bids, revisions adding up to 2,000, 2,000 audit entries —
 * nothing lost. The baseline, measured in the same run on the same machine: bare single-row INSERTs
 * of a similar row through `pg` at the same concurrency (pool of 10, like the api).
 *
 * Seeding: organisations and users go straight into SQL with one precomputed argon2 hash, and
 * tokens are signed with the api's JWT secret (500 logins would cost a minute of argon2).
 * Logging stays on (LOG_LEVEL=info, to /dev/null) as in production.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { Client, Pool } from 'pg';
import { makeCreditCode } from '../libs/identity/src/credit-code';
import { dropDatabase, freshDatabase, startProcess, stopProcess } from './support/harness';
import { percentOf, reportGoal } from './support/summary';

const TEAMS = Number(process.env.BENCH_TEAMS ?? 500);
const WRITES_PER_TEAM = 4; // 1 POST + 3 PUT
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const CONSORTIUM_EVERY = 5;
/** api processes behind the load (the api is stateless: `docker compose up --scale api=N`); requests alternate. */
const REPLICAS = Number(process.env.BENCH_REPLICAS ?? 1);
const JWT_SECRET = 'bench-bids-jwt-secret-0123456789abcdef-0123';
const DAY = 86_400_000;

interface Team {
  orgId: string;
  userId: string;
  creditCode: string;
  token: string;
  member?: string; // consortium member's credit code
}

const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(n: number): string {
  let body = '';
  let x = n + 1_000_003;
  for (let i = 0; i < 8; i++) {
    body = ORG_ALPHABET[x % ORG_ALPHABET.length] + body;
    x = Math.floor(x / ORG_ALPHABET.length);
  }
  return makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: body });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function seed(url: string): Promise<{ challengeId: string; teams: Team[] }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const hash = await argon2.hash('bench-team-password', { type: argon2.argon2id });
  const jwt = new JwtService({ secret: JWT_SECRET, signOptions: { expiresIn: 3600, algorithm: 'HS256' } });
  const agencyId = randomUUID();
  await db.query(
    `WITH a AS (INSERT INTO organizations (name, kind) VALUES ('bench agency', 'agency') RETURNING id)
     INSERT INTO users (id, email, password_hash, display_name, role, organization_id)
     SELECT $1, 'agency@bench.local', $2, 'agency', 'agency', a.id FROM a`,
    [agencyId, hash],
  );
  const teams: Team[] = [];
  const orgRows: unknown[][] = [];
  const userRows: unknown[][] = [];
  const members: string[] = [];
  for (let i = 0; i < TEAMS + 1; i++) {
    const orgId = randomUUID();
    const userId = randomUUID();
    const code = creditCode(i);
    orgRows.push([orgId, `团队 ${i}`, 'enterprise', code]);
    userRows.push([userId, `team${i}@bench.local`, hash, `team ${i}`, 'team', orgId]);
    const team: Team = { orgId, userId, creditCode: code, token: jwt.sign({ sub: userId, role: 'team', org: orgId }) };
    if (i % CONSORTIUM_EVERY === 0) {
      const memberCode = creditCode(100_000 + i);
      orgRows.push([randomUUID(), `成员 ${i}`, 'university', memberCode]);
      team.member = memberCode;
      members.push(memberCode);
    }
    teams.push(team);
  }
  await db.query(
    `INSERT INTO organizations (id, name, kind, credit_code) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
    [0, 1, 2, 3].map((k) => orgRows.map((r) => r[k])),
  );
  await db.query(
    `INSERT INTO users (id, email, password_hash, display_name, role, organization_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])`,
    [0, 1, 2, 3, 4, 5].map((k) => userRows.map((r) => r[k])),
  );
  // The last minute: the deadline is 60 s after the rush starts.
  const [challenge] = (
    await db.query(
      `INSERT INTO challenges (title, summary, industry, field, mechanism, track, budget_fen, parallel_slots, objectives, eligibility,
                               bid_deadline, project_ends_at, status, agency_id, agency_organization_id, published_at)
       VALUES ('基准挑战', '截止前的冲刺', 'quantum_information', 'key_components', 'open_call', 'core_tech', 5000000000, 1, $1::jsonb, $2::jsonb,
               now() + interval '90 seconds', now() + interval '400 days', 'published', $3,
               (SELECT organization_id FROM users WHERE id = $3), now())
       RETURNING id`,
      [
        JSON.stringify([
          { metric: '量子比特数', target: 100, unit: 'qubits' },
          { metric: '保真度', target: 99.9, unit: '%' },
        ]),
        JSON.stringify({ orgKinds: ['enterprise', 'university'], consortiumAllowed: true, maxMembers: 3 }),
        agencyId,
      ],
    )
  ).rows;
  await db.end();
  return { challengeId: challenge.id, teams };
}

function bidBody(team: Team, revision: number): string {
  const requested = 1_000_000_000 + revision * 1_000;
  const parts = 3;
  const base = Math.floor(requested / parts);
  return JSON.stringify({
    totalInvestmentFen: 2_500_000_000,
    requestedFundingFen: requested,
    proposal: {
      text: `第 ${revision + 1} 版方案：${'超导量子芯片的设计、制造与测试。'.repeat(60)}`,
      approach: [
        { metric: '量子比特数', plan: '二维网格耦合架构，可扩展至 128 比特。'.repeat(5) },
        { metric: '保真度', plan: '可调耦合器与动态解耦。'.repeat(5) },
      ],
    },
    ...(team.member
      ? {
          consortium: [
            { creditCode: team.creditCode, role: 'lead', sharePercent: 70 },
            { creditCode: team.member, role: 'member', sharePercent: 30 },
          ],
        }
      : {}),
    milestones: Array.from({ length: parts }, (_, i) => ({
      title: `里程碑 ${i + 1}`,
      dueAt: new Date(Date.now() + (100 + 100 * i) * DAY).toISOString(),
      deliverable: `交付物 ${i + 1}：样片与测试报告`,
      trancheFen: i === parts - 1 ? requested - base * (parts - 1) : base,
    })),
  });
}

interface RushResult {
  writes: number;
  seconds: number;
  latencies: number[];
  errors: { status: number; body: string }[];
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** One HTTP request on a kept-alive socket (node:http: less client CPU than fetch, on a shared 2-core box). */
function send(method: string, url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * CONCURRENCY workers take teams from a queue; a worker does one write of a team and puts it back
 * at the end of the queue, so 100 different teams are in flight at any time (never two writes of
 * one team). Bodies are built before the clock starts.
 */
async function rush(bases: string[], challengeId: string, teams: Team[]): Promise<RushResult> {
  const latencies: number[] = [];
  const errors: RushResult['errors'] = [];
  const queue = teams.map((team) => ({
    team,
    step: 0,
    bidId: '',
    bodies: Array.from({ length: WRITES_PER_TEAM }, (_, i) => bidBody(team, i)),
  }));
  let writes = 0;
  const timed = async (method: string, url: string, token: string, body: string) => {
    const t0 = performance.now();
    try {
      const res = await send(method, url, token, body);
      latencies.push(performance.now() - t0);
      writes++;
      if (res.status >= 300) errors.push({ status: res.status, body: res.text.slice(0, 300) });
      return res.status < 300 ? (JSON.parse(res.text) as { id: string }) : null;
    } catch (err) {
      latencies.push(performance.now() - t0);
      errors.push({ status: 0, body: String(err) });
      return null;
    }
  };
  let turn = 0;
  const next = () => bases[turn++ % bases.length];
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const job = queue.shift();
      if (!job) return;
      const { team } = job;
      if (job.step === 0) {
        const bid = await timed('POST', `${next()}/challenges/${challengeId}/bids`, team.token, job.bodies[0]);
        if (!bid) continue;
        job.bidId = bid.id;
      } else {
        await timed('PUT', `${next()}/challenges/${challengeId}/bids/${job.bidId}`, team.token, job.bodies[job.step]);
      }
      job.step++;
      if (job.step < WRITES_PER_TEAM) queue.push(job);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { writes, seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b), errors };
}

/** Samples pg_stat_activity of the bench database: what each backend waits on, and in which statement. */
async function sampleWaits(url: string): Promise<{ stop(): Promise<[string, number][]> }> {
  const db = new Client({ connectionString: url });
  await db.connect();
  const counts = new Map<string, number>();
  let total = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU') || ' — ' || state || ' — ' ||
                left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS what
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      total += rows.length;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await db.end();
      return [...counts].map(([k, n]) => [k, n / Math.max(1, total)] as [string, number]).sort((a, b) => b[1] - a[1]);
    },
  };
}

/** Bare INSERTs of a similar row through pg, same concurrency, pool of 10 (as the api's). */
async function baseline(url: string, n: number): Promise<{ perSec: number; p99: number }> {
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  await pool.query(
    `CREATE TABLE bench_bare (id uuid PRIMARY KEY, challenge_id uuid NOT NULL, organization_id uuid NOT NULL, proposal jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
  );
  const proposal = JSON.parse(bidBody({ orgId: '', userId: '', creditCode: '', token: '' }, 0)).proposal;
  const challengeId = randomUUID();
  let i = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (i < n) {
        i++;
        const t0 = performance.now();
        await pool.query(`INSERT INTO bench_bare (id, challenge_id, organization_id, proposal) VALUES ($1, $2, $3, $4::jsonb)`, [
          randomUUID(),
          challengeId,
          randomUUID(),
          JSON.stringify(proposal),
        ]);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.query(`DROP TABLE bench_bare`);
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { perSec: n / seconds, p99: percentile(latencies, 99) };
}

async function main(): Promise<void> {
  const dbName = 'jiebang_bench_bids';
  const url = await freshDatabase(dbName);
  const apiPort = 3951;
  const { challengeId, teams } = await seed(url);
  const apis = [];
  for (let i = 0; i < REPLICAS; i++) {
    apis.push(
      await startProcess(
        'apps/api/src/main.ts',
        {
          PORT: String(apiPort + i),
          HOST: '127.0.0.1',
          DATABASE_URL: url,
          REDIS_PREFIX: 'bench-bids',
          LOG_LEVEL: 'info',
          JWT_SECRET,
          ADMIN_EMAIL: 'bench-admin@jiebang.local',
          ADMIN_PASSWORD: 'bench-admin-password',
        },
        `http://127.0.0.1:${apiPort + i}/api/v1/health/ready`,
      ),
    );
  }
  try {
    const base = `http://127.0.0.1:${apiPort}/api/v1`;
    // Warm-up: one extra team bids (JIT, pool connections); not counted, withdrawn again.
    const warm = teams.pop() as Team;
    const probe = await fetch(`${base}/challenges/${challengeId}/bids`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warm.token}`, 'content-type': 'application/json' },
      body: bidBody(warm, 0),
    });
    if (!probe.ok) throw new Error(`warm-up bid refused: ${probe.status} ${await probe.text()}`);
    const warmBid = (await probe.json()) as { id: string };
    await fetch(`${base}/challenges/${challengeId}/bids/${warmBid.id}/withdraw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${warm.token}` },
    });

    const sampler = await sampleWaits(url);
    const result = await rush(
      apis.map((_, i) => `http://127.0.0.1:${apiPort + i}/api/v1`),
      challengeId,
      teams,
    );
    const waits = await sampler.stop();
    const bare = await baseline(url, result.writes);

    const db = new Client({ connectionString: url });
    await db.connect();
    const [counts] = (
      await db.query(
        `SELECT (SELECT count(*)::int FROM bids WHERE challenge_id = $1 AND status = 'submitted') AS live,
                (SELECT coalesce(sum(revision), 0)::int FROM bids WHERE challenge_id = $1 AND status = 'submitted') AS revisions,
                (SELECT count(*)::int FROM audit_entries WHERE challenge_id = $1 AND action IN ('bid.submitted', 'bid.replaced')
                   AND subject_id <> $2) AS audited,
                (SELECT count(*)::int FROM bid_participants WHERE challenge_id = $1 AND live AND role = 'member') AS members,
                (SELECT count(*)::int FROM bid_milestones m JOIN bids b ON b.id = m.bid_id WHERE b.challenge_id = $1 AND b.status = 'submitted') AS milestones`,
        [challengeId, warmBid.id],
      )
    ).rows;
    const verify = await fetch(`${base}/audit/verify`).then((r) => r.json() as Promise<{ ok: boolean; entries: number }>);
    await db.end();

    const expectedWrites = teams.length * WRITES_PER_TEAM;
    const lost = expectedWrites - counts.revisions;
    const bidsPerSec = result.writes / result.seconds;
    const row = (name: string, rate: number, p50: number | string, p99: number, errors: number | string, ratio: string) =>
      console.log(
        `${name.padEnd(52)} ${rate.toFixed(0).padStart(8)} ${String(p50).padStart(7)} ${p99.toFixed(1).padStart(7)} ${String(errors).padStart(7)} ${ratio.padStart(9)}`,
      );
    console.log(
      `\nDeadline rush: ${teams.length} teams × ${WRITES_PER_TEAM} writes (POST + 3 PUT), ${CONCURRENCY} in flight, one challenge, ${REPLICAS} api process(es)`,
    );
    console.log(
      `${'what'.padEnd(52)} ${'per s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'vs bare'.padStart(9)}`,
    );
    row('bare INSERT via pg (pool 10)', bare.perSec, '-', bare.p99, 0, '100%');
    row(
      'bid writes via the api (POST/PUT, full transaction)',
      bidsPerSec,
      percentile(result.latencies, 50).toFixed(1),
      percentile(result.latencies, 99),
      result.errors.length,
      `${((bidsPerSec / bare.perSec) * 100).toFixed(1)}%`,
    );
    console.log(
      `\nrows afterwards: ${counts.live} live bids (expected ${teams.length}), revisions ${counts.revisions} (expected ${expectedWrites}), ` +
        `audit entries ${counts.audited} (expected ${expectedWrites}), consortium members ${counts.members}, milestones ${counts.milestones}; ` +
        `lost: ${lost}; audit chains verify: ${verify.ok} (${verify.entries} entries)`,
    );
    console.log('\nwhere the database connections were during the rush (sampled every 100 ms):');
    for (const [what, share] of waits.slice(0, 6)) console.log(`  ${(share * 100).toFixed(0).padStart(3)}%  ${what}`);
    if (result.errors.length) console.log('first errors:', result.errors.slice(0, 5));
    const p99 = percentile(result.latencies, 99);
    const sound = result.errors.length === 0 && lost === 0 && verify.ok;
    const met = bidsPerSec >= 1000 && bidsPerSec >= 0.2 * bare.perSec && p99 < 250 && sound;
    console.log(
      `Goal (issue 20): ≥ 1,000 bids/s and ≥ 20% of bare INSERT, p99 < 250 ms, 0 errors, 0 lost, chains verify. ${met ? 'MET' : 'NOT MET'}`,
    );
    reportGoal({
      bench: 'bids',
      measure: `deadline rush, ${teams.length} teams × ${WRITES_PER_TEAM} writes, one challenge`,
      now: `${bidsPerSec.toFixed(0)}/s = ${percentOf(bidsPerSec, bare.perSec)} of bare INSERT, p99 ${p99.toFixed(0)} ms, lost ${lost}, errors ${result.errors.length}, verify ${verify.ok}`,
      goal: '≥ 1,000/s, ≥ 20% of bare, p99 < 250 ms, 0 lost',
      met,
    });
  } finally {
    for (const api of apis) await stopProcess(api);
    await dropDatabase(dbName);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
