import { Client } from 'pg';
import { isoIn } from '@app/bids/testing/fixtures';
import { OPEN_DATA_CONFIG, OpenDataConfig } from '@app/open-data';
import { ocdsValidators } from '@app/open-data/testing/ocds-validator';
import { raceAtFirstGate } from './support/horse-race';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

/*
 * Merges at a horse-race gate (强强联合): after gate 1 is final, the agency proposes merging the two
 * advancing projects; each lead consents; the last consent carries the merge out in one audited
 * transaction. The worker makes the gate final (PUBLICITY_PERIOD moved into the past in SQL).
 */
jest.setTimeout(180_000);
const API = '/api/v1';
const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Res = { status: number; body: Record<string, any> };

describe('project merges at a gate', () => {
  let t: TestApp;
  let worker: TestWorker;
  let agency: Session;
  let otherAgency: Session;
  let teams: Session[];
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', PUBLICITY_PERIOD: 'PT1H', RECONCILE_EVERY: 'PT2S' } });
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
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

  /** A horse race of three active projects (team i leads p[i], 10,000,000 CNY each); p0 was paid its first tranche; gate 1 run (p0, p1 advance). */
  async function raceWithGate(): Promise<{ c: string; p: string[]; gateId: string }> {
    const { challengeId: c, p } = await raceAtFirstGate({ http: t.http, db, agency, teams });
    await db.query(`UPDATE projects SET status = 'active', activated_at = now() WHERE id = ANY($1::uuid[])`, [p]);
    await db.query(`UPDATE projects SET paid_fen = 500000000 WHERE id = $1`, [p[0]]);
    const gate = await t.http
      .post(`${API}/challenges/${c}/stages/1/gate`)
      .set(bearer(agency))
      .send({ advancing: [p[0], p[1]] });
    return { c, p, gateId: (gate.status === 200 ? gate.body : (gate as never as Res).body).id };
  }
  async function makeFinal(c: string, gateId: string) {
    await db.query(`UPDATE stage_gates SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [gateId]);
    for (let i = 0; i < 60; i++) {
      if ((await t.http.get(`${API}/challenges/${c}/stages/1/gate`).expect(200)).body.phase === 'final') return;
      await sleep(250);
    }
    throw new Error('the gate did not become final');
  }
  const proposal = (p: string[], over: Record<string, unknown> = {}) => ({
    projectIds: [p[0], p[1]],
    leadOrganizationId: teams[0].organizationId,
    members: [{ organizationId: teams[1].organizationId, sharePercent: 40 }],
    title: '光计算强强联合项目',
    totalInvestmentFen: 4_000_000_000,
    grantFen: 1_800_000_000,
    milestones: [
      { title: '联合样机', dueAt: isoIn(200 * DAY), deliverable: '样机', trancheFen: 800_000_000 },
      { title: '系统验证', dueAt: isoIn(240 * DAY), deliverable: '验证报告', trancheFen: 500_000_000 },
    ],
    ...over,
  });
  const propose = (c: string, body: object, who: Session = agency) =>
    t.http.post(`${API}/challenges/${c}/merges`).set(bearer(who)).send(body);
  const answer = (c: string, mid: string, who: Session, accept: boolean) =>
    t.http
      .post(`${API}/challenges/${c}/merges/${mid}/consents`)
      .set(bearer(who))
      .send({ accept, comment: accept ? '同意' : '不同意' });
  const project = async (id: string) =>
    (
      await db.query(
        `SELECT status, merged_into, granted_fen::bigint::int8 AS granted, paid_fen::text AS paid, stage_reached FROM projects WHERE id = $1`,
        [id],
      )
    ).rows[0];

  describe('both leads consent: the merge happens', () => {
    let c: string;
    let p: string[];
    let mid: string;
    let merged: string;

    beforeAll(async () => {
      const r = await raceWithGate();
      ({ c, p } = r);
      expectProblem(await propose(c, proposal(p)), 409, 'awards.merge_not_advancing'); // the gate is in publicity
      await makeFinal(c, r.gateId);
    });

    it('refuses a merge that breaks a cap, grows the budget, falls below what was paid, or includes a stopped project', async () => {
      expectProblem(await propose(c, proposal(p, { totalInvestmentFen: 3_000_000_000 })), 422, 'awards.merge_over_cap');
      expectProblem(
        await propose(c, proposal(p, { grantFen: 2_100_000_000, totalInvestmentFen: 6_000_000_000 })),
        422,
        'awards.merge_grows_budget',
      );
      expectProblem(await propose(c, proposal(p, { grantFen: 400_000_000 })), 422, 'awards.merge_below_paid');
      expectProblem(await propose(c, proposal(p, { grantFen: 1_700_000_000 })), 422, 'awards.merge_plan_mismatch');
      expectProblem(
        await propose(c, proposal([p[0], p[2]], { members: [{ organizationId: teams[2].organizationId, sharePercent: 40 }] })),
        409,
        'awards.merge_not_advancing',
      );
      expectProblem(await propose(c, proposal(p, { members: [] })), 400);
    });

    it('only the challenge’s agency proposes; the leads of the merged projects answer; others see nothing', async () => {
      expectProblem(await propose(c, proposal(p), otherAgency), 403, 'challenges.not_owner');
      expectProblem(await propose(c, proposal(p), teams[0]), 403);
      await t.http.post(`${API}/challenges/${c}/merges`).send(proposal(p)).expect(401);
      const res = await propose(c, proposal(p)).expect(201);
      mid = res.body.id;
      expect(res.body).toMatchObject({ status: 'proposed', stage: 1, grantFen: 1_800_000_000 });
      const name = async (id: string) => (await db.query(`SELECT name FROM organizations WHERE id = $1`, [id])).rows[0].name;
      expect(res.body.members).toEqual([
        expect.objectContaining({
          organizationId: teams[0].organizationId,
          organizationName: await name(teams[0].organizationId as string),
          creditCode: expect.stringMatching(/^[0-9A-Z]{18}$/),
          role: 'lead',
          sharePercent: 60,
        }),
        expect.objectContaining({
          organizationId: teams[1].organizationId,
          organizationName: await name(teams[1].organizationId as string),
          role: 'member',
          sharePercent: 40,
        }),
      ]);
      const listed = (await t.http.get(`${API}/challenges/${c}/merges`).set(bearer(teams[1])).expect(200)).body.items[0];
      expect(listed.members.map((m: { organizationName: string }) => m.organizationName)).toEqual(
        res.body.members.map((m: { organizationName: string }) => m.organizationName),
      );
      expectProblem(await propose(c, proposal(p)), 409, 'awards.merge_project_busy');
      await t.http.get(`${API}/challenges/${c}/merges`).expect(401);
      expect((await t.http.get(`${API}/challenges/${c}/merges`).set(bearer(teams[2])).expect(200)).body.items).toEqual([]);
      expect((await t.http.get(`${API}/challenges/${c}/merges`).set(bearer(teams[1])).expect(200)).body.items).toHaveLength(1);
      expectProblem(await answer(c, mid, teams[2], true), 403, 'awards.not_merge_lead');
      expectProblem(await answer(c, mid, agency, true), 403);
      expectProblem(await answer(c, mid, otherAgency, true), 403);
    });

    it('the last acceptance merges: old projects merged, unpaid tranches cancelled, the new project runs the plan', async () => {
      expect((await answer(c, mid, teams[0], true).expect(200)).body.status).toBe('proposed');
      expectProblem(await answer(c, mid, teams[0], true), 409, 'awards.merge_consent_given');
      const done = (await answer(c, mid, teams[1], true).expect(200)).body;
      expect(done).toMatchObject({ status: 'merged' });
      merged = done.resultProjectId;
      // The merged project's consortium: each member by name, with its credit code.
      const view = (await t.http.get(`${API}/projects/${merged}`).set(bearer(teams[0])).expect(200)).body;
      expect(view.organizationName).toBe(done.members[0].organizationName);
      expect(
        view.consortium.map((m: { organizationName: string; creditCode: string }) => [m.organizationName, m.creditCode]),
      ).toEqual(done.members.map((m: { organizationName: string; creditCode: string }) => [m.organizationName, m.creditCode]));
      expect(await project(p[0])).toMatchObject({ status: 'merged', merged_into: merged, paid: '500000000' });
      expect(await project(p[1])).toMatchObject({ status: 'merged', merged_into: merged, paid: '0' });
      expect(await project(merged)).toMatchObject({ status: 'active', merged_into: null, paid: '500000000', stage_reached: 1 });
      const ms = await db.query(
        `SELECT project_id, seq, status, tranche_fen::text AS t FROM project_milestones WHERE project_id = ANY($1::uuid[]) ORDER BY project_id, seq`,
        [[p[0], p[1], merged]],
      );
      const of = (id: string) => ms.rows.filter((r) => r.project_id === id).map((r) => [r.status, r.t]);
      expect(of(p[0])).toEqual([
        ['met', '500000000'],
        ['cancelled', '500000000'],
      ]);
      expect(of(p[1])).toEqual([
        ['met', '500000000'],
        ['cancelled', '500000000'],
      ]);
      expect(of(merged)).toEqual([
        ['scheduled', '800000000'],
        ['scheduled', '500000000'],
      ]);
      // Counters: 3 awards of 10,000,000 CNY; two became one of 18,000,000: 2,000,000 CNY back, one award fewer.
      const ch = (
        await db.query(`SELECT awarded_fen::text AS f, awarded_count, budget_fen::text AS b FROM challenges WHERE id = $1`, [c])
      ).rows[0];
      expect(ch).toEqual({ f: '2800000000', awarded_count: 2, b: '3000000000' });
      expectProblem(await answer(c, mid, teams[1], true), 409, 'awards.merge_decided');
    });

    it('the database refuses a payment past the merged grant and any paid to a merged project', async () => {
      await expect(db.query(`UPDATE projects SET paid_fen = paid_fen + 1 WHERE id = $1`, [p[1]])).rejects.toThrow(
        /CHK_projects_paid/,
      );
      await expect(db.query(`UPDATE projects SET paid_fen = 1800000001 WHERE id = $1`, [merged])).rejects.toThrow(
        /CHK_projects_paid/,
      );
      await expect(db.query(`UPDATE projects SET merged_into = NULL WHERE id = $1`, [p[0]])).rejects.toThrow(
        /CHK_projects_merged/,
      );
    });

    it('one public audited decision; the chain verifies; results show the merged project and those it replaced', async () => {
      const audit = (
        await db.query(
          `SELECT action, public, after FROM audit_entries WHERE challenge_id = $1 AND action LIKE 'project.merge%' ORDER BY seq`,
          [c],
        )
      ).rows;
      expect(audit.map((a) => [a.action, a.public])).toEqual([
        ['project.merge_proposed', false],
        ['project.merge_consented', false],
        ['project.merged', true],
      ]);
      expect(audit[2].after).toMatchObject({
        projectId: merged,
        mergedProjectIds: [p[0], p[1]].sort(),
        grantFen: 1_800_000_000,
        leadOrganizationId: teams[0].organizationId,
      });
      expect((await t.http.get(`${API}/audit/verify`).expect(200)).body).toMatchObject({ ok: true });
      const results = (await t.http.get(`${API}/challenges/${c}/results`).expect(200)).body;
      const byId = new Map(results.items.map((i: { projectId: string }) => [i.projectId, i]));
      expect(byId.get(merged)).toMatchObject({ status: 'active', amountFen: 1_800_000_000 });
      expect(byId.get(p[0])).toMatchObject({ status: 'merged', mergedInto: merged });
      expect(byId.get(p[1])).toMatchObject({ status: 'merged', mergedInto: merged });
    });

    it('open data: one release awards and contracts the merged project and terminates the contracts it replaced', async () => {
      const prefix = t.app.get<OpenDataConfig>(OPEN_DATA_CONFIG).ocidPrefix;
      const res = await t.http.get(`${API}/open-data/ocds/records/${prefix}-${c}`).expect(200);
      ocdsValidators().assert('recordPackage', res.body);
      const record = res.body.records[0];
      const release = record.releases.find(
        (r: { tag: string[] }) => r.tag.includes('contractTermination') && r.tag.includes('award'),
      );
      expect(release?.awards).toEqual([
        expect.objectContaining({ id: merged, status: 'active', value: { amount: 18_000_000, currency: 'CNY' } }),
      ]);
      const contracts = new Map(record.compiledRelease.contracts.map((x: { id: string; status: string }) => [x.id, x.status]));
      expect([contracts.get(merged), contracts.get(p[0]), contracts.get(p[1])]).toEqual(['active', 'terminated', 'terminated']);
    });

    it('the evaluation counts the merge once: grants as awarded, paid once, only what the merge gave back released', async () => {
      // Awarded 3 × 10,000,000 CNY; p0 paid 5,000,000. Gate 1 stopped p2 (nothing paid: 10,000,000
      // back). The merge made one grant of 18,000,000 from two of 10,000,000: 2,000,000 back; p1's
      // unpaid 10,000,000 and p0's unpaid 5,000,000 moved into the merged grant are still committed.
      const money = { grantedFen: 3_000_000_000, paidFen: 500_000_000, releasedFen: 1_200_000_000 };
      const projects = { awarded: 2, running: 1, completed: 0, eliminated: 1, terminated: 0 };
      const ev = (await t.http.get(`${API}/evaluations/challenges/${c}`).set(bearer(agency)).expect(200)).body;
      expect(ev.money).toEqual({ budgetFen: 3_000_000_000, ...money, unspentFen: 3_000_000_000 - 1_800_000_000 });
      expect(ev.projects).toEqual(projects);
      // Every milestone once: p0's and p1's (met, cancelled), p2's two, the merged project's two.
      expect(ev.milestones.total).toBe(8);
      expect(ev.stopped.map((x: { projectId: string }) => x.projectId)).toEqual([p[2]]);
      const open = await t.http
        .get(`${API}/open-data/evaluation`)
        .query({ agencyOrganizationId: agency.organizationId })
        .expect(200);
      expect(open.body).toMatchObject({ challenges: 1, money, projects });
    });
  });

  it('a merge waits while a merged project has a tranche being paid: refused on the proposal and on the last acceptance', async () => {
    const { c, p, gateId } = await raceWithGate();
    await makeFinal(c, gateId);
    // An accepted milestone's tranche, scheduled (DISBURSEMENT_DELAY, or a backlog) and not yet paid.
    const schedule = async (projectId: string) =>
      (
        await db.query(
          `INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, status, scheduled_for)
           SELECT m.project_id, m.id, $2, 0, 'scheduled', now() + interval '1 day' FROM project_milestones m
            WHERE m.project_id = $1 AND m.seq = 0 RETURNING id`,
          [projectId, c],
        )
      ).rows[0].id as string;
    const stop = (id: string) => db.query(`UPDATE disbursements SET status = 'cancelled', reason = 'test' WHERE id = $1`, [id]);
    const first = await schedule(p[1]);
    const refused = await propose(c, proposal(p));
    expectProblem(refused, 409, 'awards.merge_tranche_being_paid');
    expect(refused.body.projectIds).toEqual([p[1]]);
    await stop(first);
    const mid = (await propose(c, proposal(p)).expect(201)).body.id;
    await answer(c, mid, teams[0], true).expect(200);
    const second = await schedule(p[0]);
    expectProblem(await answer(c, mid, teams[1], true), 409, 'awards.merge_tranche_being_paid');
    // Nothing happened: both projects still run, the proposal still waits for the second lead.
    expect(await project(p[0])).toMatchObject({ status: 'active', merged_into: null });
    expect(await project(p[1])).toMatchObject({ status: 'active', merged_into: null });
    await stop(second);
    expect((await answer(c, mid, teams[1], true).expect(200)).body).toMatchObject({ status: 'merged' });
  });

  it('a decline ends the proposal and nothing changes; the projects may be proposed again', async () => {
    const { c, p, gateId } = await raceWithGate();
    await makeFinal(c, gateId);
    const mid = (await propose(c, proposal(p)).expect(201)).body.id;
    await answer(c, mid, teams[0], true).expect(200);
    expect((await answer(c, mid, teams[1], false).expect(200)).body).toMatchObject({ status: 'declined' });
    expect(await project(p[0])).toMatchObject({ status: 'active', merged_into: null });
    expectProblem(await answer(c, mid, teams[0], true), 409);
    await propose(c, proposal(p)).expect(201);
  });
});
