import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { bidBody, challengeBody, isoIn } from '@app/bids/testing/fixtures';
import { eventually } from '@app/milestones/testing/seed';
import {
  Session,
  bearer,
  createStaff,
  login,
  loginAdmin,
  randomCreditCode,
  registerTeam,
  uniqueEmail,
} from '../support/factories';
import { TestApp, createTestApp } from '../support/test-app';
import { TestWorker, createTestWorker } from '../support/test-worker';
import { BrowserSession, ensureWebBuild, expectAccessible, field, screenshot, shanghaiInput, signIn } from './browser';

jest.setTimeout(240_000);
const API = '/api/v1';
const DAY = 86_400_000;

/**
 * The whole story in a browser, against the real api, worker, Postgres and Redis: a team registers
 * and bids; an agency publishes a horse race; the deadline passes and the worker closes it; a
 * reviewer scores; the agency shortlists, awards three teams (filling the slots, watching the budget
 * left), the publicity period ends by the worker, the agency runs the first stage gate; the team
 * submits a milestone's evidence, the program manager accepts it and sees the tranche paid by the
 * worker; the public sees the results and the money paid.
 *
 * Time is compressed (PUBLICITY_PERIOD PT3S, DISBURSEMENT_DELAY PT0S). Two waits that are days long
 * in real life are skipped by moving a date in the database ("time passes"): the bid deadline and the
 * end of stage 1. Everything that follows a date — closing, publicity end, payment — is the worker's
 * doing. Screenshots go to test-artifacts/web/scenario-*.png.
 */
describe('the whole scenario (browser, api, worker)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let admin: Session;
  let agency: Session;
  let reviewer: Session;
  let pm: Session & { displayName: string };
  let teamB: Session;
  let teamC: Session;
  let challengeId: string;
  let agencyPage: Page;
  let teamPage: Page;
  let pmPage: Page;
  const token = `S${Date.now().toString(36).toUpperCase()}`;
  const title = `光计算芯片赛马 ${token}`;
  const teamA = {
    email: uniqueEmail('scenario-team'),
    password: 'team-password-123',
    name: '陈光',
    org: `深圳光芯科技有限公司 ${token}`,
  };

  const shot = (page: Page, name: string) => screenshot(page, `scenario-${name}`);
  const challengeStatus = async () => (await t.http.get(`${API}/challenges/${challengeId}`).expect(200)).body.status as string;

  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp({
      env: { MIN_BID_WINDOW: 'PT1M', PUBLICITY_PERIOD: 'PT3S', DISBURSEMENT_DELAY: 'PT0S', RECONCILE_EVERY: 'PT2S' },
    });
    worker = await createTestWorker(t.config);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    const pmEmail = uniqueEmail('scenario-pm');
    await t.http
      .post(`${API}/users`)
      .set(bearer(admin))
      .send({ email: pmEmail, password: 'pm-password-1234', displayName: '李项目经理', role: 'program_manager' })
      .expect(201);
    pm = { ...(await login(t.http, pmEmail, 'pm-password-1234')), displayName: '李项目经理' };
    teamB = await registerTeam(t.http, { name: `鹏城光电大学 ${token}`, kind: 'university' });
    teamC = await registerTeam(t.http, { name: `南山硅光有限公司 ${token}` });
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await db?.end();
    await t?.close();
  });

  it('an agency publishes a horse race for three teams', async () => {
    const draft = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(
        challengeBody({
          title,
          mechanism: 'horse_race',
          budgetFen: 90_000_000_00,
          maxAwardFen: 30_000_000_00,
          parallelSlots: 3,
          stages: [
            { name: '样片验证', endsAt: isoIn(200 * DAY), advancingSlots: 2 },
            { name: '系统交付', endsAt: isoIn(380 * DAY), advancingSlots: 1 },
          ],
          bidDeadline: isoIn(30 * DAY),
        }),
      )
      .expect(201);
    challengeId = draft.body.id;
    agencyPage = await browser.newPage();
    await signIn(agencyPage, base, agency.email, agency.password);
    await agencyPage.goto(`${base}/challenges/${challengeId}`);
    await agencyPage.getByText('这是草稿，仅您可见。').waitFor();
    await agencyPage.getByRole('button', { name: '发布榜单' }).click();
    await agencyPage.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await agencyPage.getByText('距截止还有').waitFor();
    expect(await challengeStatus()).toBe('published');
    await shot(agencyPage, '01-published');
  });

  it('a team registers its organisation and bids with a live funding check; two more teams bid', async () => {
    teamPage = await browser.newPage();
    const page = teamPage;
    await page.goto(`${base}/register`);
    await field(page, '单位名称').fill(teamA.org);
    await field(page, '单位类型').selectOption('enterprise');
    await field(page, '统一社会信用代码').fill(randomCreditCode());
    await page.getByText(/^校验通过/).waitFor();
    await field(page, '姓名').fill(teamA.name);
    await field(page, '电子邮箱').fill(teamA.email);
    await field(page, '密码').fill(teamA.password);
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByText(`已登录：${teamA.name}`).first().waitFor();

    await page.goto(`${base}/challenges/${challengeId}`);
    await page.getByRole('link', { name: '揭榜申报' }).click();
    await page.getByRole('heading', { name: '填写申报书' }).waitFor();
    await field(page, '项目总投资（元）').fill('80,000,000');
    await field(page, '申请资助（元）').fill('30,000,000');
    await page.getByTestId('bid-fits').waitFor();
    await field(page, '方案概述').fill('硅基光电混合计算芯片，片上光学矩阵乘加速推理。');
    await page.getByLabel(/^技术路线：算力/).fill('128×128 光学矩阵乘单元，三轮流片。');
    await page.getByLabel(/^技术路线：能效/).fill('低功耗微环调制器与片上激光器。');
    await field(page, '里程碑 1 名称').fill('样片流片');
    await field(page, '里程碑 1 完成时间（北京时间）').fill(shanghaiInput(120));
    await field(page, '里程碑 1 交付成果').fill('样片与测试报告');
    await field(page, '里程碑 1 拨付金额（元）').fill('12,000,000');
    await page.getByRole('button', { name: '添加里程碑' }).click();
    await field(page, '里程碑 2 名称').fill('系统交付');
    await field(page, '里程碑 2 完成时间（北京时间）').fill(shanghaiInput(360));
    await field(page, '里程碑 2 交付成果').fill('100 TOPS 光计算加速卡');
    await field(page, '里程碑 2 拨付金额（元）').fill('18,000,000');
    await page.getByTestId('tranche-tally').getByText('与申请资助一致').waitFor();
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByTestId('bid-receipt').waitFor();
    await shot(page, '02-bid-receipt');

    for (const [team, requested] of [
      [teamB, 25_000_000_00],
      [teamC, 20_000_000_00],
    ] as const) {
      await t.http
        .post(`${API}/challenges/${challengeId}/bids`)
        .set(bearer(team))
        .send(bidBody({ totalInvestmentFen: 3 * requested, requestedFundingFen: requested }))
        .expect(201);
    }
    // Sealed: the public and the agency see a count only.
    const sealed = await t.http.get(`${API}/challenges/${challengeId}/bids`).set(bearer(agency)).expect(200);
    expect(sealed.body).toMatchObject({ items: [], count: 3 });
  });

  it('the deadline passes and the worker closes the challenge; the reviewer scores every bid; the agency shortlists all three', async () => {
    await t.http
      .post(`${API}/challenges/${challengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId] })
      .expect(200);
    // Time passes: the deadline is now. The worker's reconcile closes the challenge (no client action).
    await db.query(`UPDATE challenges SET bid_deadline = now() - interval '1 second' WHERE id = $1`, [challengeId]);
    await eventually(async () => ((await challengeStatus()) === 'closed' ? true : undefined), 30_000);

    const rp = await browser.newPage();
    await signIn(rp, base, reviewer.email, reviewer.password);
    await rp.getByRole('link', { name: '评审任务' }).first().click();
    await rp.getByRole('link', { name: title }).click();
    for (const n of [1, 2, 3]) {
      await rp.getByRole('button', { name: new RegExp(`申报 ${n}`) }).click();
      // Each bid's panel (an accordion region named after its control) has its own score form.
      const panel = rp.getByRole('region', { name: new RegExp(`^申报 ${n}`) });
      await field(panel, '技术方案（权重 60%）').fill(String(90 - n * 5));
      await field(panel, '团队能力（权重 20%）').fill('80');
      await field(panel, '实施计划（权重 20%）').fill('85');
      await panel.getByRole('button', { name: '提交评分' }).click();
      await panel.getByText('评分已保存').waitFor();
    }
    await shot(rp, '03-review');

    const page = agencyPage;
    await page.goto(`${base}/agency/challenges/${challengeId}/panel`);
    await page.getByTestId('ranking').waitFor();
    await page.getByRole('button', { name: '关闭评审组' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it locks the scores
    await page.getByText('评审组已关闭，可选择合格申报入围。').waitFor();
    for (const n of [1, 2, 3]) await page.getByRole('checkbox', { name: `选择第 ${n} 名` }).check();
    await page.getByRole('button', { name: '入围所选（3）' }).click();
    await page
      .getByRole('dialog', { name: '确认入围 3 份申报？' })
      .getByText(/^入围：申报 1（/)
      .waitFor();
    await page.getByTestId('confirm-ok').click();
    await page.getByText('已入围 3 项').waitFor();
    await shot(page, '04-shortlist');
  });

  it('the agency awards three teams, filling the slots and watching the budget left', async () => {
    const bids = (await t.http.get(`${API}/challenges/${challengeId}/bids`).set(bearer(agency)).expect(200)).body.items as {
      id: string;
      organizationId: string;
      requestedFundingFen: number;
    }[];
    expect(bids).toHaveLength(3);
    const page = agencyPage;
    await page.goto(`${base}/challenges/${challengeId}`);
    await page.getByTestId('challenge-management').getByRole('link', { name: /立项/ }).click();
    await page.getByRole('heading', { name: '评审结果与立项', level: 1 }).waitFor();
    await page.getByTestId('slots-filled').filter({ hasText: '0 / 3' }).waitFor();
    await expectAccessible(page, 'awards');
    const byRequest = [...bids].sort((a, b) => b.requestedFundingFen - a.requestedFundingFen);
    const left = ['¥60,000,000.00', '¥35,000,000.00', '¥15,000,000.00'];
    for (const [i, bid] of byRequest.entries()) {
      const form = page.getByTestId(`award-form-${bid.id}`);
      await form.getByTestId('bid-fits').waitFor();
      await form.getByLabel('项目经理').selectOption(pm.userId);
      await form.getByRole('button', { name: '立项' }).click();
      await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
      await page.getByTestId('budget-left').filter({ hasText: left[i] }).waitFor();
      await page
        .getByTestId('slots-filled')
        .filter({ hasText: `${i + 1} / 3` })
        .waitFor();
    }
    expect(await page.locator('[data-testid^="award-form-"]').count()).toBe(0);
    await shot(page, '05-awarded');
    const challenge = (await t.http.get(`${API}/challenges/${challengeId}`).expect(200)).body;
    expect(challenge).toMatchObject({ awardedFen: 75_000_000_00, awardedCount: 3 });

    // The publicity period ends by the worker: every project turns active with no client action.
    await eventually(async () => {
      const list = await t.http.get(`${API}/projects?challengeId=${challengeId}`).set(bearer(agency)).expect(200);
      return list.body.items.length === 3 && list.body.items.every((p: { status: string }) => p.status === 'active');
    }, 30_000);
  });

  it('the team submits a milestone’s evidence; the program manager accepts it from the portfolio and sees the tranche paid', async () => {
    const team = await login(t.http, teamA.email, teamA.password);
    const [mine] = (await t.http.get(`${API}/projects`).set(bearer(team)).expect(200)).body.items;
    const project = (await t.http.get(`${API}/projects/${mine.id}`).set(bearer(team)).expect(200)).body;
    const first = project.milestones[0] as { seq: number; title: string; trancheFen: number };
    expect(first).toMatchObject({ title: '样片流片', trancheFen: 12_000_000_00 });
    const milestoneOf = (page: Page) => page.locator(`[data-testid="milestone"][data-seq="${first.seq}"]`);

    const page = teamPage;
    await page.goto(base);
    await page.getByRole('link', { name: '我的项目' }).first().click();
    await page.getByRole('link', { name: project.title }).click();
    const m = milestoneOf(page);
    await m.getByRole('button', { name: '提交成果' }).click();
    await field(m, '成果报告').fill('样片流片完成，实测算力 120 TOPS，能效 12 TOPS/W。');
    await field(m, '算力（目标 100 TOPS）实际值').fill('120');
    await field(m, '能效（目标 10 TOPS/W）实际值').fill('12');
    await m.getByRole('button', { name: '提交成果' }).click();
    await m.getByText('成果已提交，等待项目经理验收').waitFor();
    await shot(page, '06-evidence');

    pmPage = await browser.newPage();
    const pmView = pmPage;
    await signIn(pmView, base, pm.email, 'pm-password-1234');
    await pmView.getByRole('link', { name: '项目看板' }).first().click();
    await pmView.getByTestId('total-awaiting').filter({ hasText: '1' }).waitFor();
    await expectAccessible(pmView, 'portfolio');
    await shot(pmView, '07-portfolio');
    await pmView.locator(`[data-project-id="${mine.id}"]`).getByRole('link', { name: project.title, exact: true }).click();
    const review = milestoneOf(pmView);
    await review.getByRole('heading', { name: '验收' }).waitFor();
    await review.getByRole('radio', { name: '通过', exact: true }).check();
    await field(review, '验收意见').fill('样片指标达成，验收通过。');
    await review.getByRole('button', { name: '提交验收结论' }).click();
    await pmView.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await review.locator('[data-status="met"]').waitFor();
    // Paid by the worker (DISBURSEMENT_DELAY PT0S); the page follows a scheduled tranche until it is paid.
    await pmView.getByTestId('disbursements').locator('tr[data-status="paid"]').waitFor({ timeout: 30_000 });
    await pmView.getByTestId('paid').getByText('¥12,000,000.00').waitFor();
    await expectAccessible(pmView, 'project (paid)');
    await shot(pmView, '08-tranche-paid');
    const { rows } = await db.query(`SELECT status, amount_fen FROM disbursements WHERE project_id = $1`, [mine.id]);
    expect(rows).toEqual([{ status: 'paid', amount_fen: '1200000000' }]);
  });

  it('stage 1 ends and the agency runs its gate on the evidence: two advance, one is stopped (the tie explained)', async () => {
    // Time passes: stage 1 has ended.
    await db.query(
      `UPDATE challenges SET stages = jsonb_set(stages, '{0,endsAt}', to_jsonb(to_char((now() - interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) WHERE id = $1`,
      [challengeId],
    );
    const page = agencyPage;
    await page.goto(`${base}/agency/challenges/${challengeId}/awards`);
    const stage1 = page.getByTestId('stage-1');
    const rows = stage1.locator('[data-testid^="gate-row-"]');
    await rows.nth(2).waitFor();
    // Team A's accepted milestone puts it first; the other two are tied at the cut-off.
    await rows.nth(0).getByText('已通过').waitFor();
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await stage1.getByRole('button', { name: /运行关口 1：晋级 2，淘汰 1/ }).click();
    await stage1.getByText('请填写裁定理由').waitFor();
    await stage1.getByLabel(/^裁定理由/).fill('两队阶段得分相同，该队样片现场测试指标更优。');
    await stage1.getByRole('button', { name: /运行关口 1：晋级 2，淘汰 1/ }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await page.getByTestId('gate-result-1').waitFor();
    await expectAccessible(page, 'gate result');
    await shot(page, '09-gate');
    const statuses = async () =>
      (
        await db.query(
          `SELECT status, count(*)::int AS n FROM projects WHERE challenge_id = $1 GROUP BY status ORDER BY status`,
          [challengeId],
        )
      ).rows;
    // The result is published first (公示期, PT3S here); the stopped project runs until the worker makes it final.
    const stopped = [
      { status: 'active', n: 2 },
      { status: 'eliminated', n: 1 },
    ];
    await eventually(async () => JSON.stringify(await statuses()) === JSON.stringify(stopped), 30_000, 250);
    expect(await statuses()).toEqual(stopped);
    const gate = await db.query(`SELECT finalised_at FROM stage_gates WHERE challenge_id = $1 AND stage = 1`, [challengeId]);
    expect(gate.rows[0].finalised_at).not.toBeNull();
  });

  it('the public sees the results and the money paid; the ledger verifies', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/challenges/${challengeId}`);
    await page.getByTestId('challenge-results').waitFor();
    expect(await page.getByTestId('results-awarded').locator('dd').innerText()).toBe('¥75,000,000.00');
    expect(await page.getByTestId('results-paid').locator('dd').innerText()).toBe('¥12,000,000.00');
    await page.getByTestId('gate-1').getByText('晋级 (2)').waitFor();
    await expectAccessible(page, 'public results');
    await shot(page, '10-public-results');
    expect((await t.http.get(`${API}/audit/verify`).expect(200)).body.ok).toBe(true);
    expect(browser.cspErrors).toEqual([]);
  });
});
