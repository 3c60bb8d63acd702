import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bearer, login, loginAdmin } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';
import { workerEnvFor } from './support/test-worker';

jest.setTimeout(180_000);
const API = '/api/v1';
const PASSWORD = 'jiebang-demo-2026';
const run = promisify(execFile);

type Listed = { id: string; title: string; status: string };
const titled = (items: Listed[], prefix: string): Listed => {
  const found = items.find((c) => c.title.startsWith(prefix));
  if (!found) throw new Error(`no challenge titled ${prefix}…`);
  return found;
};

/**
 * `npm run demo`'s seed (apps/api/src/cli/seed-demo.ts) on a fresh database: the demo logins work,
 * and every stage of a challenge can be seen by the role that acts on it — open for bids with a
 * question answered, in review, in publicity with an objection, a horse race at its gate, a
 * milestone awaiting review and a tranche paid. The audit chains verify; run twice, it adds nothing.
 */
describe('demo seed', () => {
  let t: TestApp;
  let http: TestApp['http'];
  const seed = () =>
    run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/seed-demo.ts'], {
      cwd: join(__dirname, '..'),
      // The configured publicity period (the present context's) is the real one: the award stays in publicity.
      env: { ...process.env, ...workerEnvFor(t.config), PUBLICITY_PERIOD: 'P5D', LOG_LEVEL: 'error' },
    });
  const as = async (who: string) => bearer(await login(t.http, `${who}@demo.jiebang.cn`, PASSWORD));
  const list = async (status: string): Promise<Listed[]> =>
    (await http.get(`${API}/challenges?status=${status}`).expect(200)).body.items;

  beforeAll(async () => {
    t = await createTestApp();
    http = t.http;
    const first = await seed();
    expect(first.stdout).toMatch(/horse race: stage 1 ended, gate ready to run +低轨卫星星载智能计算机赛马 +agency/);
    expect(first.stdout).toMatch(/reviewer1@demo\.jiebang\.cn +jiebang-demo-2026 +\[created\]/);
  });
  afterAll(() => t?.close());

  it('opens two challenges for bids, one with a question answered', async () => {
    const open = await list('published');
    expect(open).toHaveLength(2);
    const call = titled(open, '量子精密测量');
    const questions = await http
      .get(`${API}/challenges/${call.id}/questions`)
      .set(await as('team1'))
      .expect(200);
    expect(questions.body.items).toEqual([
      expect.objectContaining({ answer: expect.objectContaining({ text: expect.stringContaining('联合体') }) }),
    ]);
  });

  it('has a challenge in review: reviewers assigned, some scores in, the panel open', async () => {
    const review = titled(await list('closed'), '合成生物');
    const assignments = await http
      .get(`${API}/review/assignments`)
      .set(await as('reviewer1'))
      .expect(200);
    expect(assignments.body.items).toContainEqual(
      expect.objectContaining({ challengeId: review.id, unsealed: true, bids: 3, scored: 2, panelClosedAt: null }),
    );
    const second = await http
      .get(`${API}/review/assignments`)
      .set(await as('reviewer2'))
      .expect(200);
    expect(second.body.items).toContainEqual(expect.objectContaining({ challengeId: review.id, scored: 0 }));
  });

  it('has an award in its publicity period with an objection open', async () => {
    const deepSea = titled(await list('awarded'), '深海原位');
    const results = await http.get(`${API}/challenges/${deepSea.id}/results`).expect(200);
    expect(results.body.items).toEqual([expect.objectContaining({ status: 'publicity' })]);
    const { projectId } = results.body.items[0];
    const objections = await http
      .get(`${API}/projects/${projectId}/objections`)
      .set(await as('agency'))
      .expect(200);
    expect(objections.body.items).toEqual([expect.objectContaining({ status: 'open' })]);
  });

  it('has a horse race whose first stage has ended, its gate ready to run', async () => {
    const race = titled(await list('awarded'), '低轨卫星');
    const evidence = await http
      .get(`${API}/challenges/${race.id}/stages/1/evidence`)
      .set(await as('agency'))
      .expect(200);
    expect(evidence.body).toMatchObject({ ended: true, gateRun: false, previousGatePending: false });
    expect(evidence.body.evidence.map((e: { points: number }) => e.points)).toEqual([2, 2, 0]);
    expect((await http.get(`${API}/challenges/${race.id}/stages/1/gate`).expect(200)).body.run).toBe(false);
  });

  it('keeps the awarded race: a tranche paid, a milestone awaiting the program manager', async () => {
    const race = titled(await list('awarded'), '类脑芯片赛马');
    const results = await http.get(`${API}/challenges/${race.id}/results`).expect(200);
    expect(results.body).toMatchObject({ awardedFen: 53_000_000_00, paidFen: 8_000_000_00 });
    const portfolio = await http
      .get(`${API}/portfolio`)
      .set(await as('pm'))
      .expect(200);
    // The brain chips race (3), the satellite race (3) and the deep-sea award (1); paid: 8M + 3M + 2.7M.
    expect(portfolio.body.totals).toMatchObject({ projects: 7, paidFen: 13_700_000_00, awaitingReview: 1 });
    const projects = await http
      .get(`${API}/projects`)
      .set(await as('team1'))
      .expect(200);
    expect(projects.body.items).toContainEqual(
      expect.objectContaining({ paidFen: 8_000_000_00, organizationName: '深圳光子计算科技有限公司' }),
    );
  });

  it('leaves every audit chain verifying, and a second run adds nothing', async () => {
    const admin = bearer(await loginAdmin(http));
    expect((await http.get(`${API}/audit/verify?full=true`).set(admin).expect(200)).body.ok).toBe(true);
    const before = await Promise.all(['published', 'closed', 'awarded'].map(list));
    const second = await seed();
    expect(second.stdout).not.toMatch(/\[created\]/);
    expect(await Promise.all(['published', 'closed', 'awarded'].map(list))).toEqual(before);
    expect((await http.get(`${API}/audit/verify?full=true`).set(admin).expect(200)).body.ok).toBe(true);
  });
});
