import { createHash } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { jwtSecretKey } from '@app/common/config';
import { QueueName } from '@app/jobs';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

/*
 * Bull Board at /admin/queues: active admins only. Scripts send their API bearer token; a browser
 * gets a dashboard-only session cookie, which is no API token and opens nothing else.
 */
const BOARD_API = '/admin/queues/api/queues';
const SESSION = '/admin/queues/session';
const COOKIE = /^jiebang_queues=([A-Za-z0-9_-]{43}); Max-Age=(\d+); Path=\/admin\/queues; HttpOnly; Secure; SameSite=Strict$/;

describe('queue dashboard /admin/queues', () => {
  let t: TestApp;
  let root: Session;
  let redis: Redis;

  beforeAll(async () => {
    t = await createTestApp();
    root = await loginAdmin(t.http);
    redis = new Redis(t.config.redisUrl);
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  /** Opens a session with an admin's bearer token: the cookie pair to send back, and its parts. */
  async function openSession(admin: Session) {
    const res = await t.http.post(SESSION).set(bearer(admin)).expect(204);
    const setCookie = String(res.headers['set-cookie']);
    const match = COOKIE.exec(setCookie);
    if (!match) throw new Error(`unexpected Set-Cookie: ${setCookie}`);
    return { pair: setCookie.split(';')[0], id: match[1], maxAge: Number(match[2]) };
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
    const { pair, id, maxAge } = await openSession(root);
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
    const ended = await t.http.delete(SESSION).set('Cookie', first.pair).expect(204);
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
});
