import { TestApp, createTestApp, TEST_ADMIN } from './support/test-app';
import { bearer, createStaff, login, loginAdmin, organizationBody, registerTeam, uniqueEmail } from './support/factories';

const PROBLEM = /^application\/problem\+json/;

describe('identity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en' });
  });
  afterAll(() => t.close());

  describe('POST /organizations', () => {
    it('registers an organisation with its first user, who can sign in', async () => {
      const body = organizationBody();
      const res = await t.http.post('/api/v1/organizations').send(body).expect(201);
      expect(res.body).toMatchObject({ name: body.name, kind: 'enterprise', creditCode: body.creditCode });
      expect(res.body.admin).toMatchObject({ email: body.admin.email, role: 'team', organizationId: res.body.id });
      expect(JSON.stringify(res.body)).not.toMatch(/password/i);
      const session = await login(t.http, body.admin.email, body.admin.password);
      const me = await t.http.get('/api/v1/me').set(bearer(session)).expect(200);
      expect(me.body).toMatchObject({ id: res.body.admin.id, role: 'team', organizationId: res.body.id });
    });

    it('accepts a real published credit code (lower-case input is normalised)', async () => {
      const res = await t.http
        .post('/api/v1/organizations')
        .send(organizationBody({ creditCode: '9144030071526726xg' }))
        .expect(201);
      expect(res.body.creditCode).toBe('9144030071526726XG');
    });

    it.each([
      ['check_digit', '9144030071526726XA', /final check digit/],
      ['organization_check_digit', '914403007152672XXG', /organi[sz]ation code/i],
      ['alphabet', '9144030071526726IG', /character/i],
      ['authority', 'H144030071526726XG', /authority/i],
      ['area', '9199030071526726XG', /area/i],
    ])('refuses a code with a wrong %s with a 400 that says which part', async (part, creditCode, message) => {
      const res = await t.http.post('/api/v1/organizations').send(organizationBody({ creditCode })).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 400, code: 'identity.invalid_credit_code', part });
      expect(res.body.errors[0].field).toBe('creditCode');
      expect(res.body.errors[0].message).toMatch(message);
    });

    it('refuses a code of the wrong length as a field error', async () => {
      const res = await t.http
        .post('/api/v1/organizations')
        .send(organizationBody({ creditCode: '91440300' }))
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'creditCode', message: 'must be exactly 18 characters' }]);
    });

    it('answers 409 for a credit code already registered', async () => {
      const body = organizationBody();
      await t.http.post('/api/v1/organizations').send(body).expect(201);
      const again = organizationBody({ creditCode: body.creditCode });
      const res = await t.http.post('/api/v1/organizations').send(again).expect(409);
      expect(res.body).toMatchObject({ status: 409, code: 'identity.organization_exists' });
    });

    it('answers 409 for an email already in use, and keeps nothing of the failed registration', async () => {
      const first = organizationBody();
      await t.http.post('/api/v1/organizations').send(first).expect(201);
      const second = organizationBody({ admin: { ...first.admin } });
      const res = await t.http.post('/api/v1/organizations').send(second).expect(409);
      expect(res.body.code).toBe('identity.email_taken');
      // The organisation of the failed request was rolled back: its code is still free.
      await t.http
        .post('/api/v1/organizations')
        .send(organizationBody({ creditCode: second.creditCode }))
        .expect(201);
    });

    it('lists every invalid field at once, with nested paths', async () => {
      const res = await t.http
        .post('/api/v1/organizations')
        .send({ name: '', kind: 'company', creditCode: 7, admin: { email: 'not-an-email', password: 'short', displayName: 'x' } })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'kind', 'creditCode', 'admin.email', 'admin.password']));
      expect(res.body.code).toBe('validation_failed');
    });

    it('refuses unknown fields', async () => {
      const res = await t.http
        .post('/api/v1/organizations')
        .send({ ...organizationBody(), role: 'admin' })
        .expect(400);
      expect(res.body.errors).toContainEqual({ field: 'role', message: 'is not an allowed field' });
    });
  });

  describe('POST /auth/login and GET /me', () => {
    it('answers 401 with the same message for an unknown email and a wrong password', async () => {
      const team = await registerTeam(t.http);
      const wrongPassword = await t.http
        .post('/api/v1/auth/login')
        .send({ email: team.email, password: 'wrong-password' })
        .expect(401);
      const unknown = await t.http.post('/api/v1/auth/login').send({ email: uniqueEmail(), password: 'whatever' }).expect(401);
      expect(wrongPassword.body.detail).toBe(unknown.body.detail);
      expect(wrongPassword.body.code).toBe('identity.invalid_credentials');
      expect(wrongPassword.headers['content-type']).toMatch(PROBLEM);
    });

    it('issues a JWT with sub, role and org', async () => {
      const team = await registerTeam(t.http);
      const payload = JSON.parse(Buffer.from(team.token.split('.')[1], 'base64url').toString());
      expect(payload).toMatchObject({ sub: team.userId, role: 'team', org: team.organizationId });
      expect(payload.exp - payload.iat).toBe(3600);
    });

    it('answers 401 on /me without a token, with a malformed one, and with a forged one', async () => {
      await t.http.get('/api/v1/me').expect(401);
      await t.http.get('/api/v1/me').set('Authorization', 'Basic abc').expect(401);
      const team = await registerTeam(t.http);
      const [h, p] = team.token.split('.');
      const forged = `${h}.${p}.${Buffer.from('forged-signature').toString('base64url')}`;
      const res = await t.http.get('/api/v1/me').set(bearer(forged)).expect(401);
      expect(res.body.code).toBe('identity.unauthenticated');
    });
  });

  describe('admin and roles', () => {
    it('creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
      const admin = await loginAdmin(t.http);
      const me = await t.http.get('/api/v1/me').set(bearer(admin)).expect(200);
      expect(me.body).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
    });

    it('lets an admin create agency, program-manager and reviewer users', async () => {
      const admin = await loginAdmin(t.http);
      for (const role of ['agency', 'program_manager', 'reviewer'] as const) {
        const staff = await createStaff(t.http, admin, role);
        const me = await t.http.get('/api/v1/me').set(bearer(staff)).expect(200);
        expect(me.body.role).toBe(role);
      }
      const list = await t.http.get('/api/v1/users?role=reviewer').set(bearer(admin)).expect(200);
      expect(list.body.items.length).toBeGreaterThanOrEqual(1);
      expect(list.body.items.every((u: { role: string }) => u.role === 'reviewer')).toBe(true);
    });

    it('pages users without skipping or repeating', async () => {
      const admin = await loginAdmin(t.http);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.http.get(url).set(bearer(admin)).expect(200);
        seen.push(...res.body.items.map((u: { id: string }) => u.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(new Set(seen).size).toBe(seen.length);
      const all = await t.http.get('/api/v1/users?limit=100').set(bearer(admin)).expect(200);
      expect(seen.sort()).toEqual(all.body.items.map((u: { id: string }) => u.id).sort());
      const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
      const refused = await t.http.get(`/api/v1/users?cursor=${forged}`).set(bearer(admin)).expect(400);
      expect(refused.body).toMatchObject({
        code: 'invalid_cursor',
        errors: [{ field: 'cursor', message: 'is not a valid cursor' }],
      });
    });

    it('answers 403 to a team user on admin routes', async () => {
      const team = await registerTeam(t.http);
      const res = await t.http.post('/api/v1/users').set(bearer(team)).send({}).expect(403);
      expect(res.body).toMatchObject({ status: 403, code: 'identity.role_forbidden' });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('refuses a team user without an organisation, and a duplicate email', async () => {
      const admin = await loginAdmin(t.http);
      const noOrg = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ email: uniqueEmail(), password: 'long-enough-password', displayName: 'T', role: 'team' })
        .expect(400);
      expect(noOrg.body.errors).toEqual([{ field: 'organizationId', message: 'is required for team users' }]);
      const dup = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ email: TEST_ADMIN.email, password: 'long-enough-password', displayName: 'A', role: 'reviewer' })
        .expect(409);
      expect(dup.body.code).toBe('identity.email_taken');
    });

    it('stops a deactivated user’s token at once (403), and lets it work again when reactivated', async () => {
      const admin = await loginAdmin(t.http);
      const agency = await createStaff(t.http, admin, 'agency');
      await t.http.get('/api/v1/me').set(bearer(agency)).expect(200);
      await t.http.post(`/api/v1/users/${agency.userId}/deactivate`).set(bearer(admin)).expect(200);
      const res = await t.http.get('/api/v1/me').set(bearer(agency)).expect(403);
      expect(res.body.code).toBe('identity.user_deactivated');
      await t.http.post('/api/v1/auth/login').send({ email: agency.email, password: agency.password }).expect(401);
      await t.http.post(`/api/v1/users/${agency.userId}/activate`).set(bearer(admin)).expect(200);
      await t.http.get('/api/v1/me').set(bearer(agency)).expect(200);
    });

    it('does not let an admin deactivate themselves', async () => {
      const admin = await loginAdmin(t.http);
      const res = await t.http.post(`/api/v1/users/${admin.userId}/deactivate`).set(bearer(admin)).expect(409);
      expect(res.body.code).toBe('identity.cannot_deactivate_self');
    });
  });
});
