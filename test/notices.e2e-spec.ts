import { Client } from 'pg';
import { bidBody, challengeBody, isoIn } from '@app/bids/testing/fixtures';
import { LedgerNoticesService } from '@app/milestones/notices/ledger-notices.service';
import { ProjectPublicityEndJob } from '@app/awards/publicity-end.job';
import { eventually, seedProject } from '@app/milestones/testing/seed';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker, spawnWorkerProcess, waitForOutput, workerEnvFor } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin, registerAgency, registerTeam } from './support/factories';

jest.setTimeout(180_000);
const API = '/api/v1';
const HOUR = 3_600_000;
type Notice = { id: string; kind: string; params: Record<string, unknown>; subjectId: string; projectId: string | null };

/**
 * Notices derived from the audit ledger by the worker's notices.sweep job (libs/milestones/src/notices):
 * who hears of a question, an answer, a bid, an assignment, an award, a submitted milestone and an
 * approaching deadline — once each, whatever the job's repeats, a second worker or a killed one.
 */
describe('notices from the ledger (a real worker)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let admin: Session;
  let officer1: Session;
  let officer2: Session;
  let otherAgency: Session;
  let reviewer: Session;
  let pm: Session;
  let asker: Session; // asks, does not bid
  let bidder: Session; // bids
  let quitter: Session; // bids, then withdraws
  let challengeId: string;
  let bidId: string;

  const notices = async (who: Session): Promise<Notice[]> =>
    (await t.http.get(`${API}/notifications?limit=100`).set(bearer(who)).expect(200)).body.items as Notice[];
  const ofKind = async (who: Session, kind: string) => (await notices(who)).filter((n) => n.kind === kind);
  const waitFor = (who: Session, kind: string, n = 1) =>
    eventually(async () => {
      const found = await ofKind(who, kind);
      return found.length >= n ? found : null;
    });
  const kinds = async () => (await db.query(`SELECT kind, subject_id, offset_key FROM notifications ORDER BY 1, 2, 3`)).rows;
  const total = async () => Number((await db.query(`SELECT count(*) FROM notifications`)).rows[0].count);

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', NOTICES_EVERY: 'PT0.5S', RECONCILE_EVERY: 'PT1H' } });
    worker = await createTestWorker(t.config);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    const agency = await registerAgency(t.http, admin);
    officer1 = await createStaff(t.http, admin, 'agency', agency.id);
    officer2 = await createStaff(t.http, admin, 'agency', agency.id);
    otherAgency = await createStaff(t.http, admin, 'agency');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    pm = await createStaff(t.http, admin, 'program_manager');
    [asker, bidder, quitter] = [await registerTeam(t.http), await registerTeam(t.http), await registerTeam(t.http)];
    const c = await t.http
      .post(`${API}/challenges`)
      .set(bearer(officer1))
      .send(challengeBody({ title: '通知测试榜单' }))
      .expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(officer1)).expect(200);
    bidId = (await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(bidder)).send(bidBody()).expect(201)).body.id;
    const q = await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(quitter)).send(bidBody()).expect(201);
    await t.http.post(`${API}/challenges/${challengeId}/bids/${q.body.id}/withdraw`).set(bearer(quitter)).expect(200);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await t?.close();
  });

  it('a question: every officer of the agency is told it awaits an answer; nobody else, and not who asked', async () => {
    const q = await t.http.post(`${API}/challenges/${challengeId}/questions`).set(bearer(asker)).send({ text: '样机数量？' });
    expect(q.status).toBe(201);
    for (const officer of [officer1, officer2]) {
      const [n] = await waitFor(officer, 'question.asked');
      expect(n.params).toEqual({ challengeId, challengeTitle: '通知测试榜单', questionId: q.body.id });
    }
    expect(await ofKind(otherAgency, 'question.asked')).toEqual([]);
    expect(await ofKind(asker, 'question.asked')).toEqual([]);
    expect(JSON.stringify(await notices(officer1))).not.toContain(asker.userId);
  });

  it('an answer: the asker and every organisation with a live bid; not a team that withdrew', async () => {
    const [q] = (await t.http.get(`${API}/challenges/${challengeId}/questions`).set(bearer(asker)).expect(200)).body.items;
    await t.http
      .post(`${API}/challenges/${challengeId}/questions/${q.id}/answer`)
      .set(bearer(officer2))
      .send({ text: '两台' })
      .expect(200);
    for (const team of [asker, bidder]) expect((await waitFor(team, 'question.answered'))[0].params.questionId).toBe(q.id);
    expect(await ofKind(quitter, 'question.answered')).toEqual([]);
  });

  it('a bid receipt to the bidder’s organisation only, with the receipt hash and nothing sealed', async () => {
    const { receipt_hash: hash } = (await db.query(`SELECT receipt_hash FROM bids WHERE id = $1`, [bidId])).rows[0];
    const [n] = await waitFor(bidder, 'bid.received');
    expect(n.params).toEqual({
      challengeId,
      challengeTitle: '通知测试榜单',
      bidId,
      receiptHash: hash,
      revision: 1,
      submittedAt: expect.any(String),
    });
    for (const other of [officer1, officer2, otherAgency, asker, quitter, reviewer]) {
      const seen = JSON.stringify(await notices(other));
      expect(seen).not.toContain(bidId);
      expect(seen).not.toContain(hash);
    }
  });

  it('a reviewer assignment to the reviewer', async () => {
    // On a challenge of its own: a challenge with a panel awards only shortlisted bids.
    const c = await t.http
      .post(`${API}/challenges`)
      .set(bearer(officer1))
      .send(challengeBody({ title: '评审榜单' }))
      .expect(201);
    await t.http
      .post(`${API}/challenges/${c.body.id}/reviewers`)
      .set(bearer(officer1))
      .send({ userIds: [reviewer.userId] })
      .expect(200);
    const [n] = await waitFor(reviewer, 'review.assigned');
    expect(n.params).toEqual({ challengeId: c.body.id, challengeTitle: '评审榜单' });
  });

  it('an award to the awarded team, with the amount', async () => {
    await db.query(
      `UPDATE challenges SET bid_deadline = now() - interval '1 second', status = 'closed', closed_at = now() WHERE id = $1`,
      [challengeId],
    );
    const a = await t.http
      .post(`${API}/challenges/${challengeId}/awards`)
      .set(bearer(officer1))
      .send({ bidId, amountFen: 100_000_000, programManagerId: pm.userId });
    expect({ status: a.status, body: a.body }).toMatchObject({ status: 201 });
    const [n] = await waitFor(bidder, 'award.granted');
    expect(n.params).toMatchObject({ challengeId, amountFen: 100_000_000 });
    expect(n.projectId).toEqual(expect.any(String));
    expect(await ofKind(quitter, 'award.granted')).toEqual([]);
  });

  it('publicity: the awarded team hears of an objection (not who), of its award revoked (its PM too), or of it final', async () => {
    // Two open calls (one slot each), each awarded to its own team.
    const awardedChallenge = async (team: Session, amountFen: number) => {
      const c = await t.http
        .post(`${API}/challenges`)
        .set(bearer(officer1))
        .send(challengeBody({ title: '公示通知榜单' }))
        .expect(201);
      await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(officer1)).expect(200);
      const bid = await t.http.post(`${API}/challenges/${c.body.id}/bids`).set(bearer(team)).send(bidBody()).expect(201);
      await db.query(
        `UPDATE challenges SET bid_deadline = now() - interval '1 second', status = 'closed', closed_at = now() WHERE id = $1`,
        [c.body.id],
      );
      const a = await t.http
        .post(`${API}/challenges/${c.body.id}/awards`)
        .set(bearer(officer1))
        .send({ bidId: bid.body.id, amountFen, programManagerId: pm.userId })
        .expect(201);
      return a.body as { id: string; challengeId: string; title: string };
    };
    const [revoked, kept] = [await registerTeam(t.http), await registerTeam(t.http)];
    const [p1, p2] = [await awardedChallenge(revoked, 300_000_000), await awardedChallenge(kept, 400_000_000)];
    const about = (p: { challengeId: string }) => ({ challengeId: p.challengeId, challengeTitle: '公示通知榜单' });
    const ofProject = (who: Session, kind: string, projectId: string) =>
      eventually(async () => {
        const found = (await ofKind(who, kind)).filter((n) => n.params.projectId === projectId);
        return found.length ? found : null;
      });

    // An objection: the officers are asked to decide it; the team hears its award is held, never who objected.
    await t.http.post(`${API}/projects/${p1.id}/objections`).set(bearer(asker)).send({ reason: '资质存疑' }).expect(201);
    const [objected] = await ofProject(revoked, 'award.objected', p1.id);
    expect(objected.params).toEqual({ ...about(p1), projectId: p1.id, projectTitle: p1.title, amountFen: 300_000_000 });
    expect((await ofProject(officer1, 'objection.lodged', p1.id)).length).toBe(1);
    const seenByTeam = JSON.stringify(await notices(revoked));
    expect(seenByTeam).not.toContain(asker.userId);
    expect(seenByTeam).not.toContain(asker.organizationId as string);
    expect(seenByTeam).not.toContain('资质存疑');
    expect(await ofKind(kept, 'award.objected')).toEqual([]);

    // Upheld: the award is revoked; the team and its program manager are told, with the amount and the agency's reason.
    const [o] = (await t.http.get(`${API}/projects/${p1.id}/objections`).set(bearer(officer1)).expect(200)).body.items;
    await t.http
      .post(`${API}/projects/${p1.id}/objections/${o.id}/resolve`)
      .set(bearer(officer1))
      .send({ decision: 'upheld', comment: '资质不符' })
      .expect(200);
    for (const who of [revoked, pm]) {
      const [n] = await ofProject(who, 'award.revoked', p1.id);
      expect(n.params).toEqual({
        ...about(p1),
        projectId: p1.id,
        projectTitle: p1.title,
        amountFen: 300_000_000,
        comment: '资质不符',
      });
      expect(n.projectId).toBe(p1.id);
    }
    expect((await ofProject(asker, 'objection.decided', p1.id))[0].params.decision).toBe('upheld');

    // The other award's publicity ends with no objection (TEST-ONLY SQL, then the job's work): it is final.
    await db.query(`UPDATE projects SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [p2.id]);
    await worker.app.get(ProjectPublicityEndJob).handle({ projectId: p2.id });
    for (const who of [kept, pm]) {
      const [n] = await ofProject(who, 'award.final', p2.id);
      expect(n.params).toEqual({
        ...about(p2),
        projectId: p2.id,
        projectTitle: p2.title,
        amountFen: 400_000_000,
        activatedAt: expect.any(String),
      });
    }
    expect(await ofKind(revoked, 'award.final')).toEqual([]);
    expect(await ofKind(kept, 'award.revoked')).toEqual([]);
  });

  it('a submitted milestone: its project’s program manager is told it awaits review', async () => {
    const p = await seedProject(db, {
      agencyId: officer1.userId,
      organizationId: bidder.organizationId as string,
      programManagerId: pm.userId,
      grantedFen: 1_000_000,
      milestones: [{ dueInMs: 30 * 24 * HOUR, trancheFen: 1_000_000 }],
    });
    await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${p.milestoneIds[0]}/submissions`)
      .set(bearer(bidder))
      .send({ report: '完成', achieved: [], attachments: [] })
      .expect(201);
    const [n] = await waitFor(pm, 'milestone.awaiting_review');
    expect(n).toMatchObject({ projectId: p.projectId, params: { milestoneId: p.milestoneIds[0], projectId: p.projectId } });
  });

  it('a deadline within a day: the team that withdrew and has not resubmitted is reminded, once; a bidder is not', async () => {
    const c = await t.http
      .post(`${API}/challenges`)
      .set(bearer(officer1))
      .send(challengeBody({ title: '截止提醒榜单', bidDeadline: isoIn(20 * HOUR) }))
      .expect(201);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(officer1)).expect(200);
    await t.http.post(`${API}/challenges/${c.body.id}/bids`).set(bearer(bidder)).send(bidBody()).expect(201);
    const w = await t.http.post(`${API}/challenges/${c.body.id}/bids`).set(bearer(quitter)).send(bidBody()).expect(201);
    await t.http.post(`${API}/challenges/${c.body.id}/bids/${w.body.id}/withdraw`).set(bearer(quitter)).expect(200);
    const [n] = await eventually(async () => {
      const found = (await ofKind(quitter, 'bid.deadline_approaching')).filter((x) => x.params.challengeId === c.body.id);
      return found.length ? found : null;
    });
    expect(n.params).toMatchObject({ challengeId: c.body.id, challengeTitle: '截止提醒榜单' });
    await worker.app.get(LedgerNoticesService).runUntilIdle();
    const reminders = (await ofKind(quitter, 'bid.deadline_approaching')).filter((x) => x.params.challengeId === c.body.id);
    expect(reminders).toHaveLength(1); // the 1-day one only, not also the 3-day one
    expect(await ofKind(bidder, 'bid.deadline_approaching')).toEqual([]);
  });

  it('consortium consent: members are asked, the lead hears each answer, and both are reminded before the deadline', async () => {
    const DAY = 24 * HOUR;
    const CANARY = 'SEALED-CANARY-c0n5';
    const [lead, m1, m2, m3] = [
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
    ];
    const nameOf = async (who: Session) =>
      (await db.query(`SELECT name FROM organizations WHERE id = $1`, [who.organizationId])).rows[0].name as string;
    const c = await t.http
      .post(`${API}/challenges`)
      .set(bearer(officer1))
      .send(
        challengeBody({
          title: '联合体通知榜单',
          bidDeadline: isoIn(10 * DAY),
          eligibility: { orgKinds: ['enterprise', 'university'], consortiumAllowed: true, maxMembers: 4 },
        }),
      )
      .expect(201);
    const cid = c.body.id as string;
    await t.http.post(`${API}/challenges/${cid}/publish`).set(bearer(officer1)).expect(200);
    const consortium = [
      { creditCode: lead.creditCode, role: 'lead', sharePercent: 40 },
      { creditCode: m1.creditCode, role: 'member', sharePercent: 30 },
      { creditCode: m2.creditCode, role: 'member', sharePercent: 20 },
      { creditCode: m3.creditCode, role: 'member', sharePercent: 10 },
    ];
    const bid = await t.http
      .post(`${API}/challenges/${cid}/bids`)
      .set(bearer(lead))
      .send(bidBody({ text: CANARY, consortium }))
      .expect(201);
    const bidDeadline = new Date(c.body.bidDeadline).toISOString();
    const ofChallenge = (who: Session, kind: string) =>
      eventually(async () => {
        const found = (await ofKind(who, kind)).filter((n) => n.params.challengeId === cid);
        return found.length ? found : null;
      });

    // (a) Each member is told who asks, for which challenge, its own share and the deadline; nothing of the bid.
    const about = { challengeId: cid, challengeTitle: '联合体通知榜单', bidId: bid.body.id, bidDeadline };
    for (const [member, share] of [
      [m1, 30],
      [m2, 20],
      [m3, 10],
    ] as const) {
      const [n] = await ofChallenge(member, 'consent.requested');
      expect(n.params).toEqual({ ...about, leadOrganizationName: await nameOf(lead), sharePercent: share });
      const seen = JSON.stringify(await notices(member));
      expect(seen).not.toContain(CANARY);
      expect(seen).not.toContain('1000000000');
    }
    for (const other of [lead, asker, bidder, officer1]) expect(await ofKind(other, 'consent.requested')).toEqual([]);

    // (b) m2 accepts, m3 declines with a reason: the lead hears both by name; the reason stays on the bid page.
    const requestOf = async (who: Session) =>
      (
        (await t.http.get(`${API}/consent-requests`).set(bearer(who)).expect(200)).body.items as { id: string; bidId: string }[]
      ).find((r) => r.bidId === bid.body.id) as { id: string };
    await t.http
      .post(`${API}/consent-requests/${(await requestOf(m2)).id}/accept`)
      .set(bearer(m2))
      .send({})
      .expect(200);
    await t.http
      .post(`${API}/consent-requests/${(await requestOf(m3)).id}/decline`)
      .set(bearer(m3))
      .send({ reason: '技术路线不同' })
      .expect(200);
    const [accepted] = await ofChallenge(lead, 'consent.accepted');
    expect(accepted.params).toEqual({ ...about, memberOrganizationName: await nameOf(m2) });
    const [declined] = await ofChallenge(lead, 'consent.declined');
    expect(declined.params).toEqual({ ...about, memberOrganizationName: await nameOf(m3), reasonGiven: true });
    expect(JSON.stringify(await notices(lead))).not.toContain('技术路线不同');
    for (const member of [m1, m2, m3]) {
      expect(await ofKind(member, 'consent.accepted')).toEqual([]);
      expect(await ofKind(member, 'consent.declined')).toEqual([]);
    }

    // (c) The deadline comes within a day (TEST-ONLY SQL): m1, still pending, is reminded; the lead is told its bid
    // will not be opened, naming m1 (no answer yet) and m3 (declined). m2 accepted and m3 answered: no reminder.
    await db.query(`UPDATE challenges SET bid_deadline = now() + interval '20 hours' WHERE id = $1`, [cid]);
    const soon = (await db.query(`SELECT bid_deadline FROM challenges WHERE id = $1`, [cid])).rows[0].bid_deadline as Date;
    const later = { ...about, bidDeadline: soon.toISOString() };
    const [reminder] = await ofChallenge(m1, 'consent.reminder');
    expect(reminder.params).toEqual({ ...later, leadOrganizationName: await nameOf(lead), sharePercent: 30 });
    const [incomplete] = await ofChallenge(lead, 'consent.incomplete');
    expect(incomplete.params).toEqual({
      ...later,
      members: [
        { organizationName: await nameOf(m1), state: 'pending' },
        { organizationName: await nameOf(m3), state: 'declined' },
      ],
    });
    await worker.app.get(LedgerNoticesService).runUntilIdle();
    expect(await ofKind(m1, 'consent.reminder')).toHaveLength(1); // the 1-day window only, once
    expect(await ofKind(lead, 'consent.incomplete')).toHaveLength(1);
    for (const member of [m2, m3]) expect(await ofKind(member, 'consent.reminder')).toEqual([]);
    expect(JSON.stringify(await notices(m1))).not.toContain(CANARY);
  });

  it('nothing doubles: the whole ledger re-read by two workers at once, then by a worker killed mid-run', async () => {
    await eventually(
      async () =>
        (
          await db.query(
            `SELECT count(*) FROM notice_ledger_cursors c JOIN audit_chain_heads h USING (chain) WHERE c.seq < h.seq`,
          )
        ).rows[0].count === '0',
    );
    const before = await total();
    const beforeKinds = await kinds();
    expect(before).toBeGreaterThanOrEqual(9);
    const second = await createTestWorker(t.config);
    try {
      await db.query(`UPDATE notice_ledger_cursors SET seq = 0`);
      const runs = await Promise.all([worker, second].map((w) => w.app.get(LedgerNoticesService).runUntilIdle()));
      expect(runs.reduce((s, r) => s + r.notices, 0)).toBe(0);
      expect(runs.reduce((s, r) => s + r.entries, 0)).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
    expect(await kinds()).toEqual(beforeKinds);
    expect(await total()).toBe(before);

    await db.query(`UPDATE notice_ledger_cursors SET seq = 0`);
    const child = spawnWorkerProcess({ ...workerEnvFor(t.config), NOTICES_EVERY: 'PT0.1S' });
    try {
      // Killed as soon as it has started: its first run (re-reading every chain) is under way or about to be.
      await waitForOutput(child, /worker started/, 60_000);
    } finally {
      child.kill('SIGKILL');
    }
    await eventually(
      async () => (await db.query(`SELECT count(*) FROM notice_ledger_cursors WHERE seq = 0`)).rows[0].count === '0',
    );
    expect(await total()).toBe(before);
  });
});
