import { Client } from 'pg';
import { GatePublicityEndJob } from '@app/awards/gate-publicity-end.job';
import { endStage as endStageOf, raceAtFirstGate } from './support/horse-race';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

/*
 * A horse-race gate's result is published (公示期) before it is final: the stopped project keeps
 * running and may object; the agency resolves; the real worker makes the gate final at the end of
 * its period (PUBLICITY_PERIOD=PT1H, moved into the past in SQL; the reconcile job, every 2 s,
 * re-schedules the job at the new time), never while an objection is open.
 */
jest.setTimeout(180_000);
const API = '/api/v1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Res = { status: number; body: Record<string, any> };

describe('gate publicity and objections', () => {
  let t: TestApp;
  let worker: TestWorker;
  let agency: Session;
  let otherAgency: Session;
  let reviewer: Session;
  let teams: Session[];
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', PUBLICITY_PERIOD: 'PT1H', RECONCILE_EVERY: 'PT2S' } });
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    teams = [];
    for (let i = 0; i < 3; i++) teams.push(await registerTeam(t.http));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    worker = await createTestWorker(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await db.end();
    await t.close();
  });

  const expectProblem = (res: Res, status: number, code?: string) =>
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(code ? { code } : {}) } });

  const race = () => raceAtFirstGate({ http: t.http, db, agency, teams });
  const endStage = (challengeId: string, index: number) => endStageOf(db, challengeId, index);
  const runGate = (challengeId: string, n: number, advancing: string[]) =>
    t.http.post(`${API}/challenges/${challengeId}/stages/${n}/gate`).set(bearer(agency)).send({ advancing });
  const objections = (challengeId: string) => `${API}/challenges/${challengeId}/stages/1/gate/objections`;
  const lodge = (challengeId: string, who: Session, projectId: string) =>
    t.http.post(objections(challengeId)).set(bearer(who)).send({ projectId, reason: '第一阶段里程碑评定有误' });
  const resolve = (challengeId: string, oid: string, body: object, who: Session = agency) =>
    t.http
      .post(`${objections(challengeId)}/${oid}/resolve`)
      .set(bearer(who))
      .send(body);
  const project = async (id: string) =>
    (await db.query(`SELECT status, stage_reached FROM projects WHERE id = $1`, [id])).rows[0] as {
      status: string;
      stage_reached: number;
    };
  const milestones = async (id: string) =>
    (await db.query(`SELECT status FROM project_milestones WHERE project_id = $1 ORDER BY seq`, [id])).rows.map((r) => r.status);
  const publicGate = async (challengeId: string) =>
    (await t.http.get(`${API}/challenges/${challengeId}/stages/1/gate`).expect(200)).body;
  const endPeriod = (gateId: string) =>
    db.query(`UPDATE stage_gates SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [gateId]);
  async function waitForPhase(challengeId: string, phase: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await publicGate(challengeId)).phase === phase) return;
      await sleep(250);
    }
    throw new Error(`gate of ${challengeId} is ${(await publicGate(challengeId)).phase}, not ${phase}`);
  }

  describe('an objection, dismissed', () => {
    let c: string;
    let p: string[];
    let gateId: string;
    let oid: string;

    beforeAll(async () => ({ challengeId: c, p } = await race()));

    it('the gate is published: the project to be stopped still runs; the next gate waits', async () => {
      const res = await runGate(c, 1, [p[0], p[1]]).expect(200);
      gateId = res.body.id;
      expect(res.body).toMatchObject({ phase: 'in_publicity', eliminated: [p[2]], cancelled: [], finalisedAt: null });
      const ends = new Date(res.body.publicityEndsAt).getTime() - new Date(res.body.decidedAt).getTime();
      expect(Math.abs(ends - 3_600_000)).toBeLessThan(1_000);
      expect(await project(p[2])).toEqual({ status: 'publicity', stage_reached: 0 });
      expect(await milestones(p[2])).toEqual(['partially_met', 'scheduled']);
      expect(await publicGate(c)).toMatchObject({ run: true, phase: 'in_publicity', publicityEndsAt: res.body.publicityEndsAt });
      await endStage(c, 1);
      expectProblem(await runGate(c, 2, [p[0]]), 409, 'awards.previous_gate_not_final');
    });

    it('only the stopped project’s lead organisation objects, once at a time; anonymous, reviewers, agencies and other teams cannot', async () => {
      await t.http.post(objections(c)).send({ projectId: p[2], reason: 'x' }).expect(401);
      expectProblem(await lodge(c, reviewer, p[2]), 403);
      expectProblem(await lodge(c, agency, p[2]), 403);
      expectProblem(await lodge(c, teams[0], p[2]), 403, 'awards.not_project_lead');
      expectProblem(await lodge(c, teams[0], p[0]), 409, 'awards.gate_not_stopping');
      const bad = await t.http.post(objections(c)).set(bearer(teams[2])).send({ reason: '缺少项目' });
      expectProblem(bad, 400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('projectId');
      const o = await lodge(c, teams[2], p[2]).expect(201);
      oid = o.body.id;
      expect(o.body).toMatchObject({ projectId: p[2], gateId, status: 'open' });
      expectProblem(await lodge(c, teams[2], p[2]), 409, 'awards.gate_objection_open');
      // Who sees it: the agency and the objecting team; another team sees none of it.
      expect((await t.http.get(objections(c)).set(bearer(agency)).expect(200)).body.items).toHaveLength(1);
      expect((await t.http.get(objections(c)).set(bearer(teams[2])).expect(200)).body.items).toHaveLength(1);
      expect((await t.http.get(objections(c)).set(bearer(teams[0])).expect(200)).body.items).toHaveLength(0);
      // Only the challenge's agency resolves.
      expectProblem(await resolve(c, oid, { decision: 'upheld', comment: 'x' }, teams[2]), 403);
      expectProblem(await resolve(c, oid, { decision: 'upheld', comment: 'x' }, reviewer), 403);
      expectProblem(await resolve(c, oid, { decision: 'upheld', comment: 'x' }, otherAgency), 403, 'challenges.not_owner');
    });

    it('the open objection holds the project running past the period’s end; dismissed → final, milestones cancelled', async () => {
      await endPeriod(gateId);
      await waitForPhase(c, 'held', 10_000);
      await sleep(5_000); // a reconcile pass or two, and the job has run: still held
      expect((await publicGate(c)).phase).toBe('held');
      expect(await project(p[2])).toMatchObject({ status: 'publicity' });
      expectProblem(await lodge(c, teams[2], p[2]), 409, 'awards.gate_publicity_over');
      const res = await resolve(c, oid, { decision: 'dismissed', comment: '评定无误' }).expect(200);
      expect(res.body.objection).toMatchObject({ status: 'dismissed', resolutionComment: '评定无误' });
      expect(res.body.gate).toMatchObject({ phase: 'final', eliminated: [p[2]] });
      expect(res.body.gate.cancelled).toEqual([expect.objectContaining({ projectId: p[2], trancheFen: 500_000_000 })]);
      expect(await project(p[2])).toEqual({ status: 'eliminated', stage_reached: 0 });
      expect(await milestones(p[2])).toEqual(['partially_met', 'cancelled']);
      expect(await project(p[0])).toEqual({ status: 'publicity', stage_reached: 1 });
      expectProblem(await resolve(c, oid, { decision: 'upheld', comment: 'x' }), 409, 'awards.objection_resolved');
      // Final: the next gate may run now.
      await t.http
        .post(`${API}/challenges/${c}/stages/2/gate`)
        .set(bearer(agency))
        .send({ advancing: [p[0]], tieBreak: { reason: '答辩得分更高' } })
        .expect(200);
      const audit = (
        await db.query(`SELECT action, public FROM audit_entries WHERE challenge_id = $1 AND action LIKE 'gate%' ORDER BY seq`, [
          c,
        ])
      ).rows;
      expect(audit.map((a) => a.action)).toEqual([
        'gate.decided',
        'gate_objection.lodged',
        'gate_objection.dismissed',
        'gate.finalised',
        'gate.decided',
      ]);
    });
  });

  describe('an objection upheld; no objection → final at the period’s end by the worker', () => {
    let c: string;
    let p: string[];
    let gateId: string;

    beforeAll(async () => ({ challengeId: c, p } = await race()));

    it('upheld with every slot taken needs stopInstead; that project is stopped instead and gets a period of its own', async () => {
      gateId = (await runGate(c, 1, [p[0], p[1]]).expect(200)).body.id;
      const oid = (await lodge(c, teams[2], p[2]).expect(201)).body.id;
      expectProblem(await resolve(c, oid, { decision: 'upheld', comment: '复核后成立' }), 409, 'awards.gate_slots_full');
      expectProblem(
        await resolve(c, oid, { decision: 'upheld', comment: '复核后成立', stopInstead: p[2] }),
        409,
        'awards.stop_instead_not_advancing',
      );
      await endPeriod(gateId);
      const res = await resolve(c, oid, { decision: 'upheld', comment: '复核后成立', stopInstead: p[1] }).expect(200);
      expect(res.body.gate).toMatchObject({ phase: 'in_publicity', advancing: [p[0], p[2]], eliminated: [p[1]] });
      expect(new Date(res.body.gate.publicityEndsAt).getTime()).toBeGreaterThan(Date.now() + 3_500_000);
      // The newly stopped project may object in its own period (here it does not).
      expectProblem(await lodge(c, teams[2], p[2]), 409, 'awards.gate_not_stopping');
      expect(await project(p[1])).toMatchObject({ status: 'publicity' });
    });

    it('with no objection open, the worker makes the gate final when the period ends — once', async () => {
      await endPeriod(gateId);
      await waitForPhase(c, 'final', 30_000);
      expect(await project(p[1])).toEqual({ status: 'eliminated', stage_reached: 0 });
      expect(await project(p[2])).toMatchObject({ status: 'publicity', stage_reached: 1 });
      expect(await milestones(p[2])).toEqual(['partially_met', 'scheduled']);
      const job = worker.app.get(GatePublicityEndJob);
      await job.handle({ gateId });
      await job.handle({ gateId });
      const n = (
        await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE challenge_id = $1 AND action = 'gate.finalised'`, [c])
      ).rows[0].n;
      expect(n).toBe(1);
      expectProblem(await lodge(c, teams[1], p[1]), 409, 'awards.gate_publicity_over');
    });
  });
});
