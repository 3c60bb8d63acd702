import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';
import { TcpProxy } from './support/tcp-proxy';
import { eventually } from './support/load';

/*
 * Redis going away (a restart, a failover, a flush of the connection) costs no process and no
 * 500: what needs Redis — sign-in's throttle, Idempotency-Key, the queue dashboard, readiness —
 * answers 503 with Retry-After; what does not (reading one's own account) keeps working; and all
 * of it recovers by itself once Redis is back.
 */
const API = '/api/v1';
jest.setTimeout(120_000);

describe('faults: Redis down for a while', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let admin: Session;
  let team: Session;
  let agency: Session;

  beforeAll(async () => {
    proxy = await TcpProxy.to(6379);
    t = await createTestApp({ env: { REDIS_URL: proxy.urlFor('redis://127.0.0.1:6379') } });
    admin = await loginAdmin(t.http);
    team = await registerTeam(t.http);
    agency = await createStaff(t.http, admin, 'agency');
  });
  afterAll(async () => {
    await proxy.start();
    await t.close();
    await proxy.stop();
  });

  const expectOutage = (res: { status: number; headers: Record<string, string>; body: { code?: string } }) => {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('answers 503 with Retry-After where Redis is needed, keeps the rest working, and recovers', async () => {
    await proxy.stop();

    const signIn = await t.http.post(`${API}/auth/login`).send({ email: admin.email, password: admin.password });
    expectOutage(signIn);
    const idempotent = await t.http
      .post(`${API}/challenges/00000000-0000-4000-8000-000000000000/awards`)
      .set(bearer(agency))
      .set('Idempotency-Key', 'k-1')
      .send({ bidId: '00000000-0000-4000-8000-000000000001', amountFen: 100 });
    expectOutage(idempotent);
    // The dashboard's page is static; its data comes from Redis.
    const dashboard = await t.http.get('/admin/queues/api/queues').set(bearer(admin));
    expectOutage(dashboard);
    await t.http.get(`${API}/health/ready`).expect(503);
    await t.http.get(`${API}/me`).set(bearer(team)).expect(200);

    await proxy.start();
    const back = await eventually(
      async () => (await t.http.post(`${API}/auth/login`).send({ email: admin.email, password: admin.password })).status === 200,
      20_000,
    );
    expect(back).toBe(true);
    await t.http.get(`${API}/health/ready`).expect(200);
    // Each queue reconnects on its own schedule (ioredis backs off per connection), so the
    // dashboard comes back within the same bound as sign-in, not necessarily at the same instant.
    const dashboardBack = await eventually(
      async () => (await t.http.get('/admin/queues/api/queues').set(bearer(admin))).status === 200,
      20_000,
    );
    expect(dashboardBack).toBe(true);
  });
});

describe('faults: shutting down while Redis is coming back', () => {
  it('closes every connection: none is left reconnecting to keep the process alive', async () => {
    const proxy = await TcpProxy.to(6379);
    const t = await createTestApp({ env: { REDIS_URL: proxy.urlFor('redis://127.0.0.1:6379') } });
    const admin = await loginAdmin(t.http);
    await proxy.stop();
    expect((await t.http.get('/admin/queues/api/queues').set(bearer(admin))).status).toBe(503);
    await proxy.start();
    // Right after Redis is back the queues are still reconnecting: the moment a shutdown used to
    // leave one client's reconnect timer behind (BullMQ's refused quit), and the process hung.
    await t.http.get('/admin/queues/api/queues').set(bearer(admin));
    await t.close();
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // longer than ioredis's reconnect backoff
    expect(proxy.connections).toBe(0);
    await proxy.stop();
  });
});
