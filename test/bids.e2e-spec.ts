import { Client } from 'pg';
import { receiptHash } from '@app/bids/receipt';
import { bidBody, challengeBody, isoIn, passDeadline } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, randomCreditCode, registerTeam } from './support/factories';

// Set-up registers many organisations and users (argon2 hashing): longer than Jest's default.
jest.setTimeout(60_000);
const API = '/api/v1';
const PROBLEM = /^application\/problem\+json/;
const DAY = 86_400_000;
type Team = Session & { creditCode: string };

describe('bids', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { MIN_BID_WINDOW: 'PT1S' } });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const published = async (over: Record<string, unknown> = {}): Promise<string> => {
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody(over));
    if (c.status !== 201) throw new Error(`create: ${c.status} ${JSON.stringify(c.body)}`);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)).expect(200);
    return c.body.id as string;
  };
  const submit = (challengeId: string, who: Session, body: object) =>
    t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(who)).send(body);
  const team = (over: Record<string, unknown> = {}): Promise<Team> => registerTeam(t.http, over);

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: Record<string, any> },
    status: number,
    code?: string,
  ) {
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(code ? { code } : {}) } });
    expect(res.headers['content-type']).toMatch(PROBLEM);
  }

  describe('submitting', () => {
    let challengeId: string;
    beforeAll(async () => {
      challengeId = await published();
    });

    it('a team bids and gets a receipt: SHA-256 of the canonical bid and the server time, recorded in the ledger', async () => {
      const a = await team();
      const body = bidBody();
      const res = await submit(challengeId, a, body).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        challengeId,
        organizationId: a.organizationId,
        status: 'submitted',
        totalInvestmentFen: 2_000_000_000,
        requestedFundingFen: 1_000_000_000,
        proposal: body.proposal,
        consortium: [],
        revision: 1,
        receipt: { algorithm: 'sha-256', hash: res.body.receiptHash, serverTime: res.body.submittedAt },
      });
      expect(res.body.milestones.map((m: { trancheFen: number }) => m.trancheFen)).toEqual([500_000_000, 500_000_000]);
      // The team can recompute the hash from what it sent and the server time.
      const recomputed = receiptHash({
        challengeId,
        organizationId: a.organizationId as string,
        submittedAt: new Date(res.body.submittedAt),
        bid: {
          totalInvestmentFen: body.totalInvestmentFen,
          requestedFundingFen: body.requestedFundingFen,
          proposal: body.proposal,
          consortium: [],
          milestones: body.milestones.map((m) => ({ ...m, dueAt: new Date(m.dueAt) })),
        },
      });
      expect(res.body.receiptHash).toBe(recomputed);
      // The ledger has the hash, and nothing of the contents.
      const { rows } = await db.query(`SELECT action, after, public FROM audit_entries WHERE subject_id = $1`, [res.body.id]);
      expect(rows).toEqual([
        {
          action: 'bid.submitted',
          public: false,
          after: {
            status: 'submitted',
            organizationId: a.organizationId,
            receiptHash: recomputed,
            submittedAt: res.body.submittedAt,
            revision: 1,
          },
        },
      ]);
      // submittedAt is the database's time
      const [{ submitted_at }] = (await db.query(`SELECT submitted_at FROM bids WHERE id = $1`, [res.body.id])).rows;
      expect(submitted_at.toISOString()).toBe(res.body.submittedAt);
    });

    it('a plain-string proposal is accepted as text only', async () => {
      const res = await submit(challengeId, await team(), bidBody({ proposal: '只有文字的方案' })).expect(201);
      expect(res.body.proposal).toEqual({ text: '只有文字的方案', approach: null });
    });

    it('only team users bid (401 anonymous, 403 agency), and only on a published challenge (404 draft)', async () => {
      await t.http.post(`${API}/challenges/${challengeId}/bids`).send(bidBody()).expect(401);
      expectProblem(await submit(challengeId, agency, bidBody()), 403);
      const draft = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
      expectProblem(await submit(draft.body.id, await team(), bidBody()), 404, 'challenges.not_found');
    });

    it('an organisation of a kind the challenge does not admit is refused (403)', async () => {
      const institute = await team({ kind: 'institute' });
      expectProblem(await submit(challengeId, institute, bidBody()), 403, 'bids.organization_not_eligible');
    });

    it('one live bid per organisation (409); after withdrawing, it may bid again', async () => {
      const a = await team();
      const first = await submit(challengeId, a, bidBody()).expect(201);
      expectProblem(await submit(challengeId, a, bidBody()), 409, 'bids.duplicate');
      await t.http.post(`${API}/challenges/${challengeId}/bids/${first.body.id}/withdraw`).set(bearer(a)).expect(200);
      await submit(challengeId, a, bidBody()).expect(201);
    });

    it('two simultaneous bids of one organisation: exactly one wins', async () => {
      const a = await team();
      const results = await Promise.all(Array.from({ length: 6 }, () => submit(challengeId, a, bidBody())));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM bids WHERE organization_id = $1 AND challenge_id = $2`, [
        a.organizationId,
        challengeId,
      ]);
      expect(rows[0].n).toBe(1);
    });

    it('PUT replaces the bid with a new receipt; withdraw withdraws it; another team gets 404', async () => {
      const a = await team();
      const b = await team();
      const first = await submit(challengeId, a, bidBody()).expect(201);
      const url = `${API}/challenges/${challengeId}/bids/${first.body.id}`;
      expectProblem(await t.http.put(url).set(bearer(b)).send(bidBody()), 404, 'bids.not_found');
      const replaced = await t.http
        .put(url)
        .set(bearer(a))
        .send(bidBody({ requestedFundingFen: 900_000_000, parts: 3 }))
        .expect(200);
      expect(replaced.body).toMatchObject({ id: first.body.id, revision: 2, requestedFundingFen: 900_000_000 });
      expect(replaced.body.milestones).toHaveLength(3);
      expect(replaced.body.receiptHash).not.toBe(first.body.receiptHash);
      expectProblem(await t.http.post(`${url}/withdraw`).set(bearer(b)), 404);
      const withdrawn = await t.http.post(`${url}/withdraw`).set(bearer(a)).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
      expectProblem(await t.http.put(url).set(bearer(a)).send(bidBody()), 409, 'bids.not_submitted');
      const { rows } = await db.query(`SELECT action, before, after FROM audit_entries WHERE subject_id = $1 ORDER BY seq`, [
        first.body.id,
      ]);
      expect(rows.map((r) => r.action)).toEqual(['bid.submitted', 'bid.replaced', 'bid.withdrawn']);
      expect(rows[1].after.receiptHash).toBe(replaced.body.receiptHash);
      expect(JSON.stringify(rows)).not.toContain('我们的方案');
    });
  });

  describe('funding rules at the boundaries (422 with rule, base, rate, cap and the largest amount)', () => {
    let core: string;
    let pm: string;
    beforeAll(async () => {
      core = await published({ budgetFen: 20_000_000_000 });
      pm = await published({ track: 'pm_major', budgetFen: 30_000_000_000 });
    });

    const oneMilestone = (requestedFundingFen: number, totalInvestmentFen: number) =>
      bidBody({ requestedFundingFen, totalInvestmentFen, parts: 1 });

    it('core_tech: 50% of total investment, exactly allowed and 1 fen over', async () => {
      // floor(1_000_000_001 × 50%) = 500_000_000
      await submit(core, await team(), oneMilestone(500_000_000, 1_000_000_001)).expect(201);
      const res = await submit(core, await team(), oneMilestone(500_000_001, 1_000_000_001));
      expectProblem(res, 422, 'policy.rate_exceeded');
      expect(res.body).toMatchObject({
        rule: 'art4.core_tech',
        baseFen: 1_000_000_001,
        rateBp: 5000,
        rateLimitFen: 500_000_000,
        capFen: 3_000_000_000,
        allowedFen: 500_000_000,
        requestedFen: 500_000_001,
      });
    });

    it('core_tech: 30,000,000 CNY cap, exactly allowed and 1 fen over', async () => {
      await submit(core, await team(), oneMilestone(3_000_000_000, 10_000_000_000)).expect(201);
      const res = await submit(core, await team(), oneMilestone(3_000_000_001, 10_000_000_000));
      expectProblem(res, 422, 'policy.cap_exceeded');
      expect(res.body).toMatchObject({
        rule: 'art4.core_tech',
        baseFen: 10_000_000_000,
        rateBp: 5000,
        capFen: 3_000_000_000,
        allowedFen: 3_000_000_000,
      });
    });

    it('core_tech: cap and 50% both, 1 fen below is allowed', async () => {
      await submit(core, await team(), oneMilestone(2_999_999_999, 6_000_000_000)).expect(201);
      await submit(core, await team(), oneMilestone(499_999_999, 1_000_000_000)).expect(201);
    });

    it('pm_major: 100,000,000 CNY cap, exactly allowed and 1 fen over; no 50% rule by default', async () => {
      await submit(pm, await team(), oneMilestone(10_000_000_000, 20_000_000_000)).expect(201);
      const res = await submit(pm, await team(), oneMilestone(10_000_000_001, 20_000_000_002));
      expectProblem(res, 422, 'policy.cap_exceeded');
      expect(res.body).toMatchObject({ rule: 'art4.pm_major', rateBp: null, capFen: 10_000_000_000, allowedFen: 10_000_000_000 });
      // 50% ± 1 fen is no limit on this track: 100% of the investment may be requested.
      await submit(pm, await team(), oneMilestone(500_000_001, 1_000_000_001)).expect(201);
      await submit(pm, await team(), oneMilestone(1_000_000_001, 1_000_000_001)).expect(201);
    });

    it('the challenge’s per-award maximum and budget bound the request', async () => {
      const capped = await published({ budgetFen: 2_000_000_000, maxAwardFen: 1_000_000_000 });
      await submit(capped, await team(), oneMilestone(1_000_000_000, 5_000_000_000)).expect(201);
      const res = await submit(capped, await team(), oneMilestone(1_000_000_001, 5_000_000_000));
      expectProblem(res, 422, 'policy.max_award_exceeded');
      expect(res.body).toMatchObject({
        allowedFen: 1_000_000_000,
        maxAwardFen: 1_000_000_000,
        remainingBudgetFen: 2_000_000_000,
      });
      const small = await published({ budgetFen: 700_000_000 });
      expectProblem(await submit(small, await team(), oneMilestone(700_000_001, 5_000_000_000)), 422, 'policy.budget_exceeded');
    });

    it('asking for more than the total investment is a 400', async () => {
      const res = await submit(pm, await team(), oneMilestone(2_000, 1_000));
      expectProblem(res, 400, 'bids.invalid');
      expect(res.body.errors).toContainEqual({ field: 'requestedFundingFen', message: 'must not exceed totalInvestmentFen' });
    });
  });

  describe('milestones, tranches and the approach', () => {
    let challengeId: string;
    beforeAll(async () => {
      challengeId = await published();
    });
    const withTranches = (tranches: number[], requestedFundingFen: number) => {
      const body = bidBody({ requestedFundingFen, parts: tranches.length });
      body.milestones.forEach((m, i) => (m.trancheFen = tranches[i]));
      return body;
    };

    it('tranches must add up exactly to the request (±1 fen refused)', async () => {
      for (const tranches of [
        [500_000_000, 499_999_999],
        [500_000_000, 500_000_001],
      ]) {
        const res = await submit(challengeId, await team(), withTranches(tranches, 1_000_000_000));
        expectProblem(res, 400, 'bids.invalid');
        expect(res.body.errors).toEqual([
          {
            field: 'milestones',
            message: `tranches must add up exactly to requestedFundingFen (1000000000 fen); they add up to ${tranches[0] + tranches[1]} fen`,
          },
        ]);
      }
      await submit(challengeId, await team(), withTranches([1, 999_999_999], 1_000_000_000)).expect(201);
    });

    it('milestones are due in the future and not after the project ends; fractions of fen are refused', async () => {
      const body = bidBody();
      body.milestones[0].dueAt = isoIn(-DAY);
      body.milestones[1].dueAt = isoIn(500 * DAY);
      const res = await submit(challengeId, await team(), body);
      expectProblem(res, 400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['milestones[0].dueAt', 'milestones[1].dueAt']);
      const fraction = bidBody();
      fraction.milestones[0].trancheFen = 0.5;
      const res2 = await submit(challengeId, await team(), fraction);
      expectProblem(res2, 400, 'validation_failed');
      expect(res2.body.errors).toContainEqual({ field: 'milestones[0].trancheFen', message: 'must be an integer number of fen' });
    });

    it('the approach answers each objective exactly once', async () => {
      const missing = bidBody();
      missing.proposal.approach = [{ metric: '算力', plan: 'x' }];
      const res = await submit(challengeId, await team(), missing);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual([
        { field: 'proposal.approach', message: 'must address objective 2 of the challenge (metric “能效”)' },
      ]);
      const unknown = bidBody();
      unknown.proposal.approach.push({ metric: '体积', plan: 'y' });
      expect((await submit(challengeId, await team(), unknown)).body.errors).toEqual([
        { field: 'proposal.approach[2].metric', message: 'is not one of the challenge’s objectives' },
      ]);
    });

    it('unknown fields are refused', async () => {
      const res = await submit(challengeId, await team(), { ...bidBody(), requestedFen: 1 });
      expectProblem(res, 400, 'validation_failed');
      expect(res.body.errors).toContainEqual({ field: 'requestedFen', message: 'is not an allowed field' });
    });
  });

  describe('consortia', () => {
    let challengeId: string;
    let closedToConsortia: string;
    beforeAll(async () => {
      challengeId = await published();
      closedToConsortia = await published({ eligibility: { orgKinds: ['enterprise'], consortiumAllowed: false, maxMembers: 1 } });
    });
    const consortium = (lead: Team, members: { creditCode: string; sharePercent: number }[], leadShare: number) => [
      { creditCode: lead.creditCode, role: 'lead', sharePercent: leadShare },
      ...members.map((m) => ({ ...m, role: 'member' })),
    ];

    it('a lead with registered, eligible members whose shares add up to 100', async () => {
      const lead = await team();
      const uni = await team({ kind: 'university' });
      const res = await submit(
        challengeId,
        lead,
        bidBody({ consortium: consortium(lead, [{ creditCode: uni.creditCode.toLowerCase(), sharePercent: 40 }], 60) }),
      ).expect(201);
      const name = async (id: string | null) =>
        (await db.query(`SELECT name FROM organizations WHERE id = $1`, [id])).rows[0].name;
      const expected = [
        {
          creditCode: lead.creditCode,
          organizationId: lead.organizationId,
          organizationName: await name(lead.organizationId),
          role: 'lead',
          sharePercent: 60,
        },
        {
          creditCode: uni.creditCode,
          organizationId: uni.organizationId,
          organizationName: await name(uni.organizationId),
          role: 'member',
          sharePercent: 40,
        },
      ];
      expect(res.body.consortium).toEqual(expected);
      // Read back (the view the reviewer's and the team's bid pages show): the same names.
      const read = await t.http.get(`${API}/challenges/${challengeId}/bids/${res.body.id}`).set(bearer(lead)).expect(200);
      expect(read.body.consortium).toEqual(expected);
    });

    it('refuses what breaks the consortium rules (400, each field named)', async () => {
      const lead = await team();
      const m1 = await team();
      const m2 = await team();
      const m3 = await team();
      const institute = await team({ kind: 'institute' });
      const cases: [unknown, { field: string; message: string }][] = [
        [
          consortium(lead, [{ creditCode: m1.creditCode, sharePercent: 30 }], 60),
          { field: 'consortium', message: 'shares must add up to 100 percent (they add up to 90)' },
        ],
        [
          consortium(
            lead,
            [m1, m2, m3].map((m) => ({ creditCode: m.creditCode, sharePercent: 10 })),
            70,
          ),
          { field: 'consortium', message: 'has 4 organisations, lead included; this challenge allows at most 3' },
        ],
        [
          [
            { creditCode: m1.creditCode, role: 'member', sharePercent: 50 },
            { creditCode: m2.creditCode, role: 'member', sharePercent: 50 },
          ],
          { field: 'consortium', message: 'must list the bidding organisation (the lead) with its share' },
        ],
        [
          consortium(lead, [{ creditCode: randomCreditCode(), sharePercent: 50 }], 50),
          { field: 'consortium[1].creditCode', message: 'is not a registered organisation (members must register first)' },
        ],
        [
          consortium(lead, [{ creditCode: institute.creditCode, sharePercent: 50 }], 50),
          {
            field: 'consortium[1].creditCode',
            message: 'is an organisation of kind institute, which this challenge does not admit (enterprise, university)',
          },
        ],
        [
          consortium(
            lead,
            [
              { creditCode: m1.creditCode, sharePercent: 25 },
              { creditCode: m1.creditCode, sharePercent: 25 },
            ],
            50,
          ),
          { field: 'consortium[2].creditCode', message: 'appears twice in the consortium' },
        ],
        [
          [
            { creditCode: lead.creditCode, role: 'lead', sharePercent: 50 },
            { creditCode: m1.creditCode, role: 'lead', sharePercent: 50 },
          ],
          { field: 'consortium[1].role', message: 'must be member: the lead is the bidding organisation' },
        ],
      ];
      for (const [c, error] of cases) {
        const res = await submit(challengeId, lead, bidBody({ consortium: c }));
        expectProblem(res, 400, 'bids.invalid');
        expect(res.body.errors).toContainEqual(error);
      }
      const notAllowed = await submit(
        closedToConsortia,
        lead,
        bidBody({ consortium: consortium(lead, [{ creditCode: m1.creditCode, sharePercent: 50 }], 50) }),
      );
      expectProblem(notAllowed, 400, 'bids.invalid');
      expect(notAllowed.body.errors).toEqual([
        { field: 'consortium', message: 'is not allowed: this challenge does not accept consortia' },
      ]);
    });

    it('a member of a live consortium cannot lead its own bid, nor join another consortium (409) — until that bid is withdrawn', async () => {
      const lead = await team();
      const member = await team();
      const other = await team();
      const bid = await submit(
        challengeId,
        lead,
        bidBody({ consortium: consortium(lead, [{ creditCode: member.creditCode, sharePercent: 30 }], 70) }),
      ).expect(201);
      expectProblem(await submit(challengeId, member, bidBody()), 409, 'bids.member_in_another_bid');
      const res = await submit(
        challengeId,
        other,
        bidBody({ consortium: consortium(other, [{ creditCode: member.creditCode, sharePercent: 30 }], 70) }),
      );
      expectProblem(res, 409, 'bids.member_in_another_bid');
      expect(res.body.creditCodes).toEqual([member.creditCode]);
      // and a lead of a live bid cannot be listed as someone else's member
      expectProblem(
        await submit(
          challengeId,
          other,
          bidBody({ consortium: consortium(other, [{ creditCode: lead.creditCode, sharePercent: 30 }], 70) }),
        ),
        409,
        'bids.member_in_another_bid',
      );
      await t.http.post(`${API}/challenges/${challengeId}/bids/${bid.body.id}/withdraw`).set(bearer(lead)).expect(200);
      await submit(challengeId, member, bidBody()).expect(201);
    });

    it('race: a consortium naming B and B’s own bid, submitted at once — exactly one wins', async () => {
      for (let round = 0; round < 3; round++) {
        const lead = await team();
        const b = await team();
        const [x, y] = await Promise.all([
          submit(
            challengeId,
            lead,
            bidBody({ consortium: consortium(lead, [{ creditCode: b.creditCode, sharePercent: 30 }], 70) }),
          ),
          submit(challengeId, b, bidBody()),
        ]);
        expect([x.status, y.status].sort()).toEqual([201, 409]);
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM bid_participants WHERE challenge_id = $1 AND organization_id = $2 AND live`,
          [challengeId, b.organizationId],
        );
        expect(rows[0].n).toBe(1);
      }
    });
  });

  describe('after the deadline every write is a 409', () => {
    it('POST, PUT and withdraw', async () => {
      const challengeId = await published();
      const a = await team();
      const bid = await submit(challengeId, a, bidBody()).expect(201);
      await passDeadline(t.databaseUrl, challengeId);
      expectProblem(await submit(challengeId, await team(), bidBody()), 409, 'bids.deadline_passed');
      const url = `${API}/challenges/${challengeId}/bids/${bid.body.id}`;
      expectProblem(await t.http.put(url).set(bearer(a)).send(bidBody()), 409, 'bids.deadline_passed');
      expectProblem(await t.http.post(`${url}/withdraw`).set(bearer(a)), 409, 'bids.deadline_passed');
      // the team still reads its own bid
      await t.http.get(url).set(bearer(a)).expect(200);
    });

    it('a cancelled challenge takes no bids', async () => {
      const challengeId = await published();
      await t.http.post(`${API}/challenges/${challengeId}/cancel`).set(bearer(agency)).send({}).expect(200);
      expectProblem(await submit(challengeId, await team(), bidBody()), 409, 'bids.challenge_not_open');
    });
  });

  describe('exports for awards', () => {
    it('getForAward and markOutcome work inside a caller’s transaction', async () => {
      const { BidsService } = await import('@app/bids');
      const { DataSource } = await import('typeorm');
      const bids = t.app.get(BidsService);
      const ds = t.app.get(DataSource);
      const challengeId = await published();
      const lead = await team();
      const member = await team();
      const bid = await submit(
        challengeId,
        lead,
        bidBody({
          consortium: [
            { creditCode: lead.creditCode, role: 'lead', sharePercent: 80 },
            { creditCode: member.creditCode, role: 'member', sharePercent: 20 },
          ],
        }),
      ).expect(201);
      const loser = await submit(challengeId, await team(), bidBody()).expect(201);
      const loaded = await ds.transaction((em) => bids.getForAward(em, bid.body.id, challengeId));
      expect(loaded).toMatchObject({
        id: bid.body.id,
        organizationId: lead.organizationId,
        requestedFundingFen: 1_000_000_000,
        status: 'submitted',
        consortium: [
          { organizationId: lead.organizationId, role: 'lead', sharePercent: 80 },
          { organizationId: member.organizationId, role: 'member', sharePercent: 20 },
        ],
      });
      expect(loaded.milestones.map((m) => m.trancheFen)).toEqual([500_000_000, 500_000_000]);
      await ds.transaction(async (em) => {
        await bids.markOutcome(em, challengeId, [bid.body.id], 'awarded', agency.userId);
        expect(await bids.rejectRemaining(em, challengeId, agency.userId)).toEqual([loser.body.id]);
      });
      const { rows } = await db.query(`SELECT id, status FROM bids WHERE challenge_id = $1 ORDER BY status`, [challengeId]);
      expect(rows).toEqual([
        { id: bid.body.id, status: 'awarded' },
        { id: loser.body.id, status: 'rejected' },
      ]);
      await expect(
        ds.transaction((em) => bids.markOutcome(em, challengeId, [loser.body.id], 'awarded', null)),
      ).rejects.toMatchObject({
        kind: 'conflict',
      });
    });
  });
});
