import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { seedClosedChallenges } from '@app/awards/testing/seed';
import { challengeBody } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin } from './support/factories';

jest.setTimeout(60_000);
const API = '/api/v1';

/** GET /challenges/:id/results: public results with the money paid, stage reached and publicity end; nothing sealed. */
describe('public results with money paid', () => {
  let t: TestApp;
  let db: Client;
  let agency: Session;
  let challengeId: string;
  let bids: { bidId: string; organizationId: string }[];
  const projects: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLICITY_PERIOD: 'PT1H' } });
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const [seeded] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 1,
      bidsPerChallenge: 3,
      parallelSlots: 3,
      budgetFen: 5_000_000_000,
    });
    challengeId = seeded.challengeId;
    bids = seeded.bids;
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const results = async () => (await t.http.get(`${API}/challenges/${challengeId}/results`).expect(200)).body;

  it('before any award: no items and zero totals', async () => {
    expect(await results()).toEqual({ challengeId, awardedFen: 0, paidFen: 0, items: [], nextCursor: null });
  });

  it('each project’s amount, paid, stage and publicity end; challenge totals; no bid data', async () => {
    for (const [i, amountFen] of [
      [0, 500_000_000],
      [1, 400_000_003],
    ] as const) {
      const res = await t.http
        .post(`${API}/challenges/${challengeId}/awards`)
        .set(bearer(agency))
        .send({ bidId: bids[i].bidId, amountFen })
        .expect(201);
      projects.push(res.body.id);
    }
    // Payments and gates belong to milestones and stage gates: set the counters they keep directly.
    await db.query(`UPDATE projects SET paid_fen = 250000000, stage_reached = 1 WHERE id = $1`, [projects[0]]);
    await db.query(`UPDATE projects SET paid_fen = 1 WHERE id = $1`, [projects[1]]);

    const body = await results();
    expect(Object.keys(body).sort()).toEqual(['awardedFen', 'challengeId', 'items', 'nextCursor', 'paidFen']);
    expect(body).toMatchObject({ challengeId, awardedFen: 900_000_003, paidFen: 250_000_001, nextCursor: null });
    const project = (await t.http.get(`${API}/projects/${projects[0]}`).set(bearer(agency)).expect(200)).body;
    expect(body.items).toEqual([
      {
        projectId: projects[0],
        title: expect.any(String),
        organizationName: `测试机构 ${bids[0].organizationId}`,
        amountFen: 500_000_000,
        paidFen: 250_000_000,
        status: 'publicity',
        stageReached: 1,
        publicityEndsAt: project.publicityEndsAt,
        mergedInto: null,
      },
      expect.objectContaining({ projectId: projects[1], amountFen: 400_000_003, paidFen: 1, stageReached: 0 }),
    ]);
    const ends = Date.parse(body.items[0].publicityEndsAt);
    expect(ends).toBeGreaterThan(Date.now() + 55 * 60_000);
    expect(ends).toBeLessThanOrEqual(Date.now() + 61 * 60_000);
    // Nothing sealed or internal: no bid ids, organisation ids, requests or receipts.
    const text = JSON.stringify(body);
    for (const b of bids) {
      expect(text).not.toContain(b.bidId);
      expect(text).not.toContain(`"${b.organizationId}"`);
    }
    expect(text).not.toMatch(/requested|receipt|proposal|score/i);
    // Money as integer fen numbers.
    for (const v of [
      body.awardedFen,
      body.paidFen,
      ...body.items.flatMap((i: Record<string, number>) => [i.amountFen, i.paidFen]),
    ]) {
      expect(Number.isSafeInteger(v)).toBe(true);
    }
  });

  it('404 for a draft or unknown challenge', async () => {
    const draft = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    await t.http.get(`${API}/challenges/${draft.body.id}/results`).expect(404);
    await t.http.get(`${API}/challenges/${randomUUID()}/results`).expect(404);
  });
});
