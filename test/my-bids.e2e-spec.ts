import { bidBody, challengeBody } from '@app/bids/testing/fixtures';
import { encodeCursor } from '@app/common/http';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(60_000);
const API = '/api/v1';
const PROBLEM = /^application\/problem\+json/;
type Res = { status: number; headers: Record<string, string>; body: Record<string, any> };
type Team = Session & { creditCode: string };
type Item = Record<string, any>;

const ITEM_KEYS = [
  'bidDeadline',
  'challengeId',
  'challengeStatus',
  'challengeTitle',
  'id',
  'receiptHash',
  'requestedFundingFen',
  'revision',
  'role',
  'status',
  'submittedAt',
  'totalInvestmentFen',
  'updatedAt',
  'withdrawnAt',
].sort();

/** GET /bids: a team's own bids across challenges; never another organisation's. */
describe('my bids', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let reviewer: Session;
  let pm: Session;
  let a: Team;
  let b: Team;
  let member: Team;
  let loner: Team;
  const challenges: { id: string; title: string }[] = [];
  const aBids: string[] = []; // in submission order
  const bBids: string[] = [];

  function expectProblem(res: Res, status: number, code?: string) {
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(code ? { code } : {}) } });
    expect(res.headers['content-type']).toMatch(PROBLEM);
  }

  const submit = async (who: Team, challengeId: string, body: object) =>
    (await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(who)).send(body).expect(201)).body.id as string;

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { MIN_BID_WINDOW: 'PT1S' } });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    pm = await createStaff(t.http, admin, 'program_manager');
    [a, b, member, loner] = [
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
    ];
    for (let i = 0; i < 3; i++) {
      const title = `我的揭榜测试 ${i}`;
      const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody({ title })).expect(201);
      await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)).expect(200);
      challenges.push({ id: c.body.id, title });
    }
    aBids.push(await submit(a, challenges[0].id, bidBody({ requestedFundingFen: 900_000_001 })));
    bBids.push(await submit(b, challenges[0].id, bidBody()));
    aBids.push(await submit(a, challenges[1].id, bidBody()));
    bBids.push(await submit(b, challenges[1].id, bidBody()));
    aBids.push(
      await submit(
        a,
        challenges[2].id,
        bidBody({
          consortium: [
            { creditCode: a.creditCode, role: 'lead', sharePercent: 70 },
            { creditCode: member.creditCode, role: 'member', sharePercent: 30 },
          ],
        }),
      ),
    );
    // A withdraws its bid on the second challenge (withdrawn bids stay in the list).
    await t.http.post(`${API}/challenges/${challenges[1].id}/bids/${aBids[1]}/withdraw`).set(bearer(a)).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (who: Session, query = '') => t.http.get(`${API}/bids${query}`).set(bearer(who));

  it('403 for agency, reviewer, program manager and admin users; 401 without a token', async () => {
    for (const who of [agency, reviewer, pm, admin]) expectProblem(await list(who), 403, 'identity.role_forbidden');
    expectProblem(await t.http.get(`${API}/bids`), 401);
  });

  it('a team sees its own bids only, latest submission first, with its challenge and no proposal', async () => {
    const res = await list(a).expect(200);
    expect(res.body.nextCursor).toBeNull();
    const items = res.body.items as Item[];
    expect(items.map((i) => i.id)).toEqual([...aBids].reverse());
    for (const item of items) expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
    const first = items.find((i) => i.id === aBids[0]) as Item;
    const own = (await t.http.get(`${API}/bids/${aBids[0]}`).set(bearer(a)).expect(200)).body;
    expect(first).toEqual({
      id: aBids[0],
      challengeId: challenges[0].id,
      challengeTitle: challenges[0].title,
      challengeStatus: 'published',
      bidDeadline: expect.any(String),
      role: 'lead',
      status: 'submitted',
      requestedFundingFen: 900_000_001,
      totalInvestmentFen: 2_000_000_000,
      receiptHash: own.receiptHash,
      revision: 1,
      submittedAt: own.submittedAt,
      updatedAt: own.updatedAt,
      withdrawnAt: null,
    });
    expect(typeof first.requestedFundingFen).toBe('number');
    expect(Date.parse(first.bidDeadline)).toBeGreaterThan(Date.now());
    const withdrawn = items.find((i) => i.id === aBids[1]) as Item;
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String), role: 'lead' });
    const submitted = items.map((i) => Date.parse(i.submittedAt));
    expect(submitted).toEqual([...submitted].sort((x, y) => y - x));

    const bItems = (await list(b).expect(200)).body.items as Item[];
    expect(bItems.map((i) => i.id)).toEqual([...bBids].reverse());
    for (const item of bItems) expect(aBids).not.toContain(item.id);
    expect(JSON.stringify(bItems)).not.toContain(a.organizationId as string);
    expect((await list(loner).expect(200)).body).toEqual({ items: [], nextCursor: null });
  });

  it('a consortium member sees the bid it is part of, as member', async () => {
    const res = await list(member).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ id: aBids[2], challengeId: challenges[2].id, role: 'member', status: 'submitted' });
  });

  it('pages by cursor without gaps or repeats; limit ≤ 100; a forged cursor is a 400', async () => {
    const p1 = (await list(a, '?limit=2').expect(200)).body;
    expect(p1.items.map((i: Item) => i.id)).toEqual([aBids[2], aBids[1]]);
    expect(typeof p1.nextCursor).toBe('string');
    const p2 = (await list(a, `?limit=2&cursor=${p1.nextCursor}`).expect(200)).body;
    expect(p2).toEqual({ items: [expect.objectContaining({ id: aBids[0] })], nextCursor: null });
    const one = (await list(a, '?limit=1').expect(200)).body;
    const two = (await list(a, `?limit=1&cursor=${one.nextCursor}`).expect(200)).body;
    const three = (await list(a, `?limit=1&cursor=${two.nextCursor}`).expect(200)).body;
    expect([one, two, three].map((p) => p.items[0].id)).toEqual([...aBids].reverse());
    expect(three.nextCursor).toBeNull();
    // B's cursor from B's list only moves through B's bids.
    const bp = (await list(b, '?limit=1').expect(200)).body;
    expect((await list(b, `?cursor=${bp.nextCursor}`).expect(200)).body.items.map((i: Item) => i.id)).toEqual([bBids[0]]);

    expectProblem(await list(a, '?limit=101'), 400);
    expectProblem(await list(a, '?limit=0'), 400);
    for (const bad of ['garbage', encodeCursor(['2026-01-01', "x' OR 1=1 --"]), encodeCursor([1])]) {
      const res = await list(a, `?cursor=${bad}`);
      expectProblem(res, 400, 'invalid_cursor');
      expect(res.body.errors).toEqual([{ field: 'cursor', message: 'is not a valid cursor' }]);
    }
  });

  it('replacing a bid moves it to the front with the new receipt and revision', async () => {
    const replaced = await t.http
      .put(`${API}/challenges/${challenges[0].id}/bids/${aBids[0]}`)
      .set(bearer(a))
      .send(bidBody({ requestedFundingFen: 800_000_000 }))
      .expect(200);
    const items = (await list(a).expect(200)).body.items as Item[];
    expect(items.map((i) => i.id)).toEqual([aBids[0], aBids[2], aBids[1]]);
    expect(items[0]).toMatchObject({
      revision: 2,
      requestedFundingFen: 800_000_000,
      receiptHash: replaced.body.receiptHash,
      submittedAt: replaced.body.submittedAt,
    });
  });
});
