import fc from 'fast-check';
import { TestApp, createTestApp } from './support/test-app';
import { bearer, loginAdmin, organizationBody, registerTeam } from './support/factories';

const PROBLEM = /^application\/problem\+json/;

/** Every error class answers RFC 9457 problem+json with a stable shape and no stack trace. */
function expectProblem(
  res: { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string },
  status: number,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:jiebang:problem:/),
    title: expect.any(String),
    code: expect.any(String),
  });
  expect(res.text).not.toMatch(/at .+\.(ts|js):\d+/); // no stack frames
}

describe('HTTP contract', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => t.close());

  it('answers 404 problem+json for an unknown route', async () => {
    const res = await t.http.get('/api/v1/no-such-thing');
    expectProblem(res, 404);
    expect(res.body.instance).toBe('/api/v1/no-such-thing');
  });

  it('answers 400 problem+json for malformed JSON', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email": "a@b.c",');
    expectProblem(res, 400);
    expect(res.body.code).toBe('malformed_json');
  });

  it('answers 413 problem+json for a body over the limit', async () => {
    const res = await t.http.post('/api/v1/organizations').send({ ...organizationBody(), name: 'x'.repeat(10_000) });
    expectProblem(res, 413);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('content-type', 'text/plain').send('hello');
    expectProblem(res, 415);
  });

  it('answers 400 with the field list, 401, 403 and 409 in the same shape', async () => {
    const bad = await t.http.post('/api/v1/auth/login').send({ email: 'nope' });
    expectProblem(bad, 400);
    expect(bad.body.errors).toEqual(expect.arrayContaining([{ field: 'email', message: 'must be an email address' }]));
    expectProblem(await t.http.get('/api/v1/me'), 401);
    const team = await registerTeam(t.http);
    expectProblem(await t.http.get('/api/v1/users').set(bearer(team)), 403);
    const body = organizationBody();
    await t.http.post('/api/v1/organizations').send(body).expect(201);
    expectProblem(await t.http.post('/api/v1/organizations').send({ ...organizationBody(), creditCode: body.creditCode }), 409);
  });

  it('answers 400 naming the parameter for a malformed id', async () => {
    const admin = await loginAdmin(t.http);
    const res = await t.http.get('/api/v1/users/not-a-uuid').set(bearer(admin));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('carries a request id on every response, and keeps a well-formed one from the caller', async () => {
    const own = await t.http.get('/api/v1/health/live').set('x-request-id', 'trace-0123456789');
    expect(own.headers['x-request-id']).toBe('trace-0123456789');
    const fresh = await t.http.get('/api/v1/health/live').set('x-request-id', 'bad id with spaces');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers (helmet)', async () => {
    const res = await t.http.get('/api/v1/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    // A route's own value wins over helmet's: the open-data feed is readable from other origins.
    const feed = await t.http.get('/api/v1/open-data/stats').expect(200);
    expect(feed.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(feed.headers['x-frame-options']).toBe(res.headers['x-frame-options']);
  });

  it('reports liveness and readiness (database and Redis)', async () => {
    await t.http.get('/api/v1/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/api/v1/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('never answers 5xx to a fuzz of malformed bodies on the identity routes', async () => {
    const admin = await loginAdmin(t.http);
    const hostile = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.json().map((s) => JSON.parse(s)),
      fc.record(
        {
          name: fc.anything({ maxDepth: 1 }),
          kind: fc.oneof(fc.constantFrom('enterprise', 'university', 'x'), fc.anything({ maxDepth: 1 })),
          creditCode: fc.oneof(fc.string({ minLength: 18, maxLength: 18 }), fc.anything({ maxDepth: 1 })),
          admin: fc.oneof(
            fc.anything({ maxDepth: 2 }),
            fc.record({ email: fc.anything({ maxDepth: 1 }), password: fc.string(), displayName: fc.string() }),
          ),
          __proto__: fc.anything({ maxDepth: 1 }),
          constructor: fc.anything({ maxDepth: 1 }),
        },
        { requiredKeys: [] },
      ),
    );
    const routes: Array<{ method: 'post' | 'get'; path: string; auth?: boolean }> = [
      { method: 'post', path: '/api/v1/organizations' },
      { method: 'post', path: '/api/v1/auth/login' },
      { method: 'post', path: '/api/v1/users', auth: true },
    ];
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), hostile, async (route, body) => {
        let req = t.http[route.method](route.path);
        if (route.auth) req = req.set(bearer(admin));
        const res = await req.set('content-type', 'application/json').send(JSON.stringify(body) ?? 'undefined');
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers['content-type']).toMatch(PROBLEM);
      }),
      { numRuns: 300 },
    );
    const queries = fc.dictionary(fc.constantFrom('limit', 'cursor', 'role', 'x'), fc.string({ maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(queries, async (query) => {
        const res = await t.http.get('/api/v1/users').query(query).set(bearer(admin));
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW: 'PT60S' } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json after the limit, per client, counted in Redis', async () => {
    const attempt = () => t.http.post('/api/v1/auth/login').send({ email: 'x@example.test', password: 'wrong' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const res = await attempt();
    expectProblem(res, 429);
    expect(res.headers['retry-after']).toBeDefined();
  });
});
