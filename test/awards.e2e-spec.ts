import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import Redis from 'ioredis';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { finaliseGateIfDue } from '@app/awards/gate-finalise';
import { checkInvariants } from '@app/awards/testing/seed';
import { bidBody, challengeBody, isoIn } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

// Set-up registers teams and staff (argon2): longer than Jest's default.
jest.setTimeout(120_000);
const API = '/api/v1';
const PROBLEM = /^application\/problem\+json/;
const DAY = 86_400_000;
type Team = Session & { creditCode: string };
type Res = { status: number; headers: Record<string, string>; body: Record<string, any> };

const raceBody = (over: Record<string, unknown> = {}) =>
  challengeBody({
    mechanism: 'horse_race',
    parallelSlots: 3,
    budgetFen: 3_000_000_000,
    stages: [
      { name: '第一阶段', endsAt: isoIn(150 * DAY), advancingSlots: 2 },
      { name: '第二阶段', endsAt: isoIn(250 * DAY), advancingSlots: 1 },
    ],
    ...over,
  });

describe('awards and the horse race', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let otherAgency: Session;
  let pm: Session;
  let reviewer: Session;
  let teams: Team[];
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { MIN_BID_WINDOW: 'PT1S', PUBLICITY_PERIOD: 'PT1H' } });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    teams = [];
    for (let i = 0; i < 5; i++) teams.push(await registerTeam(t.http));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  function expectProblem(res: Res, status: number, code?: string) {
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(code ? { code } : {}) } });
    expect(res.headers['content-type']).toMatch(PROBLEM);
  }

  /** A published challenge with one bid per team given (bid bodies by index), then closed (deadline moved into the past). */
  async function closedChallenge(body: Record<string, unknown>, bids: Record<string, unknown>[], close = true) {
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(body);
    if (c.status !== 201) throw new Error(`create: ${c.status} ${JSON.stringify(c.body)}`);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)).expect(200);
    const bidIds: string[] = [];
    for (let i = 0; i < bids.length; i++) {
      const b = await t.http.post(`${API}/challenges/${c.body.id}/bids`).set(bearer(teams[i])).send(bidBody(bids[i]));
      if (b.status !== 201) throw new Error(`bid: ${b.status} ${JSON.stringify(b.body)}`);
      bidIds.push(b.body.id);
    }
    if (close) {
      await db.query(
        `UPDATE challenges SET bid_deadline = now() - interval '1 second', status = 'closed', closed_at = now() WHERE id = $1`,
        [c.body.id],
      );
    }
    return { challengeId: c.body.id as string, bidIds };
  }
  const award = (challengeId: string, body: object, who: Session = agency, key?: string) => {
    const req = t.http.post(`${API}/challenges/${challengeId}/awards`).set(bearer(who));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const gate = (challengeId: string, n: number | string, body: object, key?: string) => {
    const req = t.http.post(`${API}/challenges/${challengeId}/stages/${n}/gate`).set(bearer(agency));
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const endStage = (challengeId: string, index: number) =>
    db.query(
      `UPDATE challenges SET stages = jsonb_set(stages, $2::text[], to_jsonb(now() - interval '1 second')) WHERE id = $1`,
      [challengeId, `{${index},endsAt}`],
    );
  const counters = async (challengeId: string) =>
    (
      await db.query(`SELECT status, awarded_fen::bigint::float8 AS fen, awarded_count AS count FROM challenges WHERE id = $1`, [
        challengeId,
      ])
    ).rows[0];
  const bidStatus = async (id: string) => (await db.query(`SELECT status FROM bids WHERE id = $1`, [id])).rows[0].status;
  const milestoneIds = async (projectId: string) =>
    (await db.query(`SELECT id FROM project_milestones WHERE project_id = $1 ORDER BY seq`, [projectId])).rows.map(
      (r) => r.id as string,
    );
  /** The gate's publicity period ends with no objection: its result becomes final (what the GatePublicityEnd job does). */
  const finaliseGate = async (gateId: string) => {
    await db.query(`UPDATE stage_gates SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [gateId]);
    return t.app.get(DataSource).transaction((em) => finaliseGateIfDue(em, t.app.get(AuditService), gateId, null));
  };
  const setMilestone = (projectId: string, seq: number, status: string) =>
    db.query(`UPDATE project_milestones SET status = $3 WHERE project_id = $1 AND seq = $2`, [projectId, seq, status]);

  describe('an open call', () => {
    let challengeId: string;
    let bidIds: string[];
    let projectId: string;

    beforeAll(async () => {
      ({ challengeId, bidIds } = await closedChallenge(challengeBody(), [{ parts: 3 }, {}, {}]));
      await t.http.post(`${API}/challenges/${challengeId}/bids/${bidIds[2]}/withdraw`).set(bearer(teams[2]));
      // withdrawing needs the deadline ahead: do it in SQL instead (the bid is simply withdrawn)
      await db.query(`UPDATE bids SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1`, [bidIds[2]]);
    });

    it('only the owning agency awards (401 anonymous, 403 team and other agency); only from closed (409)', async () => {
      await t.http.post(`${API}/challenges/${challengeId}/awards`).send({ bidId: bidIds[0], amountFen: 1 }).expect(401);
      expectProblem(await award(challengeId, { bidId: bidIds[0], amountFen: 1 }, teams[0]), 403);
      expectProblem(await award(challengeId, { bidId: bidIds[0], amountFen: 1 }, otherAgency), 403, 'challenges.not_owner');
      const open = await closedChallenge(challengeBody(), [{}], false);
      expectProblem(await award(open.challengeId, { bidId: open.bidIds[0], amountFen: 1 }), 409, 'awards.challenge_not_closed');
      expectProblem(await award(challengeId, { bidId: open.bidIds[0], amountFen: 1 }), 404, 'bids.not_found');
    });

    it('malformed bodies are 400 with the field; a program manager must be one', async () => {
      for (const body of [
        { bidId: bidIds[0], amountFen: 0 },
        { bidId: bidIds[0], amountFen: '100' },
        { bidId: bidIds[0], amountFen: 1.5 },
        { bidId: 'nope', amountFen: 100 },
        { bidId: bidIds[0], amountFen: 100, extra: true },
      ]) {
        const res = await award(challengeId, body);
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      const res = await award(challengeId, { bidId: bidIds[0], amountFen: 100, programManagerId: reviewer.userId });
      expectProblem(res, 400, 'awards.not_a_program_manager');
      expect(res.body.errors).toEqual([{ field: 'programManagerId', message: 'is not an active program manager' }]);
    });

    it('never more than the bid asked for (422); a withdrawn bid is not awardable (409)', async () => {
      const res = await award(challengeId, { bidId: bidIds[0], amountFen: 1_000_000_001 });
      expectProblem(res, 422, 'awards.exceeds_request');
      expect(res.body).toMatchObject({
        rule: 'award.within_request',
        capFen: 1_000_000_000,
        allowedFen: 1_000_000_000,
        requestedFen: 1_000_000_001,
      });
      expectProblem(await award(challengeId, { bidId: bidIds[2], amountFen: 100 }), 409, 'awards.bid_not_awardable');
    });

    it('the award creates the project with the plan scaled to the amount; the open call is then awarded and the other bids rejected', async () => {
      const res = await award(challengeId, { bidId: bidIds[0], amountFen: 900_000_001, programManagerId: pm.userId }).expect(201);
      projectId = res.body.id;
      const orgName = (await db.query(`SELECT name FROM organizations WHERE id = $1`, [teams[0].organizationId])).rows[0].name;
      expect(res.body).toMatchObject({
        challengeId,
        bidId: bidIds[0],
        organizationId: teams[0].organizationId,
        organizationName: orgName,
        amountFen: 900_000_001,
        paidFen: 0,
        capFen: 1_000_000_000,
        ruleId: 'art4.core_tech',
        status: 'publicity',
        programManagerId: pm.userId,
        consortium: [],
      });
      // 333,333,333 / 333,333,333 / 333,333,334 scaled by 0.900000001: largest remainder, adding up exactly.
      const tranches = res.body.milestones.map((m: { trancheFen: number }) => m.trancheFen);
      expect(tranches.reduce((a: number, b: number) => a + b, 0)).toBe(900_000_001);
      expect(tranches).toEqual([300_000_000, 300_000_000, 300_000_001]);
      expect(
        res.body.milestones.every((m: { status: string; stageIndex: null }) => m.status === 'scheduled' && m.stageIndex === null),
      ).toBe(true);
      const publicityEndsAt = new Date(res.body.publicityEndsAt).getTime();
      expect(publicityEndsAt - new Date(res.body.createdAt).getTime()).toBe(3_600_000);

      expect(await counters(challengeId)).toEqual({ status: 'awarded', fen: 900_000_001, count: 1 });
      expect(await bidStatus(bidIds[0])).toBe('awarded');
      expect(await bidStatus(bidIds[1])).toBe('rejected');
      expect(await bidStatus(bidIds[2])).toBe('withdrawn');
      const { rows } = await db.query(
        `SELECT action, public, after FROM audit_entries WHERE challenge_id = $1 AND action LIKE 'award.%'`,
        [challengeId],
      );
      expect(rows).toEqual([
        expect.objectContaining({
          action: 'award.granted',
          public: true,
          after: expect.objectContaining({ amountFen: 900_000_001, bidStatus: 'awarded', challengeStatus: 'awarded' }),
        }),
      ]);
      expect((await t.http.get(`${API}/audit/verify`).set(bearer(admin))).body.ok).toBe(true);
    });

    it('an open call has one award (409 for a second)', async () => {
      expectProblem(await award(challengeId, { bidId: bidIds[1], amountFen: 100 }), 409, 'awards.challenge_not_closed');
    });

    describe('reading projects', () => {
      it('its team, its program manager, its agency and admins see it; nobody else (404)', async () => {
        for (const who of [teams[0], pm, agency, admin]) {
          const res = await t.http.get(`${API}/projects/${projectId}`).set(bearer(who)).expect(200);
          expect(res.body.milestones).toHaveLength(3);
          // The program manager's page names the organisation, not only its id.
          expect(res.body.organizationName).toBe(
            (await db.query(`SELECT name FROM organizations WHERE id = $1`, [teams[0].organizationId])).rows[0].name,
          );
          const list = await t.http.get(`${API}/projects?challengeId=${challengeId}`).set(bearer(who)).expect(200);
          expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([projectId]);
          // The list carries what a list screen shows, so it needs no request per project.
          const first = [...res.body.milestones].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
          expect(list.body.items[0]).toMatchObject({
            challengeTitle: expect.any(String),
            mechanism: 'open_call',
            organizationName: expect.stringMatching(/\S/),
            nextMilestone: {
              id: first.id,
              seq: first.seq,
              title: first.title,
              dueAt: first.dueAt,
              status: 'scheduled',
              trancheFen: first.trancheFen,
            },
          });
        }
        for (const who of [teams[1], otherAgency, reviewer]) {
          expectProblem(await t.http.get(`${API}/projects/${projectId}`).set(bearer(who)), 404, 'projects.not_found');
          expect(
            (await t.http.get(`${API}/projects?challengeId=${challengeId}`).set(bearer(who)).expect(200)).body.items,
          ).toEqual([]);
        }
        await t.http.get(`${API}/projects/${projectId}`).expect(401);
      });

      it('the public sees title, organisation, amount, paid, status, stage, publicity end and a merge only', async () => {
        const res = await t.http.get(`${API}/challenges/${challengeId}/results`).expect(200);
        expect(res.body.items).toHaveLength(1);
        expect(Object.keys(res.body.items[0]).sort()).toEqual([
          'amountFen',
          'mergedInto',
          'organizationName',
          'paidFen',
          'projectId',
          'publicityEndsAt',
          'stageReached',
          'status',
          'title',
        ]);
        expect(res.body.items[0]).toMatchObject({ projectId, amountFen: 900_000_001, status: 'publicity', mergedInto: null });
      });

      it('the agency assigns or replaces the program manager (403 others, 400 not a program manager)', async () => {
        const pm2 = await createStaff(t.http, admin, 'program_manager');
        expectProblem(
          await t.http.put(`${API}/projects/${projectId}/program-manager`).set(bearer(otherAgency)).send({ userId: pm2.userId }),
          403,
        );
        expectProblem(
          await t.http.put(`${API}/projects/${projectId}/program-manager`).set(bearer(agency)).send({ userId: reviewer.userId }),
          400,
          'awards.not_a_program_manager',
        );
        const res = await t.http
          .put(`${API}/projects/${projectId}/program-manager`)
          .set(bearer(agency))
          .send({ userId: pm2.userId })
          .expect(200);
        expect(res.body.programManagerId).toBe(pm2.userId);
        await t.http.get(`${API}/projects/${projectId}`).set(bearer(pm2)).expect(200);
        expectProblem(await t.http.get(`${API}/projects/${projectId}`).set(bearer(pm)), 404);
      });
    });
  });

  describe('limits: per-award maximum, the funding rule, the budget', () => {
    it('each is a 422 that says which limit and what was allowed; the sum of awards stays within the budget', async () => {
      const { challengeId, bidIds } = await closedChallenge(raceBody({ budgetFen: 2_500_000_000, maxAwardFen: 1_000_000_000 }), [
        {},
        {},
        {},
        {},
      ]);
      await db.query(`UPDATE challenges SET max_award_fen = 800000000 WHERE id = $1`, [challengeId]);
      const max = await award(challengeId, { bidId: bidIds[0], amountFen: 900_000_000 });
      expectProblem(max, 422, 'awards.exceeds_max_award');
      expect(max.body).toMatchObject({ rule: 'challenge.max_award', capFen: 800_000_000, allowedFen: 800_000_000 });
      await db.query(`UPDATE challenges SET max_award_fen = 1000000000 WHERE id = $1`, [challengeId]);

      // A bid whose base no longer supports its request (TEST-ONLY edit): the track's 50% rule refuses.
      await db.query(`UPDATE bids SET total_investment_fen = requested_funding_fen WHERE id = $1`, [bidIds[2]]);
      const rate = await award(challengeId, { bidId: bidIds[2], amountFen: 1_000_000_000 });
      expectProblem(rate, 422, 'policy.rate_exceeded');
      expect(rate.body).toMatchObject({
        rule: 'art4.core_tech',
        baseFen: 1_000_000_000,
        rateBp: 5000,
        capFen: 3_000_000_000,
        allowedFen: 500_000_000,
      });

      await award(challengeId, { bidId: bidIds[0], amountFen: 1_000_000_000 }).expect(201);
      await award(challengeId, { bidId: bidIds[1], amountFen: 1_000_000_000 }).expect(201);
      const budget = await award(challengeId, { bidId: bidIds[3], amountFen: 600_000_000 });
      expectProblem(budget, 422, 'policy.budget_exceeded');
      expect(budget.body).toMatchObject({ remainingBudgetFen: 500_000_000, allowedFen: 500_000_000 });
      const last = await award(challengeId, { bidId: bidIds[3], amountFen: 500_000_000 }).expect(201);
      expect(last.body.capFen).toBe(1_000_000_000);
      expect(await counters(challengeId)).toEqual({ status: 'awarded', fen: 2_500_000_000, count: 3 });
      expect(await bidStatus(bidIds[2])).toBe('rejected');
      expect(await checkInvariants(db, [challengeId])).toMatchObject({
        overBudget: [],
        overSlots: [],
        countersOff: [],
        projectsOverCap: [],
        tranchesOff: [],
      });
    });

    it('the database refuses an overrun even without the service (CHECK constraints)', async () => {
      const { challengeId } = await closedChallenge(raceBody(), []);
      await expect(db.query(`UPDATE challenges SET awarded_fen = budget_fen + 1 WHERE id = $1`, [challengeId])).rejects.toThrow(
        /CHK_challenges_awarded_fen/,
      );
      await expect(
        db.query(`UPDATE challenges SET awarded_count = parallel_slots + 1 WHERE id = $1`, [challengeId]),
      ).rejects.toThrow(/CHK_challenges_awarded_count/);
      const [p] = (await db.query(`SELECT id FROM projects LIMIT 1`)).rows;
      await expect(db.query(`UPDATE projects SET granted_fen = cap_fen + 1 WHERE id = $1`, [p.id])).rejects.toThrow(
        /CHK_projects_granted/,
      );
      await expect(db.query(`UPDATE projects SET paid_fen = granted_fen + 1 WHERE id = $1`, [p.id])).rejects.toThrow(
        /CHK_projects_paid/,
      );
    });
  });

  describe('who may be awarded', () => {
    it('with a review panel only shortlisted bids; without one, submitted bids too', async () => {
      const { challengeId, bidIds } = await closedChallenge(raceBody(), [{}, {}]);
      await t.http
        .post(`${API}/challenges/${challengeId}/reviewers`)
        .set(bearer(agency))
        .send({ userIds: [reviewer.userId] })
        .expect(200);
      const res = await award(challengeId, { bidId: bidIds[0], amountFen: 100_000_000 });
      expectProblem(res, 409, 'awards.bid_not_awardable');
      expect(res.body).toMatchObject({ bidStatus: 'submitted', reviewPanel: true });
      await db.query(`UPDATE bids SET status = 'shortlisted' WHERE id = $1`, [bidIds[0]]); // as the shortlist would
      await award(challengeId, { bidId: bidIds[0], amountFen: 100_000_000 }).expect(201);
      expectProblem(await award(challengeId, { bidId: bidIds[0], amountFen: 100_000_000 }), 409, 'awards.bid_not_awardable');
    });
  });

  describe('finishing', () => {
    it('the agency says done: closed → awarded with the slots awarded so far, other bids rejected; once', async () => {
      const { challengeId, bidIds } = await closedChallenge(raceBody(), [{}, {}, {}]);
      expectProblem(
        await t.http.post(`${API}/challenges/${challengeId}/awards/finish`).set(bearer(agency)),
        409,
        'awards.nothing_awarded',
      );
      await award(challengeId, { bidId: bidIds[0], amountFen: 1_000_000_000 }).expect(201);
      expectProblem(await t.http.post(`${API}/challenges/${challengeId}/awards/finish`).set(bearer(otherAgency)), 403);
      const res = await t.http.post(`${API}/challenges/${challengeId}/awards/finish`).set(bearer(agency)).expect(200);
      expect(res.body).toMatchObject({ challengeId, status: 'awarded', awardedCount: 1, awardedFen: 1_000_000_000 });
      expect([...res.body.rejectedBidIds].sort()).toEqual([bidIds[1], bidIds[2]].sort());
      expectProblem(
        await t.http.post(`${API}/challenges/${challengeId}/awards/finish`).set(bearer(agency)),
        409,
        'awards.challenge_not_closed',
      );
      expectProblem(await award(challengeId, { bidId: bidIds[1], amountFen: 1 }), 409, 'awards.challenge_not_closed');
    });
  });

  describe('a full horse race: 3 awards, gate to 2, gate to 1', () => {
    let challengeId: string;
    let p: string[];

    beforeAll(async () => {
      const c = await closedChallenge(raceBody(), [{}, {}, {}]);
      challengeId = c.challengeId;
      p = [];
      for (const bidId of c.bidIds) p.push((await award(challengeId, { bidId, amountFen: 1_000_000_000 }).expect(201)).body.id);
    });

    it('three awards fill the slots: the challenge is awarded; milestones map to stages by due date', async () => {
      expect(await counters(challengeId)).toEqual({ status: 'awarded', fen: 3_000_000_000, count: 3 });
      const res = await t.http.get(`${API}/projects/${p[0]}`).set(bearer(agency)).expect(200);
      expect(res.body.milestones.map((m: { stageIndex: number }) => m.stageIndex)).toEqual([0, 1]);
    });

    it('a gate cannot run before its stage has ended, nor out of order, nor on a stage that does not exist', async () => {
      const early = await gate(challengeId, 1, { advancing: [p[0], p[1]] });
      expectProblem(early, 409, 'awards.stage_not_ended');
      expectProblem(await gate(challengeId, 3, { advancing: [] }), 404, 'awards.no_such_stage');
      expectProblem(await gate(challengeId, 'x', { advancing: [] }), 400);
      // Reading a gate not run yet is an answer, not a 404 (results pages ask for every stage).
      const pending = await t.http.get(`${API}/challenges/${challengeId}/stages/1/gate`).expect(200);
      expect(pending.body).toMatchObject({ run: false, id: null, stage: 1, decidedAt: null, advancing: [], eliminated: [] });
      expect(pending.body.advancingSlots).toBeGreaterThan(0);
      expectProblem(await t.http.get(`${API}/challenges/${challengeId}/stages/3/gate`), 404, 'awards.no_such_stage');
      await endStage(challengeId, 1);
      expectProblem(await gate(challengeId, 2, { advancing: [p[0]] }), 409, 'awards.previous_gate_pending');
      await db.query(
        `UPDATE challenges SET stages = jsonb_set(stages, '{1,endsAt}', to_jsonb(now() + interval '250 days')) WHERE id = $1`,
        [challengeId],
      );
      await endStage(challengeId, 0);
    });

    it('gate 1 → 2: at most advancingSlots, only projects in the race, a reason when the evidence does not decide', async () => {
      // Evidence for stage 1: p0 met, p1 met, p2 partially met (and half its tranche paid).
      await setMilestone(p[0], 0, 'met');
      await setMilestone(p[1], 0, 'met');
      await setMilestone(p[2], 0, 'partially_met');
      await db.query(`UPDATE projects SET paid_fen = 250000000 WHERE id = $1`, [p[2]]);

      expectProblem(await gate(challengeId, 1, { advancing: [p[0], p[1], p[2]] }), 409, 'awards.too_many_advancing');
      expectProblem(
        await gate(challengeId, 1, { advancing: [p[0], '7a1f2c1e-0000-4000-8000-000000000000'] }),
        409,
        'awards.not_in_race',
      );
      const needsReason = await gate(challengeId, 1, { advancing: [p[0], p[2]] });
      expectProblem(needsReason, 409, 'awards.tie_break_required');
      // p0 ties with the stopped p1 (2 points each) and p2 has fewer: both advancing ones are named.
      expect(needsReason.body.stopped).toEqual([p[1]]);
      expect([...needsReason.body.advancing].sort()).toEqual([p[0], p[2]].sort());
      expectProblem(await gate(challengeId, 1, { advancing: [p[0], p[0]] }), 400, 'awards.invalid_gate');

      // The preview (its agency only): what the gate would be judged on now, best first, decided nothing.
      const evidence = `${API}/challenges/${challengeId}/stages/1/evidence`;
      const preview = await t.http.get(evidence).set(bearer(agency)).expect(200);
      expect(preview.body).toMatchObject({
        stage: 1,
        advancingSlots: 2,
        ended: true,
        gateRun: false,
        previousGatePending: false,
      });
      expect(preview.body.evidence.map((e: { projectId: string; points: number }) => [e.projectId, e.points])).toEqual([
        ...[p[0], p[1]].sort().map((id) => [id, 2]),
        [p[2], 1],
      ]);
      expectProblem(await t.http.get(evidence).set(bearer(otherAgency)), 403, 'challenges.not_owner');
      await t.http.get(evidence).expect(401);
      expect(
        (await t.http.get(`${API}/challenges/${challengeId}/stages/2/evidence`).set(bearer(agency)).expect(200)).body,
      ).toMatchObject({
        ended: false,
        previousGatePending: true,
      });

      const res = await gate(challengeId, 1, { advancing: [p[1], p[0]] }, 'gate-1').expect(200);
      expect(res.body.evidence).toEqual(preview.body.evidence);
      expect(res.body).toMatchObject({
        challengeId,
        stage: 1,
        stageName: '第一阶段',
        advancingSlots: 2,
        advancing: [p[1], p[0]],
        eliminated: [p[2]],
        tieBreakReason: null,
      });
      expect(res.body.tieRule).toMatch(/tieBreak\.reason/);
      // The evidence: every project in the race with its stage-1 milestones, best first.
      expect(res.body.evidence.map((e: { projectId: string; points: number }) => [e.projectId, e.points])).toEqual([
        ...[p[0], p[1]].sort().map((id) => [id, 2]),
        [p[2], 1],
      ]);
      expect(res.body.evidence[2].milestones).toEqual([
        expect.objectContaining({ seq: 0, status: 'partially_met', trancheFen: 500_000_000 }),
      ]);
      // Published, not final (公示期): the project to be stopped still runs, nothing is cancelled yet.
      expect(res.body).toMatchObject({ phase: 'in_publicity', cancelled: [], finalisedAt: null });
      const [m0, m1] = await milestoneIds(p[2]);
      const running = await t.http.get(`${API}/projects/${p[2]}`).set(bearer(agency)).expect(200);
      expect(running.body.status).toBe('publicity');
      expect(running.body.milestones.map((m: { status: string }) => m.status)).toEqual(['partially_met', 'scheduled']);
      // Final at the end of the period: the eliminated project's unpaid future tranche is cancelled; what was decided and paid stays.
      expect(await finaliseGate(res.body.id)).toMatchObject({
        kind: 'finalised',
        cancelled: [{ projectId: p[2], milestoneId: m1, trancheFen: 500_000_000 }],
      });
      const eliminated = await t.http.get(`${API}/projects/${p[2]}`).set(bearer(agency)).expect(200);
      expect(eliminated.body).toMatchObject({ status: 'eliminated', paidFen: 250_000_000, amountFen: 1_000_000_000 });
      expect(eliminated.body.milestones.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([
        [m0, 'partially_met'],
        [m1, 'cancelled'],
      ]);
      expect((await t.http.get(`${API}/projects/${p[0]}`).set(bearer(agency))).body).toMatchObject({
        stageReached: 1,
        status: 'publicity',
      });

      // The same key replays the answer; another body with it is refused; a second gate is a conflict.
      const replay = await gate(challengeId, 1, { advancing: [p[1], p[0]] }, 'gate-1').expect(200);
      expect(replay.body).toEqual(res.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expectProblem(await gate(challengeId, 1, { advancing: [p[0], p[1]] }, 'gate-1'), 422, 'idempotency.key_reused');
      expectProblem(await gate(challengeId, 1, { advancing: [p[1], p[0]] }), 409, 'awards.gate_already_run');
      // Public result.
      const pub = await t.http.get(`${API}/challenges/${challengeId}/stages/1/gate`).expect(200);
      expect(pub.body).toMatchObject({
        run: true,
        id: res.body.id,
        advancing: [p[1], p[0]],
        eliminated: [p[2]],
        phase: 'final',
        cancelled: [{ projectId: p[2], milestoneId: m1, trancheFen: 500_000_000 }],
      });
    });

    it('gate 2 → 1: a tie broken with a reason; the eliminated project cannot come back', async () => {
      await endStage(challengeId, 1);
      await setMilestone(p[0], 1, 'met');
      await setMilestone(p[1], 1, 'met');
      expectProblem(await gate(challengeId, 2, { advancing: [p[2]] }), 409, 'awards.not_in_race');
      const tie = await gate(challengeId, 2, { advancing: [p[0]] });
      expectProblem(tie, 409, 'awards.tie_break_required');
      expect(tie.body).toMatchObject({ stopped: [p[1]], advancing: [p[0]] });
      // Advancing the whole tied group would stop no one: not allowed at the last slot.
      expectProblem(await gate(challengeId, 2, { advancing: [p[0], p[1]] }), 409, 'awards.too_many_advancing');
      const res = await gate(challengeId, 2, {
        advancing: [p[0]],
        tieBreak: { reason: '现场答辩得分更高 (higher score at the hearing)' },
      }).expect(200);
      expect(res.body).toMatchObject({
        advancing: [p[0]],
        eliminated: [p[1]],
        tieBreakReason: '现场答辩得分更高 (higher score at the hearing)',
        cancelled: [],
      });
      expect(await finaliseGate(res.body.id)).toMatchObject({ kind: 'finalised', cancelled: [] });
      const statuses = (await db.query(`SELECT id, status, stage_reached FROM projects WHERE challenge_id = $1`, [challengeId]))
        .rows;
      expect(Object.fromEntries(statuses.map((r) => [r.id, [r.status, r.stage_reached]]))).toEqual({
        [p[0]]: ['publicity', 2],
        [p[1]]: ['eliminated', 1],
        [p[2]]: ['eliminated', 0],
      });
      const audit = (
        await db.query(`SELECT after FROM audit_entries WHERE challenge_id = $1 AND action = 'gate.decided' ORDER BY seq`, [
          challengeId,
        ])
      ).rows;
      expect(audit.map((a) => [a.after.stage, a.after.eliminated, a.after.tieBreakReason])).toEqual([
        [1, [p[2]], null],
        [2, [p[1]], '现场答辩得分更高 (higher score at the hearing)'],
      ]);
      // Counters unchanged by elimination (granted money stays granted; unpaid tranches are cancelled).
      expect(await checkInvariants(db, [challengeId])).toMatchObject({
        overBudget: [],
        overSlots: [],
        countersOff: [],
        projectsOverCap: [],
      });
    });

    it('gates are for horse races that finished awarding', async () => {
      const open = await closedChallenge(challengeBody(), []);
      expectProblem(await gate(open.challengeId, 1, { advancing: [] }), 409, 'awards.not_a_horse_race');
      const race = await closedChallenge(raceBody(), []);
      await endStage(race.challengeId, 0);
      expectProblem(await gate(race.challengeId, 1, { advancing: [] }), 409, 'awards.challenge_not_awarded');
    });
  });

  describe('publicity and objections', () => {
    let challengeId: string;
    let bidIds: string[];
    let p: string[];

    beforeAll(async () => {
      ({ challengeId, bidIds } = await closedChallenge(raceBody(), [{}, {}, {}, {}]));
      p = [];
      for (const bidId of bidIds.slice(0, 2))
        p.push((await award(challengeId, { bidId, amountFen: 1_000_000_000 }).expect(201)).body.id);
    });
    const object = (projectId: string, who: Session, reason = '该团队的关键指标系伪造 (the key figures are fabricated)') =>
      t.http.post(`${API}/projects/${projectId}/objections`).set(bearer(who)).send({ reason });
    const resolve = (projectId: string, oid: string, body: object, who: Session = agency, key?: string) => {
      const req = t.http.post(`${API}/projects/${projectId}/objections/${oid}/resolve`).set(bearer(who));
      if (key) req.set('Idempotency-Key', key);
      return req.send(body);
    };

    it('an upheld objection revokes the award and returns its money to the budget', async () => {
      await t.http.post(`${API}/projects/${p[0]}/objections`).send({ reason: 'x' }).expect(401);
      expectProblem(await object(p[0], teams[3], ''), 400);
      const o = await object(p[0], teams[3]).expect(201);
      expect(o.body).toMatchObject({ projectId: p[0], status: 'open' });
      expect(await counters(challengeId)).toEqual({ status: 'closed', fen: 2_000_000_000, count: 2 });

      expectProblem(await resolve(p[0], o.body.id, { decision: 'upheld', comment: '查实' }, otherAgency), 403);
      expectProblem(await resolve(p[0], o.body.id, { decision: 'upheld', comment: '查实' }, teams[0]), 403);
      expectProblem(await resolve(p[0], o.body.id, { decision: 'maybe', comment: '查实' }), 400);
      const res = await resolve(
        p[0],
        o.body.id,
        { decision: 'upheld', comment: '经核查属实 (verified)' },
        agency,
        'resolve-1',
      ).expect(200);
      expect(res.body).toMatchObject({
        objection: { id: o.body.id, status: 'upheld', resolutionComment: '经核查属实 (verified)' },
        projectStatus: 'terminated',
        returnedFen: 1_000_000_000,
        challengeAwardedFen: 1_000_000_000,
        challengeAwardedCount: 1,
      });
      const replay = await resolve(
        p[0],
        o.body.id,
        { decision: 'upheld', comment: '经核查属实 (verified)' },
        agency,
        'resolve-1',
      ).expect(200);
      expect(replay.body).toEqual(res.body);
      expectProblem(await resolve(p[0], o.body.id, { decision: 'dismissed', comment: 'x' }), 409, 'awards.objection_resolved');

      expect(await counters(challengeId)).toEqual({ status: 'closed', fen: 1_000_000_000, count: 1 });
      expect(await bidStatus(bidIds[0])).toBe('rejected');
      const project = await t.http.get(`${API}/projects/${p[0]}`).set(bearer(agency)).expect(200);
      expect(project.body.status).toBe('terminated');
      expect(project.body.milestones.every((m: { status: string }) => m.status === 'cancelled')).toBe(true);
      const actions = (
        await db.query(`SELECT action FROM audit_entries WHERE subject_id = $1 ORDER BY recorded_at, seq`, [p[0]])
      ).rows.map((r) => r.action);
      expect(actions).toEqual(['award.granted', 'objection.lodged', 'objection.upheld']);

      // The money and the slot are free again: two more awards fit (3 slots, 3,000,000,000 budget).
      await award(challengeId, { bidId: bidIds[2], amountFen: 1_000_000_000 }).expect(201);
      await award(challengeId, { bidId: bidIds[3], amountFen: 1_000_000_000 }).expect(201);
      expect(await counters(challengeId)).toEqual({ status: 'awarded', fen: 3_000_000_000, count: 3 });
      expect(await checkInvariants(db, [challengeId])).toMatchObject({
        overBudget: [],
        overSlots: [],
        countersOff: [],
        projectsOverCap: [],
        tranchesOff: [],
      });
    });

    it('a dismissed objection lets the project proceed, at once if its publicity is over; none after publicity', async () => {
      const o = await object(p[1], admin).expect(201);
      const o2 = await object(p[1], teams[4]).expect(201);
      // Publicity ends while objections are open: the project stays in publicity until they are resolved.
      await db.query(`UPDATE projects SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [p[1]]);
      expectProblem(await object(p[1], teams[3]), 409, 'awards.publicity_over');
      const first = await resolve(p[1], o.body.id, { decision: 'dismissed', comment: '不成立' }).expect(200);
      expect(first.body).toMatchObject({ projectStatus: 'publicity', returnedFen: 0 });
      const second = await resolve(p[1], o2.body.id, { decision: 'dismissed', comment: '不成立' }).expect(200);
      expect(second.body).toMatchObject({ projectStatus: 'active', returnedFen: 0, challengeAwardedFen: 3_000_000_000 });
      // The objector sees their own objection; the agency sees all.
      expect((await t.http.get(`${API}/projects/${p[1]}/objections`).set(bearer(teams[4])).expect(200)).body.items).toHaveLength(
        1,
      );
      expect((await t.http.get(`${API}/projects/${p[1]}/objections`).set(bearer(agency)).expect(200)).body.items).toHaveLength(2);
    });

    it('the public ledger says an objection was lodged, never by whom; the full ledger keeps the author', async () => {
      const race = await closedChallenge(raceBody(), [{}]);
      const projectId = (await award(race.challengeId, { bidId: race.bidIds[0], amountFen: 1_000_000_000 }).expect(201)).body.id;
      const objector = teams[3];
      const o = await object(projectId, objector).expect(201);
      // A row as recorded before this rule: its actor is hashed into the chain, so it stays in the row.
      await t.app.get(DataSource).transaction((em) =>
        t.app.get(AuditService).record(em, {
          challengeId: race.challengeId,
          actorId: objector.userId,
          action: 'objection.lodged',
          subjectType: 'project',
          subjectId: projectId,
          after: { objectionId: o.body.id, status: 'open' },
          public: true,
        }),
      );

      const ledger = await t.http.get(`${API}/audit?challengeId=${race.challengeId}&limit=100`).expect(200);
      const published = JSON.stringify(ledger.body);
      expect(published).not.toContain(objector.userId);
      expect(published).not.toContain(objector.organizationId as string);
      const lodged = ledger.body.items.filter((e: { action: string }) => e.action === 'objection.lodged');
      expect(lodged).toHaveLength(2);
      for (const e of lodged) expect(e).toMatchObject({ actorId: null, after: { objectionId: o.body.id, status: 'open' } });
      // Staff decisions still show the official who took them.
      expect(ledger.body.items.find((e: { action: string }) => e.action === 'award.granted').actorId).toBe(agency.userId);

      const author = await db.query(
        `SELECT actor_id, public, after FROM audit_entries WHERE action = 'objection.author' AND subject_id = $1`,
        [o.body.id],
      );
      expect(author.rows).toEqual([
        { actor_id: objector.userId, public: false, after: { projectId, organizationId: objector.organizationId } },
      ]);
      expect((await t.http.get(`${API}/audit/verify`).expect(200)).body.ok).toBe(true);
    });
  });

  describe('Idempotency-Key', () => {
    let challengeId: string;
    let bidIds: string[];
    beforeAll(async () => {
      ({ challengeId, bidIds } = await closedChallenge(raceBody(), [{}, {}, {}]));
    });

    it('same key and body replays the first answer (one project); another body is 422; per user; kept 24 h', async () => {
      const body = { bidId: bidIds[0], amountFen: 700_000_000 };
      const first = await award(challengeId, body, agency, 'award-0001').expect(201);
      const again = await award(challengeId, body, agency, 'award-0001').expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect((await db.query(`SELECT count(*)::int AS n FROM projects WHERE bid_id = $1`, [bidIds[0]])).rows[0].n).toBe(1);
      const other = await award(challengeId, { ...body, amountFen: 700_000_001 }, agency, 'award-0001');
      expectProblem(other, 422, 'idempotency.key_reused');
      // Keys are per user: another agency's identical key is its own request (and not theirs to make).
      expectProblem(await award(challengeId, body, otherAgency, 'award-0001'), 403);
      const redis = new Redis(t.config.redisUrl);
      try {
        const stored = `${t.config.redisPrefix}:idem:${agency.userId}:${createHash('sha256').update('award-0001').digest('hex')}`;
        expect(JSON.parse((await redis.get(stored)) as string)).toMatchObject({
          s: 'd',
          status: 201,
          body: { id: first.body.id },
        });
        const ttl = await redis.pttl(stored);
        expect(ttl).toBeGreaterThan(23 * 3_600_000);
        expect(ttl).toBeLessThanOrEqual(24 * 3_600_000);
      } finally {
        redis.disconnect();
      }
    });

    it('a failed request releases its key (nothing happened); while the first is in flight, 409', async () => {
      const bad = await award(challengeId, { bidId: bidIds[1], amountFen: 2_000_000_000 }, agency, 'award-0002');
      expectProblem(bad, 422, 'awards.exceeds_request');
      await award(challengeId, { bidId: bidIds[1], amountFen: 800_000_000 }, agency, 'award-0002').expect(201);

      const body = { bidId: bidIds[2], amountFen: 800_000_000 };
      const url = `${API}/challenges/${challengeId}/awards`;
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      const redis = new Redis(t.config.redisUrl);
      try {
        const key = `${t.config.redisPrefix}:idem:${agency.userId}:${sha('award-0003')}`;
        await redis.set(
          key,
          JSON.stringify({ s: 'p', f: sha(canonicalize({ method: 'POST', url, body }) as string), t: 'x' }),
          'PX',
          60_000,
        );
        expectProblem(await award(challengeId, body, agency, 'award-0003'), 409, 'idempotency.in_flight');
        await redis.del(key);
      } finally {
        redis.disconnect();
      }
      await award(challengeId, body, agency, 'award-0003').expect(201);
      expectProblem(await award(challengeId, body, agency, 'x'.repeat(256)), 400, 'idempotency.invalid_key');
    });
  });
});
