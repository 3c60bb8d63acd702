import { randomInt } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PasswordHasher } from '@app/identity';
import { TestApp, createTestApp } from './support/test-app';
import { bearer, createStaff, loginAdmin, organizationBody, registerTeam, uniqueEmail } from './support/factories';

const PROBLEM = /^application\/problem\+json/;
const LOGIN = '/api/v1/auth/login';

/**
 * What the client writes in X-Forwarded-For is anything it likes; the proxy in front of us (one
 * hop, TRUST_PROXY=1) appends the address it really saw. Only that last entry may be believed.
 */
const spoofed = () => `${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
const via = (client: string) => ({ 'X-Forwarded-For': `${spoofed()}, ${spoofed()}, ${client}` });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retry-After of a lock of `seconds`, seen a moment after it began: the whole lock, or up to two
 * seconds less on a slow run (the lock starts when the guess that earns it is admitted).
 */
const lockOf = (seconds: number) => [String(seconds - 2), String(seconds - 1), String(seconds)];

describe('sign-in throttling (TRUST_PROXY=1)', () => {
  let t: TestApp;
  const signIn = (email: string, password: string, client: string) =>
    t.http.post(LOGIN).set(via(client)).send({ email, password });

  beforeAll(async () => {
    t = await createTestApp({
      acceptLanguage: 'en',
      env: {
        TRUST_PROXY: '1',
        LOGIN_RATE_LIMIT: '5',
        LOGIN_RATE_WINDOW: 'PT60S',
        LOGIN_ACCOUNT_FAILURES: '3',
        LOGIN_ACCOUNT_WINDOW: 'PT60S',
        LOGIN_LOCK_BASE: 'PT3S',
        LOGIN_LOCK_MAX: 'PT6S',
      },
    });
  });
  afterAll(() => t.close());

  it('throttles 60 wrong passwords from one client whatever X-Forwarded-For it sends', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 60; i++) {
      // A different account each time, so only the address can be what stops them.
      last = await signIn(uniqueEmail('guess'), 'wrong-password-123', '203.0.113.10');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(statuses.slice(5)).toEqual(Array(55).fill(429));
    expect(last?.headers['content-type']).toMatch(PROBLEM);
    expect(last?.body).toMatchObject({ status: 429, code: 'identity.login_throttled' });
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
    // Another client is not affected.
    const team = await registerTeam(t.http);
    expect((await signIn(team.email, team.password, '203.0.113.11')).status).toBe(200);
  });

  it('never throttles successful sign-ins from one address, only its failures', async () => {
    const team = await registerTeam(t.http);
    const campus = '198.51.100.20';
    for (let i = 0; i < 15; i++) {
      expect((await signIn(team.email, team.password, campus)).status).toBe(200);
      // Four typos (on accounts of their own, so no account locks) among fifteen sign-ins.
      if (i % 3 === 0 && i < 12) expect((await signIn(uniqueEmail('typo'), 'typo-password', campus)).status).toBe(401);
    }
    expect((await signIn(uniqueEmail('typo'), 'typo-password', campus)).status).toBe(401);
    expect((await signIn(team.email, team.password, campus)).status).toBe(429);
  });

  it('locks an account after 3 failures, even for its right password, and not its neighbours', async () => {
    const [victim, neighbour] = [await registerTeam(t.http), await registerTeam(t.http)];
    const client = '198.51.100.30';
    for (let i = 0; i < 3; i++) expect((await signIn(victim.email, 'wrong-password-123', client)).status).toBe(401);
    const locked = await signIn(victim.email, victim.password, client);
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(PROBLEM);
    expect(locked.body).toMatchObject({ status: 429, code: 'identity.login_locked' });
    expect(lockOf(3)).toContain(locked.headers['retry-after']);
    // Locked from everywhere, not only from the guessing address.
    expect((await signIn(victim.email, victim.password, '198.51.100.31')).body.code).toBe('identity.login_locked');
    expect((await signIn(neighbour.email, neighbour.password, client)).status).toBe(200);
  });

  it('locks an unknown email exactly like a real account, so a lock reveals nothing', async () => {
    const real = await registerTeam(t.http);
    const ghost = uniqueEmail('nobody');
    const answers: Array<Awaited<ReturnType<typeof signIn>>> = [];
    for (const [email, client] of [
      [real.email, '198.51.100.40'],
      [ghost, '198.51.100.41'],
    ]) {
      for (let i = 0; i < 3; i++) await signIn(email, 'wrong-password-123', client);
      answers.push(await signIn(email, 'wrong-password-123', client));
    }
    const shape = (r: (typeof answers)[number]) => [r.status, r.body.code, r.body.detail];
    expect(shape(answers[0]).slice(0, 2)).toEqual([429, 'identity.login_locked']);
    expect(shape(answers[1])).toEqual(shape(answers[0]));
    for (const answer of answers) expect(lockOf(3)).toContain(answer.headers['retry-after']);
  });

  it('lets the lock expire, doubles the next one, and starts afresh after a success', async () => {
    const team = await registerTeam(t.http);
    // Each round of guesses from another address, as a patient attacker would (and so that the
    // address limit of 5 is not what answers).
    let round = 0;
    const client = () => `198.51.100.${50 + round}`;
    const failThrice = async () => {
      round++;
      for (let i = 0; i < 3; i++) expect((await signIn(team.email, 'wrong-password-123', client())).status).toBe(401);
    };
    await failThrice();
    expect(lockOf(3)).toContain((await signIn(team.email, team.password, client())).headers['retry-after']);
    await sleep(3100);
    await failThrice();
    const second = await signIn(team.email, team.password, client());
    expect(second.status).toBe(429);
    expect(lockOf(6)).toContain(second.headers['retry-after']);
    await sleep(6100);
    expect((await signIn(team.email, team.password, client())).status).toBe(200);
    // The success forgot the failures and the locks: three more failures lock for 3 s again.
    await failThrice();
    expect(lockOf(3)).toContain((await signIn(team.email, team.password, client())).headers['retry-after']);
  });

  it('counts guesses sent all at once before any of them is checked', async () => {
    const team = await registerTeam(t.http);
    const answers = await Promise.all(Array.from({ length: 5 }, () => signIn(team.email, 'wrong-password-123', '198.51.100.60')));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('bearer tokens', () => {
  let t: TestApp;
  const forge = new JwtService();
  let userId: string;
  const sign = (payload: object, options: { noTimestamp?: boolean; expiresIn?: number } = {}) =>
    forge.sign(payload, { secret: t.config.jwtSecret, algorithm: 'HS256', ...options });

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en' });
    userId = (await registerTeam(t.http)).userId;
  });
  afterAll(() => t.close());

  it.each([
    ['without exp', { noTimestamp: false }],
    ['without iat or exp', { noTimestamp: true }],
  ])('refuses a correctly signed token %s with 401 (and takes it with both)', async (_what, options) => {
    await t.http
      .get('/api/v1/me')
      .set(bearer(sign({ sub: userId }, { expiresIn: 60 })))
      .expect(200);
    const res = await t.http
      .get('/api/v1/me')
      .set(bearer(sign({ sub: userId, role: 'team' }, options)))
      .expect(401);
    expect(res.body.code).toBe('identity.unauthenticated');
    expect(res.headers['content-type']).toMatch(PROBLEM);
  });

  it('refuses a correctly signed token whose sub is not a UUID with 401, not 400', async () => {
    for (const sub of ['admin', '1 OR 1=1', '']) {
      const res = await t.http
        .get('/api/v1/me')
        .set(bearer(sign({ sub }, { expiresIn: 60 })))
        .expect(401);
      expect(res.body.code).toBe('identity.unauthenticated');
    }
  });
});

describe('registration limits, weak passwords and the audit of staff changes', () => {
  let t: TestApp;
  const register = (body: object, client: string, language?: string) => {
    const req = t.http.post('/api/v1/organizations').set(via(client));
    return (language ? req.set('Accept-Language', language) : req).send(body);
  };

  beforeAll(async () => {
    t = await createTestApp({
      env: { TRUST_PROXY: '1', REGISTRATION_RATE_LIMIT: '3', REGISTRATION_RATE_WINDOW: 'PT60S' },
    });
  });
  afterAll(() => t.close());

  it('limits registrations per client address, with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await register(organizationBody(), '192.0.2.10')).status).toBe(201);
    const refused = await register(organizationBody(), '192.0.2.10');
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body.code).toBe('identity.registration_throttled');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await register(organizationBody(), '192.0.2.11')).status).toBe(201);
  });

  it.each([
    ['aaaaaaaaaaaa', 'repeated'],
    ['password1234', 'common'],
    [' '.repeat(12), 'repeated'],
    ['own email', 'contains_personal'],
  ])('refuses the weak password %j with a 400 naming admin.password and the reason %s', async (password, reason) => {
    const body = organizationBody();
    body.admin.password = password === 'own email' ? body.admin.email : password;
    const res = await register(body, `192.0.2.${randomInt(20, 250)}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'validation_failed', reason });
    expect(res.body.errors[0]).toMatchObject({ field: 'admin.password', reason });
    // Nothing was kept: the same organisation registers with a good password.
    body.admin.password = 'a-far-better-pass phrase';
    expect((await register(body, `192.0.2.${randomInt(20, 250)}`)).status).toBe(201);
  });

  it('words the refusal in Chinese, or in English when the reader prefers it', async () => {
    const body = { ...organizationBody(), admin: { ...organizationBody().admin, password: 'password1234' } };
    const zh = await register(body, '192.0.2.12');
    expect(zh.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    const en = await register(body, '192.0.2.13', 'en-GB,en;q=0.9,zh;q=0.5');
    expect(en.body.errors[0].message).toMatch(/common password/);
  });

  it('refuses a weak password on POST /users as the field password', async () => {
    const admin = await loginAdmin(t.http);
    const email = uniqueEmail('weakling');
    const res = await t.http
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ email, password: email, displayName: '弱口令', role: 'reviewer' })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password', reason: 'contains_personal' })]);
  });

  it('records creating, deactivating and activating a user, and a registration, in the private ledger', async () => {
    const admin = await loginAdmin(t.http);
    const agency = await createStaff(t.http, admin, 'agency');
    await t.http.post(`/api/v1/users/${agency.userId}/deactivate`).set(bearer(admin)).expect(200);
    await t.http.post(`/api/v1/users/${agency.userId}/deactivate`).set(bearer(admin)).expect(200); // no change, no entry
    await t.http.post(`/api/v1/users/${agency.userId}/activate`).set(bearer(admin)).expect(200);
    const org = await register(organizationBody(), '192.0.2.14');

    const rows = await t.app.get(DataSource).query(
      `SELECT action, actor_id AS "actorId", subject_type AS "subjectType", chain, public, before, after
           FROM audit_entries WHERE subject_id = ANY($1) ORDER BY seq`,
      [[agency.userId, org.body.id]],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual([
      'user.created',
      'user.deactivated',
      'user.activated',
      'organization.registered',
    ]);
    for (const row of rows) expect(row).toMatchObject({ chain: 'global', public: false });
    expect(rows.slice(0, 3).every((r: { actorId: string }) => r.actorId === admin.userId)).toBe(true);
    expect(rows[0].after).toMatchObject({ email: agency.email, role: 'agency', active: true });
    expect([rows[1].before.active, rows[1].after.active]).toEqual([true, false]);
    expect([rows[2].before.active, rows[2].after.active]).toEqual([false, true]);
    expect(rows[3]).toMatchObject({ actorId: org.body.admin.id, subjectType: 'organization' });
    expect(rows[3].after).toMatchObject({ creditCode: org.body.creditCode, admin: { id: org.body.admin.id, role: 'team' } });
    expect(JSON.stringify(rows)).not.toMatch(/password|argon2/i);

    const published = await t.http.get('/api/v1/audit?limit=100').expect(200);
    const shown = published.body.items.map((e: { subjectId: string }) => e.subjectId);
    expect(shown).not.toContain(agency.userId);
    expect(shown).not.toContain(org.body.id);
    expect((await t.http.get('/api/v1/audit/verify').expect(200)).body.ok).toBe(true);
  });
});

describe('password hashing', () => {
  let t: TestApp;

  afterEach(() => t?.close());

  /** Transactions of the test's database that sit open, waiting on the api (seen from outside). */
  async function openTransactions(): Promise<number> {
    const watcher = new Client({ connectionString: t.databaseUrl });
    await watcher.connect();
    try {
      const { rows } = await watcher.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
      );
      return rows[0].n;
    } finally {
      await watcher.end();
    }
  }

  it('hashes with no transaction open, for registrations and new staff alike', async () => {
    t = await createTestApp({ acceptLanguage: 'en' });
    const admin = await loginAdmin(t.http);
    const hasher = t.app.get(PasswordHasher);
    const hash = hasher.hash.bind(hasher);
    const seen: number[] = [];
    jest.spyOn(hasher, 'hash').mockImplementation(async (password: string) => {
      seen.push(await openTransactions());
      return hash(password);
    });
    await t.http.post('/api/v1/organizations').send(organizationBody()).expect(201);
    await createStaff(t.http, admin, 'reviewer');
    expect(seen).toEqual([0, 0]);
  });

  it('answers 503 with Retry-After once the argon2 queue is full, and counts no failure for it', async () => {
    t = await createTestApp({
      acceptLanguage: 'en',
      env: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '1', TRUST_PROXY: '1', LOGIN_RATE_LIMIT: '8' },
    });
    const team = await registerTeam(t.http);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => t.http.post(LOGIN).set(via('192.0.2.50')).send({ email: uniqueEmail(), password: 'x' })),
    );
    const busy = answers.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(answers.every((r) => r.status === 503 || r.status === 401)).toBe(true);
    expect(busy[0].headers['content-type']).toMatch(PROBLEM);
    expect(busy[0].body.code).toBe('identity.password_hashing_busy');
    expect(Number(busy[0].headers['retry-after'])).toBeGreaterThan(0);
    // Only the judged attempts count against the address (limit 8): it may still sign in.
    await t.http.post(LOGIN).set(via('192.0.2.50')).send({ email: team.email, password: team.password }).expect(200);
  });
});
