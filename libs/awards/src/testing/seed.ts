/**
 * TEST-ONLY helpers for the awards e2e suites and the bench (never imported by application code):
 * closed challenges with submitted bids written straight into SQL (registering hundreds of teams
 * through the API would cost minutes of argon2), and the invariants every test checks afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { makeCreditCode } from '@app/identity';

type Db = Client | Pool;
const DAY = 86_400_000;
const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function randomCode(): string {
  const bytes = randomBytes(8);
  let body = '';
  for (let i = 0; i < 8; i++) body += ORG_ALPHABET[bytes[i] % ORG_ALPHABET.length];
  return makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: body });
}

/** `n` different random codes: the bench seeds thousands, and one repeat fails the whole seed. */
function distinctCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(randomCode());
  return [...codes];
}

export interface SeedOptions {
  agencyId: string;
  challenges: number;
  bidsPerChallenge: number;
  mechanism?: 'open_call' | 'horse_race';
  track?: 'core_tech' | 'pm_major';
  parallelSlots?: number;
  budgetFen: number;
  maxAwardFen?: number | null;
  /** Each bid's request (fen) and total investment; tranches split the request over `parts` milestones. */
  requestFen?: number;
  totalInvestmentFen?: number;
  parts?: number;
  /** Horse-race stages: ends (ms from now) and advancing slots. */
  stages?: { endsInMs: number; advancingSlots: number }[];
}

export interface SeededChallenge {
  challengeId: string;
  bids: { bidId: string; organizationId: string }[];
}

/** Closed challenges owned by `agencyId`, each with `bidsPerChallenge` submitted bids of distinct organisations. */
export async function seedClosedChallenges(db: Db, o: SeedOptions): Promise<SeededChallenge[]> {
  const mechanism = o.mechanism ?? 'horse_race';
  const slots = mechanism === 'open_call' ? 1 : (o.parallelSlots ?? 3);
  const request = o.requestFen ?? 1_000_000_000;
  const total = o.totalInvestmentFen ?? request * 2;
  const parts = o.parts ?? 2;
  const stages =
    mechanism === 'horse_race'
      ? (
          o.stages ?? [
            { endsInMs: 150 * DAY, advancingSlots: Math.max(1, slots - 1) },
            { endsInMs: 250 * DAY, advancingSlots: Math.max(1, slots - 2) },
          ]
        ).map((s, i) => ({
          name: `第${i + 1}阶段`,
          endsAt: new Date(Date.now() + s.endsInMs).toISOString(),
          advancingSlots: s.advancingSlots,
        }))
      : [];
  const out: SeededChallenge[] = [];
  const n = o.challenges * o.bidsPerChallenge;
  const orgIds = Array.from({ length: n }, () => randomUUID());
  await db.query(
    `INSERT INTO organizations (id, name, kind, credit_code) SELECT id, '测试机构 ' || id, 'enterprise', code FROM unnest($1::uuid[], $2::text[]) AS x(id, code)`,
    [orgIds, distinctCodes(n)],
  );
  for (let i = 0; i < o.challenges; i++) {
    const { rows } = await db.query(
      `INSERT INTO challenges (title, summary, industry, field, mechanism, track, budget_fen, max_award_fen, parallel_slots, stages, objectives,
                               eligibility, bid_deadline, project_ends_at, status, agency_id, agency_organization_id, published_at, closed_at)
       VALUES ($1, 'seeded', 'optical_comm_computing', 'key_components', $2, $3, $4, $5, $6, $7::jsonb,
               '[{"metric":"算力","target":100,"unit":"TOPS"}]'::jsonb,
               '{"orgKinds":["enterprise"],"consortiumAllowed":false,"maxMembers":1}'::jsonb,
               now() - interval '1 hour', now() + interval '400 days', 'closed', $8,
               (SELECT organization_id FROM users WHERE id = $8), now() - interval '2 hours', now())
       RETURNING id`,
      [
        `赛马测试榜单 ${i}`,
        mechanism,
        o.track ?? 'core_tech',
        o.budgetFen,
        o.maxAwardFen ?? null,
        slots,
        JSON.stringify(stages),
        o.agencyId,
      ],
    );
    const challengeId = rows[0].id as string;
    const orgs = orgIds.slice(i * o.bidsPerChallenge, (i + 1) * o.bidsPerChallenge);
    const bidIds = orgs.map(() => randomUUID());
    await db.query(
      `INSERT INTO bids (id, challenge_id, organization_id, submitted_by, status, total_investment_fen, requested_funding_fen, proposal, receipt_hash, submitted_at)
       SELECT id, $1, org, $2, 'submitted', $3, $4, '{"text":"seeded","approach":null}'::jsonb, repeat('0', 64), now() - interval '90 minutes'
         FROM unnest($5::uuid[], $6::uuid[]) AS x(id, org)`,
      [challengeId, o.agencyId, total, request, bidIds, orgs],
    );
    const base = Math.floor(request / parts);
    const tranches = Array.from({ length: parts }, (_, k) => (k === parts - 1 ? request - base * (parts - 1) : base));
    for (let k = 0; k < parts; k++) {
      await db.query(
        `INSERT INTO bid_milestones (bid_id, seq, title, due_at, deliverable, tranche_fen)
         SELECT id, $2, $3, now() + $4 * interval '1 millisecond', '交付物', $5 FROM unnest($1::uuid[]) AS x(id)`,
        [bidIds, k, `里程碑 ${k + 1}`, (100 + k * 100) * DAY, tranches[k]],
      );
    }
    out.push({ challengeId, bids: bidIds.map((bidId, k) => ({ bidId, organizationId: orgs[k] })) });
  }
  return out;
}

export interface InvariantReport {
  challenges: number;
  projects: number;
  overBudget: string[];
  overSlots: string[];
  countersOff: string[];
  projectsOverCap: string[];
  tranchesOff: string[];
}

/**
 * What must hold whatever happened: no challenge over its budget or slots, the counters equal to
 * the sums of the rows (terminated projects count what was paid), every project within its cap
 * (and within 50% of its base and 30,000,000 CNY on the core-technology track), its tranches
 * adding up to its grant.
 */
export async function checkInvariants(db: Db, challengeIds?: string[]): Promise<InvariantReport> {
  const filter = challengeIds ? `WHERE c.id = ANY($1::uuid[])` : '';
  const params = challengeIds ? [challengeIds] : [];
  const { rows } = await db.query(
    `SELECT c.id, c.budget_fen::bigint AS budget, c.parallel_slots, c.awarded_fen::bigint AS awarded_fen, c.awarded_count,
            coalesce(sum(CASE WHEN p.status = 'terminated' THEN p.paid_fen ELSE p.granted_fen END), 0)::bigint AS sum_fen,
            count(p.id) FILTER (WHERE p.status <> 'terminated')::int AS n_live, count(p.id)::int AS n
       FROM challenges c LEFT JOIN projects p ON p.challenge_id = c.id ${filter}
      GROUP BY c.id`,
    params,
  );
  const report: InvariantReport = {
    challenges: rows.length,
    projects: 0,
    overBudget: [],
    overSlots: [],
    countersOff: [],
    projectsOverCap: [],
    tranchesOff: [],
  };
  for (const r of rows) {
    report.projects += r.n;
    if (BigInt(r.awarded_fen) > BigInt(r.budget) || BigInt(r.sum_fen) > BigInt(r.budget)) report.overBudget.push(r.id);
    if (r.awarded_count > r.parallel_slots || r.n_live > r.parallel_slots) report.overSlots.push(r.id);
    if (BigInt(r.awarded_fen) !== BigInt(r.sum_fen) || r.awarded_count !== r.n_live) report.countersOff.push(r.id);
  }
  const pfilter = challengeIds ? `AND p.challenge_id = ANY($1::uuid[])` : '';
  const over = await db.query(
    `SELECT p.id FROM projects p JOIN challenges c ON c.id = p.challenge_id
      WHERE (p.granted_fen > p.cap_fen OR p.granted_fen > p.requested_fen OR p.paid_fen > p.granted_fen
             OR (c.max_award_fen IS NOT NULL AND p.granted_fen > c.max_award_fen)
             OR (p.rule_id = 'art4.core_tech' AND (p.granted_fen > p.total_investment_fen * 50 / 100 OR p.granted_fen > 3000000000))
             OR (p.rule_id = 'art4.pm_major' AND p.granted_fen > 10000000000)) ${pfilter}`,
    params,
  );
  report.projectsOverCap = over.rows.map((r) => r.id);
  const tranches = await db.query(
    `SELECT p.id FROM projects p JOIN project_milestones m ON m.project_id = p.id WHERE true ${pfilter}
      GROUP BY p.id, p.granted_fen HAVING sum(m.tranche_fen) <> p.granted_fen`,
    params,
  );
  report.tranchesOff = tranches.rows.map((r) => r.id);
  return report;
}
