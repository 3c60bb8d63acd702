import { Client } from 'pg';
import { eventually, seedProject } from '@app/milestones/testing/seed';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(180_000);
const API = '/api/v1';
const DAY = 86_400_000;
// Read by libs/milestones at start-up (not part of the shared AppConfig).
process.env.MILESTONE_GRACE = 'PT4S';

describe('milestones (real worker)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let admin: Session;
  let agency: Session;
  let pm: Session;
  let otherPm: Session;
  let team: Session;
  let otherTeam: Session;

  beforeAll(async () => {
    t = await createTestApp({
      env: { MILESTONE_REMINDERS: 'PT8S,PT4S', REVIEW_SLA: 'PT3S', DISBURSEMENT_DELAY: 'PT1S', RECONCILE_EVERY: 'PT2S' },
    });
    worker = await createTestWorker(t.config);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    otherPm = await createStaff(t.http, admin, 'program_manager');
    team = await registerTeam(t.http);
    otherTeam = await registerTeam(t.http);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await t?.close();
  });

  const project = (
    milestones: { dueInMs: number; trancheFen: number }[],
    grantedFen = milestones.reduce((s, m) => s + m.trancheFen, 0),
  ) =>
    seedProject(db, {
      agencyId: agency.userId,
      organizationId: team.organizationId as string,
      programManagerId: pm.userId,
      grantedFen,
      milestones,
    });
  const submit = (s: Session, pid: string, mid: string, body: Record<string, unknown> = {}) =>
    t.http
      .post(`${API}/projects/${pid}/milestones/${mid}/submissions`)
      .set(bearer(s))
      .send({
        report: '完成了 / done',
        achieved: [{ metric: '算力', value: 120 }],
        attachments: [{ name: 'r.pdf', sha256: 'a'.repeat(64), url: 'https://files.example/r.pdf' }],
        ...body,
      });
  const review = (s: Session, pid: string, mid: string, body: Record<string, unknown>) =>
    t.http.post(`${API}/projects/${pid}/milestones/${mid}/review`).set(bearer(s)).send(body);
  const status = async (mid: string) =>
    (await db.query(`SELECT status FROM project_milestones WHERE id = $1`, [mid])).rows[0].status as string;

  it('submit → accept → the tranche is paid once, after DISBURSEMENT_DELAY, audited', async () => {
    const p = await project([
      { dueInMs: 60 * DAY, trancheFen: 600_000_00 },
      { dueInMs: 120 * DAY, trancheFen: 400_000_00 },
    ]);
    const [m1] = p.milestoneIds;
    await submit(pm, p.projectId, m1).expect(403);
    await submit(otherTeam, p.projectId, m1).expect(404);
    await submit(team, p.projectId, m1, { attachments: [{ name: 'x', sha256: 'nothex', url: 'https://x.example' }] }).expect(400);
    const s = await submit(team, p.projectId, m1).expect(201);
    expect(s.body).toMatchObject({ attempt: 1, status: 'submitted' });
    await submit(team, p.projectId, m1).expect(409);
    await review(otherPm, p.projectId, m1, { decision: 'accept', comment: 'ok' }).expect(404);
    await review(team, p.projectId, m1, { decision: 'accept', comment: 'ok' }).expect(403);
    const r = await review(pm, p.projectId, m1, { decision: 'accept', comment: '验收通过' }).expect(200);
    expect(r.body).toMatchObject({ status: 'met', disbursement: { amountFen: 600_000_00 } });
    const d0 = await t.http.get(`${API}/projects/${p.projectId}/disbursements`).set(bearer(team)).expect(200);
    expect(d0.body.items).toHaveLength(1);
    await eventually(
      async () => (await db.query(`SELECT status FROM disbursements WHERE milestone_id = $1`, [m1])).rows[0].status === 'paid',
    );
    const d = await t.http.get(`${API}/projects/${p.projectId}/disbursements`).set(bearer(pm)).expect(200);
    expect(d.body).toMatchObject({
      grantedFen: 1_000_000_00,
      paidFen: 600_000_00,
      items: [{ milestoneId: m1, amountFen: 600_000_00, status: 'paid' }],
    });
    expect(Date.parse(d.body.items[0].paidAt) - Date.parse(d.body.items[0].scheduledFor)).toBeGreaterThanOrEqual(0);
    const audit = await db.query(`SELECT action FROM audit_entries WHERE subject_id = ANY($1::text[]) ORDER BY seq`, [
      [m1, d.body.items[0].id],
    ]);
    expect(audit.rows.map((a) => a.action)).toEqual(
      expect.arrayContaining(['milestone.submitted', 'milestone.review.accept', 'disbursement.paid']),
    );
    const notes = await t.http.get(`${API}/notifications`).set(bearer(team)).expect(200);
    const paid = notes.body.items.find((n: any) => n.kind === 'disbursement.paid');
    // What happened, never words: amounts in fen as numbers; the reader's app words them.
    expect(paid).toMatchObject({
      params: { disbursementId: d.body.items[0].id, milestoneId: m1, milestoneTitle: expect.any(String), amountFen: 600_000_00 },
    });
    expect(paid).not.toHaveProperty('title');
    expect(paid).not.toHaveProperty('body');
    const read = await t.http.post(`${API}/notifications/${paid.id}/read`).set(bearer(team)).expect(200);
    expect(read.body.readAt).not.toBeNull();
    await t.http.post(`${API}/notifications/${paid.id}/read`).set(bearer(otherTeam)).expect(404);
  });

  it('notifications come in pages, newest first, with the unread count of all of them', async () => {
    const lonely = await createStaff(t.http, admin, 'program_manager');
    const empty = await t.http.get(`${API}/notifications`).set(bearer(lonely)).expect(200);
    expect(empty.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    // Five notices, one a millisecond apart, two of them read.
    await db.query(
      `INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, params, created_at, read_at)
       SELECT 'test.notice', gen_random_uuid(), '', $1, jsonb_build_object('title', 'notice ' || i), now() - i * interval '1 millisecond',
              CASE WHEN i <= 2 THEN now() END
         FROM generate_series(1, 5) i`,
      [lonely.userId],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.http
        .get(`${API}/notifications`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(lonely))
        .expect(200);
      expect(page.body.unreadCount).toBe(3);
      seen.push(...page.body.items.map((n: { params: { title: string } }) => n.params.title));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['notice 1', 'notice 2', 'notice 3', 'notice 4', 'notice 5']);
    const unread = await t.http.get(`${API}/notifications?unread=true&limit=1`).set(bearer(lonely)).expect(200);
    expect(unread.body.items.map((n: { params: { title: string } }) => n.params.title)).toEqual(['notice 3']);
    expect(unread.body.unreadCount).toBe(3);
    await t.http.get(`${API}/notifications?cursor=nonsense`).set(bearer(lonely)).expect(400);
  });

  it('double accept → 409 and still one disbursement (also when sent at once)', async () => {
    const p = await project([{ dueInMs: 60 * DAY, trancheFen: 500_000_00 }]);
    const [m] = p.milestoneIds;
    await submit(team, p.projectId, m).expect(201);
    const results = await Promise.all([1, 2, 3].map(() => review(pm, p.projectId, m, { decision: 'accept', comment: 'ok' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    await review(pm, p.projectId, m, { decision: 'accept', comment: 'again' }).expect(409);
    await eventually(
      async () => (await db.query(`SELECT paid_fen FROM projects WHERE id = $1`, [p.projectId])).rows[0].paid_fen === '50000000',
    );
    await new Promise((r) => setTimeout(r, 1500));
    const c = await db.query(`SELECT count(*)::int AS n, sum(amount_fen)::bigint AS s FROM disbursements WHERE project_id = $1`, [
      p.projectId,
    ]);
    expect(c.rows[0]).toEqual({ n: 1, s: '50000000' });
    expect((await db.query(`SELECT paid_fen FROM projects WHERE id = $1`, [p.projectId])).rows[0].paid_fen).toBe('50000000');
  });

  it('never pays a cancelled milestone (project eliminated between acceptance and payment), nor more than the grant', async () => {
    const p = await project([
      { dueInMs: 60 * DAY, trancheFen: 100_000_00 },
      { dueInMs: 90 * DAY, trancheFen: 100_000_00 },
    ]);
    const [m1, m2] = p.milestoneIds;
    // accepted, then a stage gate stopped the project before the tranche was paid (written in SQL so
    // the order does not depend on timing): the milestone is cancelled; its disbursement must not pay
    await db.query(`UPDATE projects SET status = 'eliminated' WHERE id = $1`, [p.projectId]);
    await db.query(`UPDATE project_milestones SET status = 'cancelled' WHERE project_id = $1`, [p.projectId]);
    await db.query(
      `INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, scheduled_for) VALUES ($1, $2, $3, 10000000, now())`,
      [p.projectId, m1, p.challengeId],
    );
    await eventually(
      async () =>
        (await db.query(`SELECT status FROM disbursements WHERE milestone_id = $1`, [m1])).rows[0].status === 'cancelled',
    );
    expect((await db.query(`SELECT paid_fen FROM projects WHERE id = $1`, [p.projectId])).rows[0].paid_fen).toBe('0');
    // a disbursement row that would overpay (written around the API) is blocked, not paid
    await db.query(`UPDATE projects SET status = 'active' WHERE id = $1`, [p.projectId]);
    await db.query(`UPDATE project_milestones SET status = 'met' WHERE id = $1`, [m2]);
    await db.query(
      `INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, scheduled_for) VALUES ($1, $2, $3, 200000001, now())`,
      [p.projectId, m2, p.challengeId],
    );
    await eventually(async () => {
      const d = await db.query(`SELECT status, reason FROM disbursements WHERE milestone_id = $1`, [m2]);
      return d.rows[0].status === 'blocked' && /grant_exceeded/.test(d.rows[0].reason);
    });
    expect((await db.query(`SELECT paid_fen FROM projects WHERE id = $1`, [p.projectId])).rows[0].paid_fen).toBe('0');
  });

  it('reject → back to the team with the reason → resubmit → accept', async () => {
    const p = await project([{ dueInMs: 60 * DAY, trancheFen: 300_000_00 }]);
    const [m] = p.milestoneIds;
    await submit(team, p.projectId, m).expect(201);
    await review(pm, p.projectId, m, { decision: 'reject', comment: '' }).expect(400);
    const r = await review(pm, p.projectId, m, { decision: 'reject', comment: '缺少测试报告' }).expect(200);
    expect(r.body).toMatchObject({ status: 'scheduled', disbursement: null });
    expect(await status(m)).toBe('scheduled');
    const notes = await t.http.get(`${API}/notifications`).set(bearer(team)).expect(200);
    expect(notes.body.items.find((n: any) => n.kind === 'milestone.rejected' && n.params.milestoneId === m)).toMatchObject({
      params: { milestoneId: m, comment: '缺少测试报告', milestoneTitle: expect.any(String), dueAt: expect.any(String) },
    });
    const s2 = await submit(team, p.projectId, m, { report: '补充了测试报告' }).expect(201);
    expect(s2.body.attempt).toBe(2);
    await review(pm, p.projectId, m, { decision: 'accept', comment: 'ok' }).expect(200);
    const subs = await t.http.get(`${API}/projects/${p.projectId}/milestones/${m}/submissions`).set(bearer(team)).expect(200);
    expect(subs.body.items.map((s: any) => [s.attempt, s.decision])).toEqual([
      [1, 'reject'],
      [2, 'accept'],
    ]);
    await eventually(
      async () => (await db.query(`SELECT paid_fen FROM projects WHERE id = $1`, [p.projectId])).rows[0].paid_fen === '30000000',
    );
  });

  it('a partial acceptance pays the reduced tranche, never above the planned one', async () => {
    const p = await project([
      { dueInMs: 60 * DAY, trancheFen: 200_000_00 },
      { dueInMs: 90 * DAY, trancheFen: 200_000_00 },
    ]);
    const [m] = p.milestoneIds;
    await submit(team, p.projectId, m, { achieved: [{ metric: '算力', value: 70 }] }).expect(201);
    await review(pm, p.projectId, m, { decision: 'partial', comment: '70%' }).expect(400);
    const over = await review(pm, p.projectId, m, {
      decision: 'partial',
      comment: 'too much',
      reducedTrancheFen: 200_000_01,
    }).expect(422);
    expect(over.body).toMatchObject({ allowedFen: 200_000_00 });
    await review(pm, p.projectId, m, { decision: 'accept', comment: 'x', reducedTrancheFen: 1 }).expect(400);
    const r = await review(pm, p.projectId, m, {
      decision: 'partial',
      comment: '达成 70%',
      reducedTrancheFen: 140_000_00,
    }).expect(200);
    expect(r.body).toMatchObject({ status: 'partially_met', disbursement: { amountFen: 140_000_00 } });
    await eventually(
      async () => (await db.query(`SELECT paid_fen FROM projects WHERE id = $1`, [p.projectId])).rows[0].paid_fen === '14000000',
    );
    expect(await status(m)).toBe('partially_met');
  });

  it('reminders exactly once, overdue at the due time with a notice to the PM, not_met after the grace period — no client action', async () => {
    const p = await project([
      { dueInMs: 14_000, trancheFen: 100_000_00 },
      { dueInMs: 5_000, trancheFen: 100_000_00 },
      { dueInMs: 60 * DAY, trancheFen: 100_000_00 },
    ]);
    const [m1, m2, m3] = p.milestoneIds;
    // m2 is due first (5 s) and its grace (4 s) may end before m1 (14 s) is due: overdue or already not_met.
    await eventually(async () => (await status(m1)) !== 'scheduled' && (await status(m2)) !== 'scheduled', 60_000);
    expect(['overdue', 'not_met']).toContain(await status(m1));
    const lag = await db.query(
      `SELECT extract(epoch FROM n.created_at - m.due_at) * 1000 AS lag_ms FROM notifications n JOIN project_milestones m ON m.id = n.subject_id
        WHERE n.kind = 'milestone.overdue' AND n.subject_id = ANY($1::uuid[])`,
      [[m1, m2]],
    );
    expect(lag.rows).toHaveLength(2);
    for (const r of lag.rows) expect(Number(r.lag_ms)).toBeGreaterThanOrEqual(0);
    const pmNotes = await t.http.get(`${API}/notifications`).set(bearer(pm)).expect(200);
    expect(pmNotes.body.items.filter((n: any) => n.kind === 'milestone.overdue' && [m1, m2].includes(n.subjectId))).toHaveLength(
      2,
    );
    // the portfolio shows the project late
    const port = await t.http.get(`${API}/portfolio?health=late`).set(bearer(pm)).expect(200);
    expect(port.body.items.find((i: any) => i.id === p.projectId)).toMatchObject({ health: 'late', overdue: expect.any(Array) });
    await eventually(async () => (await status(m1)) === 'not_met' && (await status(m2)) === 'not_met', 60_000);
    await new Promise((r) => setTimeout(r, 3000)); // more sweeps and reconciles: nothing is sent twice
    const reminders = await db.query(
      `SELECT subject_id, offset_key, count(*)::int AS n FROM notifications WHERE kind = 'milestone.reminder' AND project_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [p.projectId],
    );
    // m1 (due in 14 s) gets the 8-s reminder and then the 4-s one; m2 (due in 5 s) only the 4-s one; m3 none.
    expect(reminders.rows.filter((r) => r.subject_id === m1).map((r) => [r.offset_key, r.n])).toEqual([
      ['PT4S', 1],
      ['PT8S', 1],
    ]);
    // m2 (due in 5 s) is found by the first sweep inside the 8-s or the 4-s window; the 4-s one is sent either way, each once.
    expect(reminders.rows.filter((r) => r.subject_id === m2).map((r) => [r.offset_key, r.n])).toContainEqual(['PT4S', 1]);
    expect(reminders.rows.every((r) => r.n === 1)).toBe(true);
    expect(reminders.rows.filter((r) => r.subject_id === m3)).toHaveLength(0);
    const dup = await db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE project_id = $1 GROUP BY kind, subject_id, offset_key HAVING count(*) > 1`,
      [p.projectId],
    );
    expect(dup.rows).toHaveLength(0);
    await submit(team, p.projectId, m1).expect(409);
    expect(await status(m3)).toBe('scheduled');
  });

  it('an overdue milestone may be submitted within the grace period; a review waiting longer than REVIEW_SLA reminds the PM once', async () => {
    const p = await project([{ dueInMs: 1500, trancheFen: 100_000_00 }]);
    const [m] = p.milestoneIds;
    await eventually(async () => (await status(m)) === 'overdue', 30_000, 100);
    await submit(team, p.projectId, m).expect(201);
    await eventually(async () => {
      const r = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'review.sla' AND project_id = $1`, [
        p.projectId,
      ]);
      return r.rows[0].n === 1;
    }, 30_000);
    // rejected after the due date: back to overdue with the grace period; then not_met when it ends
    const r = await review(pm, p.projectId, m, { decision: 'reject', comment: '不完整' }).expect(200);
    expect(['overdue', 'not_met']).toContain(r.body.status);
    await eventually(async () => (await status(m)) === 'not_met', 30_000);
    const sla = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'review.sla' AND project_id = $1`, [
      p.projectId,
    ]);
    expect(sla.rows[0].n).toBe(1);
  });

  it('plan change: the PM approves a new due date and a moved tranche, never beyond the grant', async () => {
    const p = await project([
      { dueInMs: 60 * DAY, trancheFen: 500_000_00 },
      { dueInMs: 90 * DAY, trancheFen: 500_000_00 },
    ]);
    const [m1, m2] = p.milestoneIds;
    const newDue = new Date(Date.now() + 75 * DAY).toISOString();
    const cr = await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${m1}/change-requests`)
      .set(bearer(team))
      .send({ dueAt: newDue, trancheFen: 500_000_01, reason: '设备延期' })
      .expect(201);
    await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${m1}/change-requests`)
      .set(bearer(team))
      .send({ dueAt: newDue })
      .expect(409);
    await t.http
      .post(`${API}/projects/${p.projectId}/change-requests/${cr.body.id}/decision`)
      .set(bearer(team))
      .send({ approve: true })
      .expect(403);
    const over = await t.http
      .post(`${API}/projects/${p.projectId}/change-requests/${cr.body.id}/decision`)
      .set(bearer(pm))
      .send({ approve: true })
      .expect(422);
    expect(over.body).toMatchObject({ allowedFen: 500_000_00 });
    await t.http
      .post(`${API}/projects/${p.projectId}/change-requests/${cr.body.id}/decision`)
      .set(bearer(pm))
      .send({ approve: false, comment: 'no' })
      .expect(200);
    // move 100k from m2 to m1: first shrink m2, then grow m1
    const a = await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${m2}/change-requests`)
      .set(bearer(team))
      .send({ trancheFen: 400_000_00 })
      .expect(201);
    await t.http
      .post(`${API}/projects/${p.projectId}/change-requests/${a.body.id}/decision`)
      .set(bearer(pm))
      .send({ approve: true })
      .expect(200);
    const b = await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${m1}/change-requests`)
      .set(bearer(team))
      .send({ trancheFen: 600_000_00, dueAt: newDue })
      .expect(201);
    await t.http
      .post(`${API}/projects/${p.projectId}/change-requests/${b.body.id}/decision`)
      .set(bearer(pm))
      .send({ approve: true })
      .expect(200);
    const list = await t.http.get(`${API}/projects/${p.projectId}/change-requests`).set(bearer(team)).expect(200);
    expect(list.body.items.map((r: any) => r.status).sort()).toEqual(['approved', 'approved', 'rejected']);
    expect(list.body.items.find((r: any) => r.status === 'rejected')).toMatchObject({
      milestoneId: m1,
      milestoneTitle: expect.any(String),
      dueAt: newDue,
      trancheFen: 500_000_01,
      reason: '设备延期',
      comment: 'no',
      requestedBy: team.userId,
    });
    await t.http.get(`${API}/projects/${p.projectId}/change-requests`).set(bearer(pm)).expect(200);
    await t.http.get(`${API}/projects/${p.projectId}/change-requests`).set(bearer(otherTeam)).expect(404);
    await t.http.get(`${API}/projects/${p.projectId}/change-requests`).set(bearer(otherPm)).expect(404);
    await t.http.get(`${API}/projects/${p.projectId}/change-requests`).expect(401);
    const pending = await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${m2}/change-requests`)
      .set(bearer(team))
      .send({ dueAt: newDue, reason: '先看这个' })
      .expect(201);
    const again = await t.http.get(`${API}/projects/${p.projectId}/change-requests`).set(bearer(pm)).expect(200);
    expect(again.body.items[0]).toMatchObject({
      id: pending.body.id,
      status: 'pending',
      trancheFen: null,
      currentTrancheFen: 400_000_00,
    });
    const rows = await db.query(`SELECT id, tranche_fen, due_at FROM project_milestones WHERE project_id = $1 ORDER BY seq`, [
      p.projectId,
    ]);
    expect(rows.rows.map((r) => r.tranche_fen)).toEqual(['60000000', '40000000']);
    expect(rows.rows[0].due_at.toISOString()).toBe(newDue);
  });

  it('the end of a horse-race stage notifies the agency once that its gate is due', async () => {
    const p = await project([{ dueInMs: 60 * DAY, trancheFen: 100_000_00 }]);
    await db.query(
      `UPDATE challenges SET mechanism = 'horse_race', parallel_slots = 2,
              stages = jsonb_build_array(jsonb_build_object('name', '第1阶段', 'endsAt', now() + interval '2 seconds', 'advancingSlots', 1),
                                         jsonb_build_object('name', '第2阶段', 'endsAt', now() + interval '300 days', 'advancingSlots', 1))
        WHERE id = $1`,
      [p.challengeId],
    );
    const notice = await eventually(async () => {
      const r = await t.http.get(`${API}/notifications`).set(bearer(agency)).expect(200);
      return r.body.items.find((n: any) => n.kind === 'stage.gate_due' && n.subjectId === p.challengeId);
    }, 30_000);
    expect(notice.offset).toBe('1');
    await new Promise((r) => setTimeout(r, 2500));
    const n = await db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'stage.gate_due' AND subject_id = $1`, [
      p.challengeId,
    ]);
    expect(n.rows[0].n).toBe(1);
  });

  it('portfolio (PM: own projects; agency: its challenges) and the ledger', async () => {
    const p = await project([
      { dueInMs: 5 * DAY, trancheFen: 100_000_00 },
      { dueInMs: 60 * DAY, trancheFen: 100_000_00 },
    ]);
    const res = await t.http.get(`${API}/portfolio`).set(bearer(pm)).expect(200);
    const item = res.body.items.find((i: any) => i.id === p.projectId);
    expect(item).toMatchObject({
      health: 'at_risk',
      grantedFen: 200_000_00,
      paidFen: 0,
      nextMilestone: { id: p.milestoneIds[0] },
      organizationName: (await t.http.get(`${API}/organizations/${team.organizationId}`).set(bearer(team)).expect(200)).body.name,
    });
    expect(item.dueNext30Days).toHaveLength(1);
    const other = await t.http.get(`${API}/portfolio`).set(bearer(otherPm)).expect(200);
    expect(other.body.items).toHaveLength(0);
    await t.http.get(`${API}/portfolio`).set(bearer(team)).expect(403);
    const ag = await t.http.get(`${API}/portfolio?sort=health`).set(bearer(agency)).expect(200);
    expect(ag.body.items.length).toBeGreaterThanOrEqual(5);

    // Pages of two walk the whole list once, in the one-page order; the totals are the whole portfolio's on every page.
    for (const sort of ['next_due', 'health', 'paid', 'granted', 'title']) {
      const whole = await t.http.get(`${API}/portfolio`).query({ sort, limit: 200 }).set(bearer(agency)).expect(200);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await t.http
          .get(`${API}/portfolio`)
          .query({ sort, limit: 2, ...(cursor ? { cursor } : {}) })
          .set(bearer(agency))
          .expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        expect(page.body.totals).toEqual(whole.body.totals);
        walked.push(...page.body.items.map((i: any) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(walked).toEqual(whole.body.items.map((i: any) => i.id));
      expect(whole.body.totals.projects).toBe(walked.length);
    }
    const late = await t.http.get(`${API}/portfolio?health=at_risk`).set(bearer(agency)).expect(200);
    expect(late.body.items.every((i: any) => i.health === 'at_risk')).toBe(true);
    expect(late.body.totals).toEqual(ag.body.totals); // the health filter picks rows, not totals
    const first = await t.http.get(`${API}/portfolio?limit=1&sort=paid`).set(bearer(agency)).expect(200);
    const otherSort = await t.http
      .get(`${API}/portfolio`)
      .query({ sort: 'title', cursor: first.body.nextCursor })
      .set(bearer(agency))
      .expect(400);
    expect(otherSort.body).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'cursor' }] });
    await t.http.get(`${API}/portfolio?limit=0`).set(bearer(agency)).expect(400);
    const ledger = await t.http.get(`${API}/ledger`).set(bearer(agency)).expect(200);
    const paid = await db.query(`SELECT sum(paid_fen)::bigint AS s, sum(granted_fen)::bigint AS g FROM projects`);
    expect(ledger.body.totals).toEqual({ awardedFen: Number(paid.rows[0].g), paidFen: Number(paid.rows[0].s) });
    expect(ledger.body.byIndustry).toEqual([expect.objectContaining({ industry: 'quantum_information' })]);
    expect(ledger.body.byYear.reduce((s: number, y: any) => s + y.paidFen, 0)).toBe(Number(paid.rows[0].s));
    await t.http.get(`${API}/ledger`).set(bearer(pm)).expect(403);
  });

  it('the portfolio timeline: granted, scheduled and paid by the end of each Shanghai month, cumulative, over the projects’ lifetime', async () => {
    const lonePm = await createStaff(t.http, admin, 'program_manager');
    const a = await project([{ dueInMs: 60 * DAY, trancheFen: 300_000_00 }]);
    const b = await project([{ dueInMs: 60 * DAY, trancheFen: 200_000_00 }]);
    // a: awarded in the Shanghai month three months back (the 15th, to stay clear of month ends), 100k paid two months back.
    await db.query(`UPDATE projects SET program_manager_id = $1 WHERE id = ANY($2)`, [lonePm.userId, [a.projectId, b.projectId]]);
    await db.query(
      `UPDATE projects SET created_at = date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '3 months' + interval '14 days' WHERE id = $1`,
      [a.projectId],
    );
    await db.query(
      `INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, scheduled_for, status, paid_at, created_by)
       SELECT $1, $2, challenge_id, 10000000, now(), 'paid', (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') - interval '2 months' + interval '14 days') AT TIME ZONE 'Asia/Shanghai', $3
         FROM projects WHERE id = $1`,
      [a.projectId, a.milestoneIds[0], lonePm.userId],
    );
    await db.query(`UPDATE projects SET paid_fen = 10000000 WHERE id = $1`, [a.projectId]);
    const {
      rows: [due],
    } = await db.query(
      `SELECT to_char(max(due_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month FROM project_milestones WHERE project_id = ANY($1)`,
      [[a.projectId, b.projectId]],
    );
    const res = await t.http.get(`${API}/portfolio`).set(bearer(lonePm)).expect(200);
    const months: string[] = res.body.timeline.map((p: any) => p.month);
    const shanghai = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    // From the award month to the month the last tranche falls due (two months ahead, or three across a month end).
    expect(months[3]).toBe(shanghai);
    expect(months[months.length - 1]).toBe(due.month);
    expect(months.length).toBeGreaterThanOrEqual(6);
    const figures = res.body.timeline.map((p: any) => [p.grantedFen, p.scheduledFen, p.paidFen]);
    expect(figures.slice(0, 4)).toEqual([
      [300_000_00, 0, 0],
      [300_000_00, 0, 100_000_00],
      [300_000_00, 0, 100_000_00],
      [500_000_00, 0, 100_000_00],
    ]);
    expect(figures[figures.length - 1]).toEqual([500_000_00, 500_000_00, 100_000_00]);
    expect(res.body.budgetFen).toBeGreaterThanOrEqual(500_000_00);
    expect(res.body.totals).toMatchObject({ grantedFen: 500_000_00, paidFen: 100_000_00 });
    const none = await createStaff(t.http, admin, 'program_manager');
    const empty = (await t.http.get(`${API}/portfolio`).set(bearer(none)).expect(200)).body;
    expect(empty).toMatchObject({ timeline: [], budgetFen: 0 });
  });
});
