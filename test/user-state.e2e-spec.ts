import Redis from 'ioredis';
import { Session, bearer, createStaff, loginAdmin, registerAgency } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';

/**
 * The auth guard keeps each user's state in memory per api process, checked on every request
 * against the user's version in Redis (libs/identity/src/auth/user-state-cache.ts). These tests run
 * two replicas on one database and one Redis: a change made through one holds on the very next
 * request to the other — deactivation, reactivation, an officer's agency — and a Redis that lost
 * its keys does not bring an old state back.
 */
jest.setTimeout(60_000);
const API = '/api/v1';

describe('user state across replicas', () => {
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  let admin: Session;

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ replicaOf: a });
    redis = new Redis(a.config.redisUrl);
    admin = await loginAdmin(a.http);
  });
  afterAll(async () => {
    redis?.disconnect();
    await b?.close();
    await a?.close();
  });

  const me = (app: TestApp, who: Session) => app.http.get(`${API}/me`).set(bearer(who));

  it('a deactivation through one replica refuses the next request on the other, and a reactivation lets it in again', async () => {
    const user = await createStaff(a.http, admin, 'reviewer');
    await me(b, user).expect(200); // b now remembers the user as active
    await me(b, user).expect(200);
    await a.http.post(`${API}/users/${user.userId}/deactivate`).set(bearer(admin)).expect(200);
    const refused = await me(b, user).expect(403);
    expect(refused.body.code).toBe('identity.user_deactivated');
    await a.http.post(`${API}/users/${user.userId}/activate`).set(bearer(admin)).expect(200);
    await me(b, user).expect(200);
  });

  it('an officer moved out of an agency acts for none on the other replica at once', async () => {
    const agency = await registerAgency(a.http, admin);
    const officer = await createStaff(a.http, admin, 'agency', agency.id);
    expect((await me(b, officer).expect(200)).body.organizationId).toBe(agency.id);
    await a.http.delete(`${API}/agencies/${agency.id}/officers/${officer.userId}`).set(bearer(admin)).expect(200);
    expect((await me(b, officer).expect(200)).body.organizationId).toBeNull();
  });

  it('Redis losing its keys (a flush, an empty failover) makes every replica read the row again', async () => {
    const user = await createStaff(a.http, admin, 'reviewer');
    await me(b, user).expect(200);
    await me(a, user).expect(200);
    // Both remember the user under "never bumped". The deactivation bumps the version, then the keys
    // vanish (a failover to an empty Redis): "never bumped" again — which must not match.
    await a.http.post(`${API}/users/${user.userId}/deactivate`).set(bearer(admin)).expect(200);
    await redis.del(...(await redis.keys(`${a.config.redisPrefix}:user-state:*`)));
    await me(b, user).expect(403);
    await me(a, user).expect(403);
  });
});
