import { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { Client } from 'pg';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { TestApp, createTestApp } from './support/test-app';
import {
  TestWorker,
  createTestWorker,
  spawnWorkerProcess,
  stopWorkerProcess,
  waitForOutput,
  workerEnvFor,
} from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

/*
 * Closing at the deadline, with a real worker: the database decides, the queue only wakes things up.
 */
const API = '/api/v1';
const SEC = 1000;
const DAY = 86_400_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function challengeBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '深海探测装备 close test',
    summary: 'Deep-sea sensor',
    industry: 'deep_earth_sea',
    field: 'major_equipment',
    mechanism: 'open_call',
    track: 'core_tech',
    budgetFen: 1_000_000_000,
    objectives: [{ metric: 'depth', target: 11000, unit: 'm' }],
    eligibility: { orgKinds: ['enterprise'], consortiumAllowed: false, maxMembers: 1 },
    bidDeadline: iso(30 * DAY),
    projectEndsAt: iso(400 * DAY),
    ...over,
  };
}

jest.setTimeout(90_000);

describe('challenges: closing at the deadline (worker)', () => {
  let t: TestApp;
  let worker: TestWorker | undefined;
  let agency: Session;
  let team: Session;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', RECONCILE_EVERY: 'PT2S', QA_EXTENSION_WINDOW: 'PT3S' } });
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    team = await registerTeam(t.http);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    worker = await createTestWorker(t.config);
  });
  afterAll(async () => {
    await worker?.close();
    await db.end();
    await t.close();
  });

  const publishWithDeadline = async (msFromNow: number, over: Record<string, unknown> = {}) => {
    const created = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ bidDeadline: iso(msFromNow), ...over }))
      .expect(201);
    const res = await t.http.post(`${API}/challenges/${created.body.id}/publish`).set(bearer(agency)).expect(200);
    return res.body as { id: string; bidDeadline: string };
  };
  const statusOf = async (id: string) =>
    (await t.http.get(`${API}/challenges/${id}`).expect(200)).body as {
      status: string;
      closedAt: string | null;
      bidDeadline: string;
    };
  const waitForStatus = async (id: string, status: string, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const c = await statusOf(id);
      if (c.status === status) return c;
      if (Date.now() > until) throw new Error(`challenge ${id} is ${c.status}, not ${status}, after ${timeoutMs} ms`);
      await sleep(200);
    }
  };

  it('a challenge published with a deadline seconds ahead becomes closed with no client action, audited; then it is frozen', async () => {
    const c = await publishWithDeadline(2500);
    expect((await statusOf(c.id)).status).toBe('published');
    const closed = await waitForStatus(c.id, 'closed', 15 * SEC);
    expect(Date.parse(closed.closedAt as string)).toBeGreaterThanOrEqual(Date.parse(c.bidDeadline));
    const { rows } = await db.query(
      `SELECT action, actor_id, before, after, public FROM audit_entries WHERE challenge_id = $1 ORDER BY seq`,
      [c.id],
    );
    expect(rows.map((r) => r.action)).toEqual(['challenge.created', 'challenge.published', 'challenge.closed', 'bids.opened']);
    expect(rows[2]).toMatchObject({ actor_id: null, before: { status: 'published' }, after: { status: 'closed' }, public: true });
    // Closed: no edits, no extension, no questions, no publishing again.
    await t.http
      .post(`${API}/challenges/${c.id}/extend-deadline`)
      .set(bearer(agency))
      .send({ bidDeadline: iso(DAY) })
      .expect(409);
    await t.http.patch(`${API}/challenges/${c.id}`).set(bearer(agency)).send({ title: 'x' }).expect(409);
    await t.http.post(`${API}/challenges/${c.id}/publish`).set(bearer(agency)).expect(409);
    await t.http.post(`${API}/challenges/${c.id}/questions`).set(bearer(team)).send({ text: 'q' }).expect(409);
  });

  it('running the close job again, or for a challenge that moved on, changes nothing', async () => {
    const scheduler = t.app.get(JobScheduler);
    const c = await publishWithDeadline(1500);
    await waitForStatus(c.id, 'closed', 15 * SEC);
    const before = await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE challenge_id = $1`, [c.id]);
    await scheduler.schedule(JobName.ChallengeClose, { challengeId: c.id }, { jobId: `${jobIds.challengeClose(c.id)}:again` });
    await sleep(1500);
    const after = await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE challenge_id = $1`, [c.id]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    expect((await statusOf(c.id)).status).toBe('closed');
  });

  it('extending the deadline moves the close', async () => {
    const c = await publishWithDeadline(2000);
    const to = iso(6 * SEC);
    await t.http.post(`${API}/challenges/${c.id}/extend-deadline`).set(bearer(agency)).send({ bidDeadline: to }).expect(200);
    const job = await t.app.get(JobScheduler).find(JobName.ChallengeClose, jobIds.challengeClose(c.id));
    expect(job).toBeDefined();
    expect((job?.timestamp ?? 0) + (job?.opts.delay ?? 0)).toBe(Date.parse(to));
    await sleep(3500); // past the old deadline
    expect((await statusOf(c.id)).status).toBe('published');
    const closed = await waitForStatus(c.id, 'closed', 15 * SEC);
    expect(Date.parse(closed.closedAt as string)).toBeGreaterThanOrEqual(Date.parse(to));
  });

  it('a late answer extends the deadline, and the close moves with it', async () => {
    // QA_EXTENSION_WINDOW is three seconds here: an answer 2 s before the deadline (with room for a slow
    // machine) moves it 3 s later.
    const c = await publishWithDeadline(5000);
    const q = await t.http.post(`${API}/challenges/${c.id}/questions`).set(bearer(team)).send({ text: 'late?' }).expect(201);
    await sleep(Date.parse(c.bidDeadline) - Date.now() - 2000);
    const a = await t.http
      .post(`${API}/challenges/${c.id}/questions/${q.body.id}/answer`)
      .set(bearer(agency))
      .send({ text: 'yes' })
      .expect(200);
    expect(a.body).toMatchObject({
      deadlineExtended: true,
      bidDeadline: new Date(Date.parse(c.bidDeadline) + 3 * SEC).toISOString(),
    });
    const closed = await waitForStatus(c.id, 'closed', 15 * SEC);
    expect(Date.parse(closed.closedAt as string)).toBeGreaterThanOrEqual(Date.parse(a.body.bidDeadline));
  });

  it('a cancelled challenge is never closed', async () => {
    const c = await publishWithDeadline(1500);
    await t.http.post(`${API}/challenges/${c.id}/cancel`).set(bearer(agency)).expect(200);
    await sleep(2500);
    expect((await statusOf(c.id)).status).toBe('cancelled');
  });

  it('after the test’s Redis keys are deleted, the reconcile job still closes it', async () => {
    const c = await publishWithDeadline(3000);
    const redis = new Redis(t.config.redisUrl);
    try {
      let cursor = '0';
      let deleted = 0;
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.config.redisPrefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) deleted += await redis.del(...keys);
      } while (cursor !== '0');
      expect(deleted).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
    expect(await t.app.get(JobScheduler).find(JobName.ChallengeClose, jobIds.challengeClose(c.id))).toBeUndefined();
    await waitForStatus(c.id, 'closed', 20 * SEC);
  });

  describe('a worker killed with SIGKILL', () => {
    let child: ChildProcess | undefined;
    afterAll(async () => {
      if (child) await stopWorkerProcess(child, 'SIGKILL');
    });

    it('loses no close: another worker finishes the work', async () => {
      await worker?.close();
      worker = undefined;
      child = spawnWorkerProcess({ ...workerEnvFor(t.config), LOG_LEVEL: 'info' });
      await waitForOutput(child, /worker started/);
      const challenges = [];
      for (let i = 0; i < 6; i++) challenges.push(await publishWithDeadline(2500 + i * 20));
      // Kill it as the closes come due: jobs are waiting, active or done — none may be lost.
      await sleep(Date.parse(challenges[0].bidDeadline) - Date.now() + 30);
      await stopWorkerProcess(child, 'SIGKILL');
      child = undefined;
      worker = await createTestWorker(t.config);
      for (const c of challenges) await waitForStatus(c.id, 'closed', 30 * SEC);
      const { rows } = await db.query(
        `SELECT challenge_id, count(*)::int AS n FROM audit_entries WHERE action = 'challenge.closed' AND challenge_id = ANY($1) GROUP BY challenge_id`,
        [challenges.map((c) => c.id)],
      );
      // Closed exactly once each, whoever ran it.
      expect(rows).toHaveLength(challenges.length);
      for (const r of rows) expect(r.n).toBe(1);
    });
  });
});
