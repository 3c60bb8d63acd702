import { Client } from 'pg';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, organizationBody, registerTeam, uniqueEmail } from './support/factories';

/**
 * The edges of the HTTP contract that hostile input used to break with a 500: deep JSON, text
 * Postgres cannot store, over-long path parameters; what a failed query may log; and which
 * answers a cache may keep.
 */
const API = '/api/v1';
const PROBLEM = /^application\/problem\+json/;

describe('HTTP hardening', () => {
  let t: TestApp;
  let admin: Session;
  let team: Session;
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', logLines });
    admin = await loginAdmin(t.http);
    team = await registerTeam(t.http);
  });
  afterAll(() => t.close());

  /** Sends raw JSON text, so escapes such as a lone surrogate arrive exactly as written. */
  const postRaw = (path: string, json: string, headers: Record<string, string> = {}) =>
    t.http
      .post(`${API}${path}`)
      .set({ 'content-type': 'application/json', ...headers })
      .send(json);

  describe('deeply nested JSON is a 400 before validation', () => {
    const deepObject = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const deepArray = '['.repeat(5000) + ']'.repeat(5000);

    it.each([
      ['/auth/login', deepObject],
      ['/organizations', deepArray],
      ['/auth/login', `{"email":${deepArray},"password":"x"}`],
    ])('POST %s', async (path, json) => {
      const res = await postRaw(path, json);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ code: 'json_too_deep', errors: [{ field: 'body' }] });
    });

    it('still accepts a body at the limit of any real request', async () => {
      const res = await postRaw('/auth/login', JSON.stringify({ email: admin.email, password: admin.password }));
      expect(res.status).toBe(200);
    });
  });

  describe('a NUL character in stored text is a 400 naming the field', () => {
    it('in a registration field', async () => {
      const body = organizationBody();
      body.name = `深圳\u0000科技`;
      const res = await t.http.post(`${API}/organizations`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'name', message: expect.stringContaining('NUL') }]);
    });

    it('in a nested field of a challenge', async () => {
      const agency = await createStaff(t.http, admin, 'agency');
      const res = await t.http
        .post(`${API}/challenges`)
        .set(bearer(agency))
        .send({ title: 'ok', objectives: [{ metric: 'x\u0000y', target: 1, unit: 'ms' }] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'objectives[0].metric', message: expect.stringContaining('NUL') }]);
    });

    it('in the public search query', async () => {
      const res = await t.http.get(`${API}/challenges?q=%00`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual([{ field: 'q', message: expect.stringContaining('NUL') }]);
    });

    it('in a path parameter', async () => {
      const res = await t.http.get(`${API}/challenges/%00`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('id');
    });
  });

  describe('a lone surrogate in an email is a 400 naming the field', () => {
    it('on sign-in', async () => {
      const res = await postRaw('/auth/login', '{"email":"a\\ud800@example.test","password":"whatever-password"}');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('surrogate') }]);
    });

    it('on registration', async () => {
      const body = organizationBody();
      const json = JSON.stringify(body).replace(body.admin.email, 'x\\udfff@example.test');
      const res = await postRaw('/organizations', json);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'admin.email', message: expect.stringContaining('surrogate') }]);
    });

    it('when an admin creates a user', async () => {
      const json = `{"email":"s\\ud83d@example.test","password":"Staff-password-9!x","displayName":"x","role":"reviewer"}`;
      const res = await postRaw('/users', json, bearer(admin));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'email', message: expect.stringContaining('surrogate') }]);
    });
  });

  it('a path parameter over the router limit is problem+json (414, or 404 where the web app is served)', async () => {
    const res = await t.http.get(`${API}/challenges/${'a'.repeat(150)}`);
    // Without a web build the router refuses the parameter (414); with one, the web app's catch-all
    // route takes the path and answers an /api path with the API's own 404. Both are problem+json.
    expect([414, 404]).toContain(res.status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject(
      res.status === 414 ? { status: 414, code: 'uri_too_long' } : { status: 404, code: 'not_found' },
    );
  });

  it('a malformed percent-encoding in the path is a problem+json 400', async () => {
    const res = await t.http.get(`${API}/challenges/%zz`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  describe('Cache-Control', () => {
    it('a signed-in answer, and the sign-in answer itself, are never stored', async () => {
      const me = await t.http.get(`${API}/me`).set(bearer(team)).expect(200);
      expect(me.headers['cache-control']).toBe('private, no-store');
      const signIn = await t.http.post(`${API}/auth/login`).send({ email: admin.email, password: admin.password }).expect(200);
      expect(signIn.headers['cache-control']).toBe('private, no-store');
      const bids = await t.http.get(`${API}/bids`).set(bearer(team));
      expect(bids.headers['cache-control']).toBe('private, no-store');
    });

    it('a public read stays cacheable but varies on Authorization', async () => {
      const res = await t.http.get(`${API}/challenges`).expect(200);
      expect(res.headers['cache-control']).toBeUndefined();
      expect(res.headers.vary).toMatch(/authorization/i);
    });
  });

  it('a failed insert logs neither its parameters nor the values in its message', async () => {
    const canary = `CANARY-${Date.now().toString(36)}`;
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      // Make the next user insert fail inside Postgres, after the request passed validation.
      await db.query(`CREATE FUNCTION test_refuse_user() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused "%"', NEW.display_name; END $$`);
      await db.query(`CREATE TRIGGER test_refuse_user BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION test_refuse_user()`);
      const body = organizationBody();
      body.admin = { email: `${canary.toLowerCase()}@example.test`, password: 'Harbour-lantern-orbit-58', displayName: canary };
      const res = await t.http.post(`${API}/organizations`).send(body);
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain(canary);
    } finally {
      await db.query(`DROP TRIGGER IF EXISTS test_refuse_user ON users`);
      await db.query(`DROP FUNCTION IF EXISTS test_refuse_user()`);
      await db.end();
    }
    // The log line is written asynchronously: on a loaded machine it may land after the answer.
    for (let waited = 0; waited < 5000 && !logLines.join('').includes('unhandled error'); waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    const logged = logLines.join('');
    expect(logged).toContain('unhandled error');
    expect(logged).not.toContain(canary);
    expect(logged).not.toContain(canary.toLowerCase());
    expect(logged).not.toMatch(/\$argon2id\$/);
    // …and the request still worked end to end once the fault was gone.
    const again = organizationBody({
      admin: { email: uniqueEmail('after'), password: 'Another-strong-pass-42', displayName: 'x' },
    });
    await t.http.post(`${API}/organizations`).send(again).expect(201);
  });
});
