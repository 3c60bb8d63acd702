import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(60_000);
const API = '/api/v1';
const PROBLEM = /^application\/problem\+json/;
type Res = { status: number; headers: Record<string, string>; body: Record<string, any> };
type Team = Session & { creditCode: string };
type Item = Record<string, any>;

const ITEM_KEYS = [
  'assignedAt',
  'bidDeadline',
  'bids',
  'challengeId',
  'conflicts',
  'panelClosedAt',
  'scored',
  'status',
  'title',
  'unsealed',
].sort();

/** GET /review/assignments: a reviewer's own assignments, with counts only. */
describe('review assignments', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let pm: Session;
  let r1: Session;
  let r2: Session;
  let idle: Session;
  let a: Team;
  let b: Team;
  let c: Team;
  const challenges: { id: string; title: string }[] = [];
  const bids: string[] = []; // on challenges[0]: a, b, c (c withdrawn)

  function expectProblem(res: Res, status: number, code?: string) {
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(code ? { code } : {}) } });
    expect(res.headers['content-type']).toMatch(PROBLEM);
  }

  const assign = (challengeId: string, who: Session[]) =>
    t.http
      .post(`${API}/challenges/${challengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: who.map((x) => x.userId) })
      .expect(200);

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' } });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    [r1, r2, idle] = [
      await createStaff(t.http, admin, 'reviewer'),
      await createStaff(t.http, admin, 'reviewer'),
      await createStaff(t.http, admin, 'reviewer'),
    ];
    [a, b, c] = [await registerTeam(t.http), await registerTeam(t.http), await registerTeam(t.http)];
    for (let i = 0; i < 2; i++) {
      const title = `评审分配测试 ${i}`;
      const ch = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody({ title })).expect(201);
      await t.http.post(`${API}/challenges/${ch.body.id}/publish`).set(bearer(agency)).expect(200);
      challenges.push({ id: ch.body.id, title });
    }
    for (const team of [a, b, c]) {
      const res = await t.http.post(`${API}/challenges/${challenges[0].id}/bids`).set(bearer(team)).send(bidBody()).expect(201);
      bids.push(res.body.id);
    }
    await t.http.post(`${API}/challenges/${challenges[0].id}/bids/${bids[2]}/withdraw`).set(bearer(c)).expect(200);
    await assign(challenges[0].id, [r1]);
    await assign(challenges[1].id, [r1, r2]);
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (who: Session) => t.http.get(`${API}/review/assignments`).set(bearer(who));

  it('403 for team, agency, program-manager and admin users; 401 without a token', async () => {
    for (const who of [a, agency, pm, admin]) expectProblem(await list(who), 403, 'identity.role_forbidden');
    expectProblem(await t.http.get(`${API}/review/assignments`), 401);
  });

  it('before the deadline: the reviewer’s own assignments, newest first, with the live-bid count only', async () => {
    const res = await list(r1).expect(200);
    expect(res.body.nextCursor).toBeNull();
    const items = res.body.items as Item[];
    expect(items.map((i) => i.challengeId)).toEqual([challenges[1].id, challenges[0].id]);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
    expect(items[1]).toEqual({
      challengeId: challenges[0].id,
      title: challenges[0].title,
      status: 'published',
      bidDeadline: expect.any(String),
      unsealed: false,
      assignedAt: expect.any(String),
      panelClosedAt: null,
      bids: 2,
      scored: 0,
      conflicts: 0,
    });
    expect(items[0]).toMatchObject({ bids: 0, scored: 0, conflicts: 0, unsealed: false });
    expect(Date.parse(items[0].assignedAt)).toBeGreaterThanOrEqual(Date.parse(items[1].assignedAt));
    for (const id of bids) expect(JSON.stringify(res.body)).not.toContain(id);

    const other = (await list(r2).expect(200)).body.items as Item[];
    expect(other.map((i) => i.challengeId)).toEqual([challenges[1].id]);
    expect((await list(idle).expect(200)).body).toEqual({ items: [], nextCursor: null });
  });

  it('after the deadline: counts the caller’s own scores and declared conflicts only', async () => {
    await passDeadline(t.databaseUrl, challenges[0].id);
    await t.http
      .post(`${API}/challenges/${challenges[0].id}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [r2.userId] })
      .expect(200);
    await t.http.post(`${API}/bids/${bids[0]}/conflicts`).set(bearer(r1)).send({ reason: '曾与该团队合作' }).expect(201);
    await t.http
      .post(`${API}/bids/${bids[1]}/scores`)
      .set(bearer(r1))
      .send({
        scores: [
          { criterion: 'technical', score: 80 },
          { criterion: 'team', score: 70 },
          { criterion: 'plan', score: 75 },
        ],
      })
      .expect(201);
    const mine = (await list(r1).expect(200)).body.items as Item[];
    expect(mine.find((i) => i.challengeId === challenges[0].id)).toMatchObject({
      unsealed: true,
      bids: 2,
      scored: 1,
      conflicts: 1,
      panelClosedAt: null,
    });
    // r2 was assigned to the first challenge later, so it now comes first; r1's score and conflict are not r2's.
    const theirs = (await list(r2).expect(200)).body.items as Item[];
    expect(theirs.map((i) => i.challengeId)).toEqual([challenges[0].id, challenges[1].id]);
    expect(theirs[0]).toMatchObject({ unsealed: true, bids: 2, scored: 0, conflicts: 0 });
  });
});
