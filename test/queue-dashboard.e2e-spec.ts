import { createHash } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { failMaintenanceJob } from './support/failed-job';
import { Client } from 'pg';
import { jwtSecretKey } from '@app/common/config';
import { JobName, QueueName } from '@app/jobs';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

/*
 * Bull Board at /admin/queues: active admins only. Scripts send their API bearer token; a browser
 * gets a dashboard-only session cookie, which is no API token and opens nothing else. A browser
 * page request without a session goes to the web app's entry page, which opens one and comes back.
 * The app trusts one proxy here, so a request can say it came over https (X-Forwarded-Proto).
 */
const BOARD_API = '/admin/queues/api/queues';
const SESSION = '/admin/queues/session';
const COOKIE = /^jiebang_queues=([A-Za-z0-9_-]{43}); Max-Age=(\d+); Path=\/admin\/queues; HttpOnly;( Secure;)? SameSite=Strict$/;
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const HTTPS = { 'x-forwarded-proto': 'https' };

describe('queue dashboard /admin/queues', () => {
  let t: TestApp;
  let root: Session;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    root = await loginAdmin(t.http);
    redis = new Redis(t.config.redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  /** Opens a session with an admin's bearer token: the cookie pair to send back, and its parts. */
  async function openSession(admin: Session, headers: Record<string, string> = HTTPS) {
    const res = await t.http.post(SESSION).set(bearer(admin)).set(headers).expect(204);
    const setCookie = String(res.headers['set-cookie']);
    const match = COOKIE.exec(setCookie);
    if (!match) throw new Error(`unexpected Set-Cookie: ${setCookie}`);
    return { pair: setCookie.split(';')[0], id: match[1], maxAge: Number(match[2]), secure: Boolean(match[3]) };
  }

  it('answers 401 problem+json without a token and with a bad one', async () => {
    const res = await t.http.get('/admin/queues').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'identity.unauthenticated' });
    await t.http.get(BOARD_API).set(bearer('not-a-token')).expect(401);
  });

  it('answers 403 to a signed-in user who is not an admin', async () => {
    const team = await registerTeam(t.http);
    const res = await t.http.get('/admin/queues').set(bearer(team)).expect(403);
    expect(res.body.code).toBe('identity.role_forbidden');
  });

  it('serves the board and its api to an admin’s bearer token, and lists every queue', async () => {
    const page = await t.http.get('/admin/queues').set(bearer(root)).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const api = await t.http.get(BOARD_API).set(bearer(root)).expect(200);
    const names = api.body.queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual(expect.arrayContaining(Object.values(QueueName)));
  });

  it('refuses, with 401, a correctly signed token without exp or whose sub is not a user id', async () => {
    const signer = new JwtService({ secret: jwtSecretKey(t.config.jwtSecret), signOptions: { algorithm: 'HS256' } });
    const forever = signer.sign({ sub: root.userId, role: 'admin', org: null });
    const notAnId = signer.sign({ sub: `${root.userId}' OR '1'='1`, role: 'admin', org: null }, { expiresIn: 600 });
    for (const token of [forever, notAnId]) {
      const res = await t.http.get(BOARD_API).set(bearer(token)).expect(401);
      expect(res.body.code).toBe('identity.unauthenticated');
      await t.http.post(SESSION).set(bearer(token)).expect(401);
    }
  });

  it('gives a browser a dashboard-only session: Secure, 15 minutes, kept in Redis, not an API token', async () => {
    const { pair, id, maxAge, secure } = await openSession(root);
    expect(secure).toBe(true);
    expect(maxAge).toBe(900);
    expect(id).not.toContain(root.token);
    const stored = `${t.config.redisPrefix}:queue-dashboard:session:${createHash('sha256').update(id).digest('hex')}`;
    expect(await redis.get(stored)).toBe(root.userId);
    expect(await redis.pttl(stored)).toBeGreaterThan(890_000);
    expect(await redis.pttl(stored)).toBeLessThanOrEqual(900_000);

    await t.http.get(BOARD_API).set('Cookie', pair).expect(200);
    // The session is for the dashboard, from its cookie only.
    expect((await t.http.get('/api/v1/me').set(bearer(id)).expect(401)).body.code).toBe('identity.unauthenticated');
    await t.http.get(BOARD_API).set(bearer(id)).expect(401);
    // An API token is no session: a cookie holding one opens nothing.
    await t.http.get(BOARD_API).set('Cookie', `jiebang_queues=${root.token}`).expect(401);
    // A session cannot open another one.
    await t.http.post(SESSION).set('Cookie', pair).expect(401);
  });

  it('ends the session on DELETE (with the cookie alone), and refuses a deactivated admin at once', async () => {
    const first = await openSession(root);
    const ended = await t.http.delete(SESSION).set(HTTPS).set('Cookie', first.pair).expect(204);
    expect(String(ended.headers['set-cookie'])).toBe(
      'jiebang_queues=; Max-Age=0; Path=/admin/queues; HttpOnly; Secure; SameSite=Strict',
    );
    await t.http.get(BOARD_API).set('Cookie', first.pair).expect(401);

    const admin = await createStaff(t.http, root, 'admin');
    const { pair } = await openSession(admin);
    await t.http.get(BOARD_API).set('Cookie', pair).expect(200);
    await t.http.post(`/api/v1/users/${admin.userId}/deactivate`).set(bearer(root)).expect(200);
    const res = await t.http.get(BOARD_API).set('Cookie', pair).expect(403);
    expect(res.body.code).toBe('identity.user_deactivated');
  });

  it('over plain http (a LAN address without TLS) the cookie is not Secure, or the browser would drop it', async () => {
    const { pair, secure } = await openSession(root, {});
    expect(secure).toBe(false);
    await t.http.get('/admin/queues').set('Accept', HTML).set('Cookie', pair).expect(200);
    const ended = await t.http.delete(SESSION).set('Cookie', pair).expect(204);
    expect(String(ended.headers['set-cookie'])).toBe('jiebang_queues=; Max-Age=0; Path=/admin/queues; HttpOnly; SameSite=Strict');
  });

  it('sends a browser page request without a live session to the web app’s entry page, and back', async () => {
    // Reload or a new tab: no cookie at all. The page asked for is kept, query and all.
    const fresh = await t.http.get('/admin/queues/queue/mail?status=failed').set('Accept', HTML).expect(303);
    expect(fresh.headers.location).toBe('/admin/jobs/board?next=%2Fadmin%2Fqueues%2Fqueue%2Fmail%3Fstatus%3Dfailed');
    expect(fresh.headers['cache-control']).toBe('no-store');
    // The session has ended (Redis forgot it): the same.
    const { pair, id } = await openSession(root);
    await redis.del(`${t.config.redisPrefix}:queue-dashboard:session:${createHash('sha256').update(id).digest('hex')}`);
    const ended = await t.http.get('/admin/queues').set('Accept', HTML).set('Cookie', pair).expect(303);
    expect(ended.headers.location).toBe('/admin/jobs/board?next=%2Fadmin%2Fqueues');
    // The entry page is the web app's (served as a page; it opens a session with the tab's sign-in).
    // Scripts and the board's own requests keep their problem+json 401.
    const api = await t.http.get(BOARD_API).set('Accept', HTML).set('Cookie', pair).expect(401);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http.get('/admin/queues').set('Accept', 'application/json').expect(401);
    await t.http.get('/admin/queues').set('Accept', HTML).set(bearer('not-a-token')).expect(401);
    await t.http.post(SESSION).set('Accept', HTML).expect(401);
  });

  it('still refuses a non-admin and a deactivated admin with 403 problem+json, page request or not', async () => {
    const team = await registerTeam(t.http);
    const byTeam = await t.http.get('/admin/queues').set('Accept', HTML).set(bearer(team)).expect(403);
    expect(byTeam.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http.post(SESSION).set(bearer(team)).expect(403);
    const admin = await createStaff(t.http, root, 'admin');
    const { pair } = await openSession(admin);
    await t.http.post(`/api/v1/users/${admin.userId}/deactivate`).set(bearer(root)).expect(200);
    const res = await t.http.get('/admin/queues').set('Accept', HTML).set('Cookie', pair).expect(403);
    expect(res.body.code).toBe('identity.user_deactivated');
  });
});

describe('the admin’s job overview GET /api/v1/jobs and retry', () => {
  let t: TestApp;
  let root: Session;
  let db: Client;
  let queue: Queue;
  let producer: Redis;
  const OVERVIEW = '/api/v1/jobs';

  beforeAll(async () => {
    t = await createTestApp();
    root = await loginAdmin(t.http);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    producer = new Redis(t.config.redisUrl);
    queue = new Queue(QueueName.Maintenance, { connection: producer, prefix: t.config.redisPrefix });
  });
  afterAll(async () => {
    await queue?.close();
    producer?.disconnect();
    await db?.end();
    await t?.close();
  });

  const failedJob = (jobId: string) => failMaintenanceJob(queue, t.config, jobId, { secret: 'never shown' });

  it('lists every queue with its counts and its latest failed jobs: name, reason, attempts, times, no data', async () => {
    await failedJob('documents:orphans:1');
    const res = await t.http.get(OVERVIEW).set(bearer(root)).expect(200);
    const names = res.body.queues.map((q: { name: string }) => q.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(QueueName)));
    const maintenance = res.body.queues.find((q: { name: string }) => q.name === QueueName.Maintenance);
    expect(maintenance.counts).toEqual({
      waiting: expect.any(Number),
      active: 0,
      delayed: expect.any(Number),
      failed: 1,
      completed: 0,
    });
    expect(maintenance.failed).toEqual([
      {
        id: 'documents:orphans:1',
        name: JobName.DocumentsOrphanSweep,
        failedReason: 'the store refused the sweep',
        attemptsMade: 1,
        attempts: 1,
        createdAt: expect.any(String),
        processedAt: expect.any(String),
        failedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('never shown');
  });

  it('is for admins only', async () => {
    await t.http.get(OVERVIEW).expect(401);
    const team = await registerTeam(t.http);
    expect((await t.http.get(OVERVIEW).set(bearer(team)).expect(403)).body.code).toBe('identity.role_forbidden');
    await t.http.post(`${OVERVIEW}/maintenance/documents:orphans:1/retry`).set(bearer(team)).expect(403);
  });

  it('retries a failed job once, recorded in the ledger; a second retry is 409, an unknown job 404', async () => {
    await failedJob('documents:orphans:2');
    const retry = `${OVERVIEW}/${QueueName.Maintenance}/documents:orphans:2/retry`;
    const res = await t.http.post(retry).set(bearer(root)).expect(200);
    expect(res.body).toMatchObject({ id: 'documents:orphans:2', failedReason: 'the store refused the sweep' });
    expect(await (await queue.getJob('documents:orphans:2'))?.getState()).toBe('waiting');
    const again = await t.http.post(retry).set(bearer(root)).expect(409);
    expect(again.body.code).toBe('jobs.job_not_failed');
    const { rows } = await db.query(
      `SELECT actor_id, subject_id, before, after, public FROM audit_entries WHERE action = 'job.retried'`,
    );
    expect(rows).toEqual([
      {
        actor_id: root.userId,
        subject_id: 'maintenance/documents:orphans:2',
        before: {
          state: 'failed',
          name: JobName.DocumentsOrphanSweep,
          attemptsMade: 1,
          failedReason: 'the store refused the sweep',
        },
        after: { state: 'waiting' },
        public: false,
      },
    ]);
    expect((await t.http.post(`${OVERVIEW}/maintenance/no-such-job/retry`).set(bearer(root)).expect(404)).body.code).toBe(
      'jobs.job_not_found',
    );
    await t.http.post(`${OVERVIEW}/no-such-queue/x/retry`).set(bearer(root)).expect(404);
    const bad = await t.http.post(`${OVERVIEW}/Maintenance/a%20b/retry`).set(bearer(root)).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['jobId', 'queue']);
  });
});
