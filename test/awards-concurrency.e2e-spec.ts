import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { Pool } from 'pg';
import { Agent, request } from 'node:http';
import { AwardsService } from '@app/awards/awards.service';
import { checkInvariants, seedClosedChallenges } from '@app/awards/testing/seed';
import { AuthUser, Role } from '@app/common/auth';
import { pgConstraint, pgErrorCode } from '@app/database/transaction';
import { TestApp, createTestApp } from './support/test-app';
import { Session, createStaff, loginAdmin } from './support/factories';

/*
 * Caps cannot break under concurrency. 500 award attempts at once over 20 challenges (5 slots,
 * 3,000,000,000 fen budget, 25 bids each, random amounts, some above the caps) — first through the
 * real HTTP server on many sockets, then through the service with the application's checks
 * switched off, so that only the database's CHECK constraints stand between the attempts and an
 * overrun. Afterwards: no challenge over its budget or slots, every project within its cap, the
 * counters equal to the sums of the rows.
 */
jest.setTimeout(300_000);
const API = '/api/v1';
const CHALLENGES = 20;
const BIDS = 25;
const SLOTS = 5;
const BUDGET = 3_000_000_000;

/** Amounts from 300,000,000 to 1,200,000,000 fen: a fifth are above the request and the 50% cap (1,000,000,000). */
const amount = (i: number) => 300_000_000 + ((i * 7_919_011) % 900_000_001);

/** One POST on its own socket from a pool of many (supertest would send them one by one). */
function post(agent: Agent, port: number, path: string, token: string, body: object): Promise<{ status: number; body: unknown }> {
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
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode as number, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe('awards: caps hold under concurrency', () => {
  let t: TestApp;
  let agency: Session;
  let pool: Pool;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLICITY_PERIOD: 'PT1H' } });
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pool = new Pool({ connectionString: t.databaseUrl, max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await t.close();
  });

  it('500 award attempts in parallel through the real HTTP server', async () => {
    const seeded = await seedClosedChallenges(pool, {
      agencyId: agency.userId,
      challenges: CHALLENGES,
      bidsPerChallenge: BIDS,
      parallelSlots: SLOTS,
      budgetFen: BUDGET,
    });
    // Half of the challenges also have a per-award maximum.
    await pool.query(`UPDATE challenges SET max_award_fen = 900000000 WHERE id = ANY($1::uuid[])`, [
      seeded.filter((_, i) => i % 2).map((s) => s.challengeId),
    ]);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 128 });
    const attempts = shuffle(seeded.flatMap((s) => s.bids.map((b) => ({ challengeId: s.challengeId, bidId: b.bidId }))));
    expect(attempts).toHaveLength(500);
    const statuses = await Promise.all(
      attempts.map(async (a, i) => {
        const res = await post(agent, port, `${API}/challenges/${a.challengeId}/awards`, agency.token, {
          bidId: a.bidId,
          amountFen: amount(i),
        });
        return `${res.status}${res.status === 201 ? '' : ` ${(res.body as { code?: string }).code}`}`;
      }),
    );
    agent.destroy();
    const tally = statuses.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    // Only answers the rules give: created, no slot / not closed (409), a limit (422). Never a 500.
    for (const key of Object.keys(tally)) {
      expect([
        '201',
        '409 awards.challenge_not_closed',
        '409 awards.no_slot_left',
        '409 awards.bid_not_awardable',
        '422 awards.exceeds_request',
        '422 awards.exceeds_max_award',
        '422 policy.rate_exceeded',
        '422 policy.budget_exceeded',
      ]).toContain(key);
    }
    const created = tally['201'] ?? 0;
    expect(created).toBeGreaterThan(CHALLENGES); // the test must actually award
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM projects`);
    expect(rows[0].n).toBe(created);
    const report = await checkInvariants(
      pool,
      seeded.map((s) => s.challengeId),
    );
    expect(report).toMatchObject({
      challenges: CHALLENGES,
      projects: created,
      overBudget: [],
      overSlots: [],
      countersOff: [],
      projectsOverCap: [],
      tranchesOff: [],
    });
    // A challenge whose slots are all taken is awarded, and none of its bids is left undecided.
    const full = await pool.query(
      `SELECT c.id, c.status, count(b.id) FILTER (WHERE b.status IN ('submitted', 'shortlisted'))::int AS open
         FROM challenges c JOIN bids b ON b.challenge_id = c.id WHERE c.awarded_count = c.parallel_slots GROUP BY c.id`,
    );
    for (const c of full.rows) expect([c.status, c.open]).toEqual(['awarded', 0]);
  });

  it('500 attempts through the service with the application check bypassed: the CHECK constraints alone hold', async () => {
    const seeded = await seedClosedChallenges(pool, {
      agencyId: agency.userId,
      challenges: CHALLENGES,
      bidsPerChallenge: BIDS,
      parallelSlots: SLOTS,
      budgetFen: BUDGET,
    });
    const awards = t.app.get(AwardsService);
    const dataSource = t.app.get(DataSource);
    const user: AuthUser = {
      id: agency.userId,
      email: agency.email,
      displayName: 'agency',
      role: Role.Agency,
      // The officer acts for the agency organisation that the seeded challenges belong to.
      organizationId: agency.organizationId,
    };
    const attempts = shuffle(seeded.flatMap((s) => s.bids.map((b) => ({ challengeId: s.challengeId, bidId: b.bidId }))));
    const outcomes = await Promise.all(
      attempts.map(async (a, i) => {
        try {
          await dataSource.transaction((em) =>
            awards.awardIn(em, a.challengeId, { bidId: a.bidId, amountFen: amount(i) }, user, { checks: false }),
          );
          return 'ok';
        } catch (err) {
          return pgErrorCode(err) === '23514' ? `check ${pgConstraint(err)}` : `other ${(err as Error).message}`;
        }
      }),
    );
    const tally = outcomes.reduce<Record<string, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});
    // Every refusal came from the database's CHECKs: budget, slots, the project's cap.
    for (const key of Object.keys(tally)) {
      expect([
        'ok',
        'check CHK_challenges_awarded_fen',
        'check CHK_challenges_awarded_count',
        'check CHK_projects_granted',
      ]).toContain(key);
    }
    expect(tally['check CHK_projects_granted']).toBeGreaterThan(0);
    expect((tally['check CHK_challenges_awarded_fen'] ?? 0) + (tally['check CHK_challenges_awarded_count'] ?? 0)).toBeGreaterThan(
      0,
    );
    const report = await checkInvariants(
      pool,
      seeded.map((s) => s.challengeId),
    );
    expect(report).toMatchObject({
      challenges: CHALLENGES,
      projects: tally.ok,
      overBudget: [],
      overSlots: [],
      countersOff: [],
      projectsOverCap: [],
      tranchesOff: [],
    });
  });
});
