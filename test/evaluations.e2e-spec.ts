import { Client } from 'pg';
import { eventually, seedProject } from '@app/milestones/testing/seed';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(120_000);
const API = '/api/v1';
const DAY = 86_400_000;

/**
 * 绩效评估: a programme of two challenges — one whose project met a milestone on time (reporting
 * 120 against a target of 100) and met another late, its tranches paid by the real worker; one
 * whose project was stopped at a gate — evaluated per challenge, per programme and as CSV, by
 * whom may see it.
 */
describe('performance evaluation', () => {
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let admin: Session;
  let agency: Session;
  let otherAgency: Session;
  let auditor: Session;
  let pm: Session;
  let team: Session;
  let running: { challengeId: string; projectId: string; milestoneIds: string[] };
  let stopped: { challengeId: string; projectId: string; milestoneIds: string[] };
  /** The year the challenges were published, in Beijing time (as programmes are reported). */
  let YEAR: number;

  const accept = async (mid: string, achieved: { metric: string; value: number }[]) => {
    await t.http
      .post(`${API}/projects/${running.projectId}/milestones/${mid}/submissions`)
      .set(bearer(team))
      .send({ report: '完成 / done', achieved })
      .expect(201);
    await t.http
      .post(`${API}/projects/${running.projectId}/milestones/${mid}/review`)
      .set(bearer(pm))
      .send({ decision: 'accept', comment: '验收通过' })
      .expect(200);
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { DISBURSEMENT_DELAY: 'PT1S' } });
    worker = await createTestWorker(t.config);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    auditor = await createStaff(t.http, admin, 'auditor');
    pm = await createStaff(t.http, admin, 'program_manager');
    team = await registerTeam(t.http);
    const base = { agencyId: agency.userId, organizationId: team.organizationId as string, programManagerId: pm.userId };
    running = await seedProject(db, {
      ...base,
      grantedFen: 10_000_000_00,
      milestones: [
        { dueInMs: 30 * DAY, trancheFen: 6_000_000_00 },
        { dueInMs: 60 * DAY, trancheFen: 4_000_000_00 },
      ],
    });
    stopped = await seedProject(db, {
      ...base,
      grantedFen: 5_000_000_00,
      status: 'eliminated',
      industry: 'synthetic_biology',
      milestones: [{ dueInMs: 30 * DAY, trancheFen: 5_000_000_00 }],
    });
    const published = await db.query(
      `SELECT extract(year FROM published_at AT TIME ZONE 'Asia/Shanghai')::int AS y FROM challenges WHERE id = $1`,
      [running.challengeId],
    );
    YEAR = published.rows[0].y;
    await db.query(`UPDATE projects SET stage_reached = 1, end_reason = '第二阶段评估未通过' WHERE id = $1`, [stopped.projectId]);
    await db.query(`UPDATE project_milestones SET status = 'cancelled' WHERE project_id = $1`, [stopped.projectId]);
    const [onTime, late] = running.milestoneIds;
    await accept(onTime, [{ metric: '算力', value: 120 }]);
    // The second milestone's due date has passed by the time it is reported.
    await db.query(`UPDATE project_milestones SET due_at = now() - interval '1 day' WHERE id = $1`, [late]);
    await accept(late, [{ metric: '算力', value: 90 }]);
    await eventually(
      async () =>
        (await db.query(`SELECT paid_fen FROM projects WHERE id = $1`, [running.projectId])).rows[0].paid_fen === '1000000000',
    );
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await t?.close();
  });

  it('a challenge: objectives against the best accepted report, money, milestones on time and late', async () => {
    const res = await t.http.get(`${API}/evaluations/challenges/${running.challengeId}`).set(bearer(agency)).expect(200);
    expect(res.body).toMatchObject({
      challengeId: running.challengeId,
      mechanism: 'open_call',
      year: YEAR,
      money: { grantedFen: 10_000_000_00, paidFen: 10_000_000_00, releasedFen: 0 },
      projects: { awarded: 1, running: 1, eliminated: 0 },
      milestones: { total: 2, met: 2, onTime: 1, late: 1, open: 0 },
      objectives: [{ metric: '算力', target: 100, unit: 'TOPS', best: 120, reached: 1.2, projectsReporting: 1 }],
      stopped: [],
    });
    expect(res.body.money.unspentFen).toBe(res.body.money.budgetFen - 10_000_000_00);
  });

  it('a project stopped at a gate: its unpaid grant is released to the budget, with the stage and the reason', async () => {
    const res = await t.http.get(`${API}/evaluations/challenges/${stopped.challengeId}`).set(bearer(auditor)).expect(200);
    expect(res.body.money).toMatchObject({ grantedFen: 5_000_000_00, paidFen: 0, releasedFen: 5_000_000_00 });
    expect(res.body.money.unspentFen).toBe(res.body.money.budgetFen);
    expect(res.body.milestones).toMatchObject({ total: 1, cancelled: 1, onTime: 0, late: 0 });
    expect(res.body.stopped).toEqual([
      {
        projectId: stopped.projectId,
        title: expect.any(String),
        organizationName: expect.any(String),
        status: 'eliminated',
        stageReached: 1,
        reason: '第二阶段评估未通过',
      },
    ]);
  });

  it('a programme sums its challenges, narrows by industry and year, and is the agency’s own', async () => {
    const all = await t.http.get(`${API}/evaluations/programme`).set(bearer(agency)).expect(200);
    expect(all.body.challenges.map((c: { challengeId: string }) => c.challengeId).sort()).toEqual(
      [running.challengeId, stopped.challengeId].sort(),
    );
    expect(all.body.totals).toMatchObject({
      challenges: 2,
      money: { grantedFen: 15_000_000_00, paidFen: 10_000_000_00, releasedFen: 5_000_000_00 },
      projects: { awarded: 2, running: 1, eliminated: 1 },
      onTimeShare: 0.5,
    });
    const bio = await t.http.get(`${API}/evaluations/programme`).query({ industry: 'synthetic_biology' }).set(bearer(agency));
    expect(bio.body.challenges.map((c: { challengeId: string }) => c.challengeId)).toEqual([stopped.challengeId]);
    const lastYear = await t.http
      .get(`${API}/evaluations/programme`)
      .query({ year: YEAR - 1 })
      .set(bearer(agency))
      .expect(200);
    expect(lastYear.body.totals.challenges).toBe(0);
    const theirs = await t.http.get(`${API}/evaluations/programme`).set(bearer(otherAgency)).expect(200);
    expect(theirs.body.totals.challenges).toBe(0);
    await t.http
      .get(`${API}/evaluations/programme`)
      .query({ agencyOrganizationId: agency.organizationId })
      .set(bearer(otherAgency))
      .expect(403);
    const byAdmin = await t.http
      .get(`${API}/evaluations/programme`)
      .query({ agencyOrganizationId: agency.organizationId })
      .set(bearer(admin))
      .expect(200);
    expect(byAdmin.body.totals.challenges).toBe(2);
  });

  it('open data: anyone reads the public share — the same totals, without budgets, reports or reasons', async () => {
    const publicShare = await t.http.get(`${API}/open-data/evaluation`).set('origin', 'https://example.org').expect(200);
    expect(publicShare.headers['access-control-allow-origin']).toBe('*');
    const agencys = await t.http.get(`${API}/evaluations/programme`).set(bearer(agency)).expect(200);
    const { grantedFen, paidFen, releasedFen } = agencys.body.totals.money;
    expect(publicShare.body).toMatchObject({
      currency: 'CNY',
      unit: 'fen',
      challenges: 2,
      money: { grantedFen, paidFen, releasedFen },
      projects: agencys.body.totals.projects,
      milestones: agencys.body.totals.milestones,
      onTimeShare: 0.5,
    });
    const text = JSON.stringify(publicShare.body);
    expect(publicShare.body.money.budgetFen).toBeUndefined();
    for (const kept of ['objectives', 'stopped', 'reason', 'best', running.challengeId]) expect(text).not.toContain(kept);
    const bio = await t.http.get(`${API}/open-data/evaluation`).query({ industry: 'synthetic_biology', year: YEAR }).expect(200);
    expect(bio.body).toMatchObject({ challenges: 1, projects: { eliminated: 1 } });
    const bad = await t.http.get(`${API}/open-data/evaluation`).query({ year: 'last' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('year');
  });

  it('only the agency, admins and auditors: others get 404 or 403; bad input a 400 naming the field', async () => {
    await t.http.get(`${API}/evaluations/challenges/${running.challengeId}`).set(bearer(otherAgency)).expect(404);
    await t.http.get(`${API}/evaluations/challenges/${running.challengeId}`).set(bearer(team)).expect(403);
    await t.http.get(`${API}/evaluations/challenges/${running.challengeId}`).set(bearer(pm)).expect(403);
    await t.http.get(`${API}/evaluations/challenges/${running.challengeId}`).expect(401);
    await t.http.get(`${API}/evaluations/programme`).set(bearer(team)).expect(403);
    const bad = await t.http.get(`${API}/evaluations/programme`).query({ year: 'last' }).set(bearer(agency)).expect(400);
    expect(JSON.stringify(bad.body)).toContain('year');
    await t.http.get(`${API}/evaluations/challenges/not-a-uuid`).set(bearer(agency)).expect(400);
  });

  it('CSV: one line per challenge, yuan, headers in the reader’s language, for a spreadsheet', async () => {
    const zh = await t.http.get(`${API}/evaluations/programme/csv`).set(bearer(agency)).expect(200);
    expect(zh.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(zh.headers['content-disposition']).toMatch(/^attachment/);
    expect(zh.headers['cache-control']).toBe('private, no-store');
    const lines = zh.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^榜单编号,榜单,产业,/);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(running.challengeId))).toContain(',10000000.00,10000000.00,0.00,');
    const en = await t.http.get(`${API}/evaluations/programme/csv`).set(bearer(agency)).set('accept-language', 'en').expect(200);
    expect(en.text.replace(/^\uFEFF/, '')).toMatch(/^challenge id,challenge,industry,/);
  });
});
