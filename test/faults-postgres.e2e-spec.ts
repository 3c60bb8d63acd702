import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { challengeBody, isoIn } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { spawnWorkerProcess, stopWorkerProcess, waitForOutput, workerEnvFor } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin, organizationBody, registerTeam, uniqueEmail } from './support/factories';
import { TcpProxy } from './support/tcp-proxy';
import { eventually, runLoad, sleep, unexpectedAnswers } from './support/load';

/*
 * Postgres going away must cost neither a process nor a half-written row: connections killed
 * under load (a restart, a failover, pg_terminate_backend) and a database that is down for a
 * while are answered 503 with Retry-After, and everything works again afterwards, with no restart.
 */
const API = '/api/v1';
jest.setTimeout(120_000);

const strongAdmin = () => ({ email: uniqueEmail('fault'), password: 'Fault-tolerant-phrase-42', displayName: '王五' });

describe('faults: Postgres connections killed under load', () => {
  let t: TestApp;
  let db: Client;
  let agency: Session;
  let team: Session;
  let worker: ChildProcess;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', RECONCILE_EVERY: 'PT2S' } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    team = await registerTeam(t.http);
    worker = spawnWorkerProcess(workerEnvFor(t.config));
    await waitForOutput(worker, /worker started/i, 60_000);
  });
  afterAll(async () => {
    if (worker) await stopWorkerProcess(worker, 'SIGKILL');
    await db.end();
    await t.close();
  });

  /** The repro: every client backend of the test database, terminated. */
  const terminateAll = () =>
    db.query(
      `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );

  it('20 kills 100 ms apart: the api and the worker keep answering, and nothing is half-written', async () => {
    const reads = runLoad('me', 4, () => t.http.get(`${API}/me`).set(bearer(team)));
    const registrations = runLoad('register', 2, () =>
      t.http.post(`${API}/organizations`).send(organizationBody({ admin: strongAdmin() })),
    );
    const drafts = runLoad('draft', 2, () => t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()));
    await sleep(300);
    for (let i = 0; i < 20; i++) {
      await terminateAll();
      await sleep(100);
    }
    await Promise.all([reads.stop(), registrations.stop(), drafts.stop()]);

    const answers = [...reads.answers, ...registrations.answers, ...drafts.answers];
    expect(unexpectedAnswers(answers, (a) => a.status === 200 || a.status === 201)).toEqual([]);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0); // the faults did land
    expect(worker.exitCode).toBeNull();
    expect(worker.signalCode).toBeNull();

    // Nothing half-written: every organisation has its first user (one transaction writes both).
    const orphans = await db.query(
      `SELECT count(*)::int AS n FROM organizations o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.organization_id = o.id)`,
    );
    expect(orphans.rows[0].n).toBe(0);
    // …and the audit chains still verify.
    const verify = await t.http.get(`${API}/audit/verify`).expect(200);
    expect(verify.body.ok).toBe(true);

    // Afterwards, with no restart: the api answers, and the worker still does its jobs.
    await t.http.get(`${API}/me`).set(bearer(team)).expect(200);
    await t.http
      .post(`${API}/organizations`)
      .send(organizationBody({ admin: strongAdmin() }))
      .expect(201);
    const created = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ bidDeadline: isoIn(2_000) }))
      .expect(201);
    await t.http.post(`${API}/challenges/${created.body.id}/publish`).set(bearer(agency)).expect(200);
    const closed = await eventually(
      async () => (await t.http.get(`${API}/challenges/${created.body.id}`)).body.status === 'closed',
      30_000,
    );
    expect(closed).toBe(true);
  });
});

describe('faults: Postgres down for a while', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let team: Session;

  beforeAll(async () => {
    proxy = await TcpProxy.to(5432);
    t = await createTestApp({ databaseVia: (url) => proxy.urlFor(url) });
    team = await registerTeam(t.http);
  });
  afterAll(async () => {
    await proxy.start();
    await t.close();
    await proxy.stop();
  });

  it('answers 503 with Retry-After while it is away, and 2xx again once it is back', async () => {
    await t.http.get(`${API}/me`).set(bearer(team)).expect(200);
    await proxy.stop();

    const me = await t.http.get(`${API}/me`).set(bearer(team));
    expect(me.status).toBe(503);
    expect(me.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(me.headers['retry-after'])).toBeGreaterThan(0);
    expect(me.body).toMatchObject({ status: 503, code: 'service_unavailable' });
    const register = await t.http.post(`${API}/organizations`).send(organizationBody({ admin: strongAdmin() }));
    expect(register.status).toBe(503);
    const publicList = await t.http.get(`${API}/challenges`);
    expect(publicList.status).toBe(503);
    await t.http.get(`${API}/health/ready`).expect(503);
    await t.http.get(`${API}/health/live`).expect(200);

    await proxy.start();
    const back = await eventually(async () => (await t.http.get(`${API}/me`).set(bearer(team))).status === 200, 20_000);
    expect(back).toBe(true);
    await t.http
      .post(`${API}/organizations`)
      .send(organizationBody({ admin: strongAdmin() }))
      .expect(201);
    await t.http.get(`${API}/health/ready`).expect(200);
  });
});
