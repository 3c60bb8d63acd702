import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bearer, login } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';
import { workerEnvFor } from './support/test-worker';

jest.setTimeout(120_000);
const API = '/api/v1';
const run = promisify(execFile);

/**
 * `npm run demo`'s seed (apps/api/src/cli/seed-demo.ts) on a fresh database: the demo logins work,
 * and every screen of the web app has something to show — two challenges open for bids and a
 * horse race already awarded, with a tranche paid and a milestone awaiting review. Run twice, it
 * adds nothing.
 */
describe('demo seed', () => {
  let t: TestApp;
  const seed = () =>
    run(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/seed-demo.ts'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...workerEnvFor(t.config), LOG_LEVEL: 'error' },
    });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('seeds logins, open challenges and an awarded horse race through the services; a second run adds nothing', async () => {
    const first = await seed();
    expect(first.stdout).toMatch(/类脑芯片赛马 +\[3 projects, 1 tranche paid\]/);

    const open = await t.http.get(`${API}/challenges?status=published`).expect(200);
    expect(open.body.items).toHaveLength(2);
    const awarded = await t.http.get(`${API}/challenges?status=awarded`).expect(200);
    expect(awarded.body.items).toHaveLength(1);
    const race = awarded.body.items[0];
    expect(race).toMatchObject({ mechanism: 'horse_race', awardedCount: 3, awardedFen: 53_000_000_00, budgetFen: 60_000_000_00 });

    const results = await t.http.get(`${API}/challenges/${race.id}/results`).expect(200);
    expect(results.body).toMatchObject({ awardedFen: 53_000_000_00, paidFen: 8_000_000_00 });
    expect(results.body.items.map((p: { status: string }) => p.status)).toEqual(['active', 'active', 'active']);

    const pm = await login(t.http, 'pm@demo.jiebang.cn', 'jiebang-demo-2026');
    const portfolio = await t.http.get(`${API}/portfolio`).set(bearer(pm)).expect(200);
    expect(portfolio.body.totals).toMatchObject({
      projects: 3,
      grantedFen: 53_000_000_00,
      paidFen: 8_000_000_00,
      awaitingReview: 1,
    });
    const team = await login(t.http, 'team1@demo.jiebang.cn', 'jiebang-demo-2026');
    const projects = await t.http.get(`${API}/projects`).set(bearer(team)).expect(200);
    expect(projects.body.items).toEqual([
      expect.objectContaining({ paidFen: 8_000_000_00, organizationName: '深圳光子计算科技有限公司' }),
    ]);
    expect((await t.http.get(`${API}/audit/verify`).expect(200)).body.ok).toBe(true);

    const second = await seed();
    expect(second.stdout).not.toMatch(/\[created\]/);
    expect((await t.http.get(`${API}/challenges?status=awarded`).expect(200)).body.items).toHaveLength(1);
  });
});
