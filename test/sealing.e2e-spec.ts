import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

// Set-up registers many organisations and users (argon2 hashing): longer than Jest's default.
jest.setTimeout(60_000);
const API = '/api/v1';

/**
 * The sealed box. A random canary goes into every content field of a bid (proposal text, approach,
 * milestones); before the deadline no other user, role or public route may ever answer with it —
 * every GET route of the OpenAPI document is called as every role with the real ids — and no log
 * line, audit entry or error message may carry it.
 */
describe('sealing', () => {
  const CANARY = `CANARY-${randomUUID()}`;
  /** In the other team's bids: it may read those, nobody else may. */
  const CANARY_B = `CANARY-B-${randomUUID()}`;
  const logLines: string[] = [];
  let t: TestApp;
  let db: Client;
  let admin: Session;
  let agency: Session;
  let otherAgency: Session;
  let reviewer: Session;
  let pm: Session;
  let owner: Session & { creditCode: string };
  let otherTeam: Session & { creditCode: string };
  let member: Session & { creditCode: string };
  let challengeId: string;
  let bidId: string;
  let withdrawnBidId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' }, logLines });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    pm = await createStaff(t.http, admin, 'program_manager');
    owner = await registerTeam(t.http);
    otherTeam = await registerTeam(t.http);
    member = await registerTeam(t.http);
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    await t.http
      .post(`${API}/challenges/${challengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId] })
      .expect(200);

    const body = canaryBid();
    body.consortium = [
      { creditCode: owner.creditCode, role: 'lead', sharePercent: 70 },
      { creditCode: member.creditCode, role: 'member', sharePercent: 30 },
    ];
    const bid = await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(owner)).send(body).expect(201);
    bidId = bid.body.id;
    // a second organisation bids, withdraws (its content is sealed too)
    const other = await t.http
      .post(`${API}/challenges/${challengeId}/bids`)
      .set(bearer(otherTeam))
      .send(canaryBid(CANARY_B))
      .expect(201);
    withdrawnBidId = other.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/bids/${withdrawnBidId}/withdraw`).set(bearer(otherTeam)).expect(200);
    await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(otherTeam)).send(canaryBid(CANARY_B)).expect(201);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  function canaryBid(canary = CANARY): ReturnType<typeof bidBody> & { consortium?: unknown } {
    const body = bidBody({ text: `提案 ${canary} 正文` });
    body.proposal.approach = body.proposal.approach.map((a) => ({ ...a, plan: `${a.plan} ${canary}` }));
    body.milestones = body.milestones.map((m) => ({
      ...m,
      title: `${canary} ${m.title}`.slice(0, 200),
      deliverable: `${canary}`,
    }));
    return body;
  }

  /** What a response to this caller must not contain: the owner's canary always, the other team's unless it is the caller. */
  const leaked = (c: Caller, text: string) => text.includes(CANARY) || (c.session !== otherTeam && text.includes(CANARY_B));

  type Caller = { name: string; session?: Session };
  const callers = (): Caller[] => [
    { name: 'anonymous' },
    { name: 'other team', session: otherTeam },
    { name: 'consortium member', session: member },
    { name: 'agency (owner)', session: agency },
    { name: 'other agency', session: otherAgency },
    { name: 'reviewer (assigned)', session: reviewer },
    { name: 'admin', session: admin },
    { name: 'program manager', session: pm },
  ];

  /** Every GET path of the served OpenAPI document, with its path parameters filled with real ids. */
  async function getRoutes(): Promise<string[]> {
    const doc = (await t.http.get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const urls: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      const candidates = fill(path);
      for (const url of candidates) {
        urls.push(url);
        // query parameters that scope a list to a challenge (e.g. GET /audit?challengeId=)
        urls.push(`${url}${url.includes('?') ? '&' : '?'}challengeId=${challengeId}`);
      }
    }
    return urls;
  }

  /** `{id}` after `challenges` is the challenge, after `bids` a bid, after `organizations` an organisation … unknown ones get every id. */
  function fill(path: string): string[] {
    const byResource: Record<string, string[]> = {
      challenges: [challengeId],
      bids: [bidId, withdrawnBidId],
      organizations: [owner.organizationId as string],
      users: [owner.userId],
    };
    let urls = [path];
    const segments = path.split('/');
    segments.forEach((segment, i) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!param) return;
      const resource = segments[i - 1];
      const values =
        param === 'bidId'
          ? [bidId, withdrawnBidId]
          : (byResource[resource] ?? [challengeId, bidId, withdrawnBidId, owner.organizationId as string]);
      urls = urls.flatMap((u) => values.map((v) => u.replace(`{${param}}`, v)));
    });
    return urls;
  }

  it('the owner reads its own bid (the canary is really there)', async () => {
    const res = await t.http.get(`${API}/challenges/${challengeId}/bids/${bidId}`).set(bearer(owner)).expect(200);
    expect(res.text).toContain(CANARY);
    const list = await t.http.get(`${API}/challenges/${challengeId}/bids`).set(bearer(owner)).expect(200);
    expect(list.body).toMatchObject({ count: 2, items: [{ id: bidId }] });
  });

  it('before the deadline, everyone else gets {items: [], count} from the list and 404 (never content) from a single bid', async () => {
    for (const c of callers()) {
      const req = t.http.get(`${API}/challenges/${challengeId}/bids`);
      const res = await (c.session ? req.set(bearer(c.session)) : req);
      const ownItems = c.session === otherTeam ? 2 : 0;
      expect({ who: c.name, status: res.status, count: res.body.count, items: res.body.items.length }).toEqual({
        who: c.name,
        status: 200,
        count: 2,
        items: ownItems,
      });
      expect(res.body.items.map((b: { id: string }) => b.id)).not.toContain(bidId);
      for (const url of [`${API}/challenges/${challengeId}/bids/${bidId}`, `${API}/bids/${bidId}`]) {
        const one = t.http.get(url);
        const r = await (c.session ? one.set(bearer(c.session)) : one);
        expect({ who: c.name, url, status: r.status }).toEqual({ who: c.name, url, status: c.session ? 404 : 401 });
      }
    }
  });

  it('no GET route of the OpenAPI document answers any other role with the canary', async () => {
    const urls = await getRoutes();
    expect(urls.length).toBeGreaterThan(20);
    expect(urls).toContain(`${API}/challenges/${challengeId}/bids/${bidId}`);
    const leaks: string[] = [];
    let calls = 0;
    for (const c of callers()) {
      for (const url of urls) {
        const req = t.http.get(url);
        const res = await (c.session ? req.set(bearer(c.session)) : req);
        calls++;
        if (leaked(c, res.text ?? '') || leaked(c, JSON.stringify(res.headers)))
          leaks.push(`${c.name} GET ${url} → ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(100);
  });

  it('review routes refuse before the deadline without content', async () => {
    const score = await t.http
      .post(`${API}/bids/${bidId}/scores`)
      .set(bearer(reviewer))
      .send({ scores: [{ criterion: 'technical', score: 80 }] });
    expect(score.status).toBe(409);
    expect(score.text).not.toContain(CANARY);
    const ranking = await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(agency));
    expect(ranking.status).toBe(409);
    expect(ranking.text).not.toContain(CANARY);
  });

  it('validation errors do not echo the bid (400 names fields, not contents)', async () => {
    const bad = canaryBid();
    bad.milestones[0].trancheFen = 1;
    (bad as Record<string, unknown>).unknownField = CANARY;
    (bad.proposal as Record<string, unknown>).extra = CANARY;
    const res = await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(owner)).send(bad);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(CANARY);
    const tooLong = canaryBid();
    tooLong.milestones[0].title = `${CANARY}${'x'.repeat(300)}`;
    const res2 = await t.http.put(`${API}/challenges/${challengeId}/bids/${bidId}`).set(bearer(owner)).send(tooLong);
    expect(res2.status).toBe(400);
    expect(res2.text).not.toContain(CANARY);
    const rule = canaryBid();
    rule.requestedFundingFen = 3_000_000_001;
    rule.totalInvestmentFen = 10_000_000_000;
    const res3 = await t.http.put(`${API}/challenges/${challengeId}/bids/${bidId}`).set(bearer(owner)).send(rule);
    expect(res3.status).toBe(422);
    expect(res3.text).not.toContain(CANARY);
  });

  it('the audit ledger holds receipt hashes only', async () => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM audit_entries WHERE before::text LIKE $1 OR after::text LIKE $1 OR before::text LIKE $2 OR after::text LIKE $2`,
      [`%${CANARY}%`, `%${CANARY_B}%`],
    );
    expect(rows[0].n).toBe(0);
    const hashes = await db.query(`SELECT after->>'receiptHash' AS h FROM audit_entries WHERE action = 'bid.submitted'`);
    expect(hashes.rows.every((r) => /^[0-9a-f]{64}$/.test(r.h))).toBe(true);
  });

  it('after the deadline: the agency and the unconflicted assigned reviewer read it; nobody else does, anywhere', async () => {
    await passDeadline(t.databaseUrl, challengeId);
    for (const who of [agency, reviewer]) {
      const list = await t.http.get(`${API}/challenges/${challengeId}/bids`).set(bearer(who)).expect(200);
      expect(list.body.count).toBe(2);
      expect(list.body.items).toHaveLength(2);
      expect(list.text).toContain(CANARY);
    }
    const urls = await getRoutes();
    const leaks: string[] = [];
    for (const c of callers().filter((x) => x.session !== agency && x.session !== reviewer)) {
      for (const url of urls) {
        const req = t.http.get(url);
        const res = await (c.session ? req.set(bearer(c.session)) : req);
        if (leaked(c, res.text ?? '')) leaks.push(`${c.name} GET ${url} → ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('no log line carries the canary', async () => {
    const joined = logLines.join('');
    expect(logLines.length).toBeGreaterThan(50);
    expect(joined).toContain('/bids');
    expect(joined).not.toContain(CANARY);
    expect(joined).not.toContain(CANARY_B);
  });
});
