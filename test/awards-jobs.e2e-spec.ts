import { Client } from 'pg';
import { ProjectPublicityEndJob } from '@app/awards/publicity-end.job';
import { SeededChallenge, seedClosedChallenges } from '@app/awards/testing/seed';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin } from './support/factories';

/*
 * Publicity (公示期) ends without any client action: the real worker moves projects from publicity
 * to active at publicity_ends_at (PUBLICITY_PERIOD=PT2S here); an open objection holds a project.
 */
jest.setTimeout(120_000);
const API = '/api/v1';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('awards: publicity ends by itself (worker)', () => {
  let t: TestApp;
  let worker: TestWorker | undefined;
  let agency: Session;
  let team: Session;
  let db: Client;
  let seeded: SeededChallenge;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLICITY_PERIOD: 'PT2S', RECONCILE_EVERY: 'PT2S' } });
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    team = await createStaff(t.http, admin, 'reviewer'); // any signed-in user may object
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    [seeded] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 1,
      bidsPerChallenge: 5,
      parallelSlots: 5,
      budgetFen: 5_000_000_000,
    });
  });
  afterAll(async () => {
    await worker?.close();
    await db.end();
    await t.close();
  });

  const award = async (i: number) =>
    (
      await t.http
        .post(`${API}/challenges/${seeded.challengeId}/awards`)
        .set(bearer(agency))
        .send({ bidId: seeded.bids[i].bidId, amountFen: 500_000_000 })
        .expect(201)
    ).body.id as string;
  const statusOf = async (id: string) =>
    (await db.query(`SELECT status FROM projects WHERE id = $1`, [id])).rows[0].status as string;
  const waitForStatus = async (id: string, status: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await statusOf(id)) === status) return;
      await sleep(200);
    }
    throw new Error(`project ${id} is ${await statusOf(id)}, not ${status}, after ${timeoutMs} ms`);
  };

  it('publicity → active at the end of the period, with no client action; an open objection holds the project', async () => {
    const held = await award(0);
    // Keep the held project's period open while the objection is lodged (the machine may be slow), then end it.
    await db.query(`UPDATE projects SET publicity_ends_at = now() + interval '1 minute' WHERE id = $1`, [held]);
    const objection = await t.http
      .post(`${API}/projects/${held}/objections`)
      .set(bearer(team))
      .send({ reason: '资质存疑' })
      .expect(201);
    await db.query(`UPDATE projects SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [held]);

    worker = await createTestWorker(t.config);
    const free = await award(1);
    expect(await statusOf(free)).toBe('publicity');
    await waitForStatus(free, 'active', 30_000);
    const [row] = (await db.query(`SELECT activated_at, publicity_ends_at FROM projects WHERE id = $1`, [free])).rows;
    expect(row.activated_at.getTime()).toBeGreaterThanOrEqual(row.publicity_ends_at.getTime());
    const audit = (
      await db.query(
        `SELECT actor_id, public, after FROM audit_entries WHERE subject_id = $1 AND action = 'project.publicity_ended'`,
        [free],
      )
    ).rows;
    expect(audit).toEqual([{ actor_id: null, public: true, after: expect.objectContaining({ status: 'active' }) }]);

    // The held project's job has run (and a reconcile pass or two): still in publicity.
    await sleep(5_000);
    expect(await statusOf(held)).toBe('publicity');
    const res = await t.http
      .post(`${API}/projects/${held}/objections/${objection.body.id}/resolve`)
      .set(bearer(agency))
      .send({ decision: 'dismissed', comment: '不成立' })
      .expect(200);
    expect(res.body.projectStatus).toBe('active');
    expect(await statusOf(held)).toBe('active');
  });

  it('running the job again is harmless (one transition, one audit entry)', async () => {
    const id = await award(2);
    await waitForStatus(id, 'active', 30_000);
    const job = (worker as TestWorker).app.get(ProjectPublicityEndJob);
    await job.handle({ projectId: id });
    await job.handle({ projectId: id });
    const n = (
      await db.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE subject_id = $1 AND action = 'project.publicity_ended'`,
        [id],
      )
    ).rows[0].n;
    expect(n).toBe(1);
  });

  it('a lost job (its Redis key deleted) is re-created by the reconcile job', async () => {
    const id = await award(3);
    await t.app.get(JobScheduler).cancel(JobName.ProjectPublicityEnd, jobIds.projectPublicityEnd(id));
    await waitForStatus(id, 'active', 40_000);
  });
});
