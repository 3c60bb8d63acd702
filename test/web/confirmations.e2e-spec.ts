import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { seedClosedChallenges } from '@app/awards/testing/seed';
import { challengeBody } from '@app/bids/testing/fixtures';
import { seedProject, type SeededProject } from '@app/milestones/testing/seed';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { BrowserSession, ensureWebBuild, expectAccessible, field, screenshot, signIn as signInAt } from './browser';

jest.setTimeout(180_000);

const API = '/api/v1';
const DAY = 86_400_000;

/**
 * The web app asks before it acts and says what it did (issue 19, items 3, 5, 6, 7): publishing and accepting a
 * milestone are confirmed first, naming the ¥ amount; cancel changes nothing; confirm does it and a notice says so.
 * An empty wizard step moves focus to the error summary; a reviewer on a closed panel sees the scores read-only.
 */
describe('confirmations, notices and error summaries (browser)', () => {
  let t: TestApp;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let agency: Session;
  let pm: Session;
  let reviewer: Session;
  let draftId: string;
  let project: SeededProject;
  let closedChallengeId: string;

  const signIn = (page: Page, who: Session) => signInAt(page, base, who.email, who.password);
  const dialog = (page: Page) => page.getByRole('dialog');
  const toEnglish = async (page: Page) => {
    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
  };

  beforeAll(async () => {
    if (!process.env.WEB_DIST_DIR) ensureWebBuild();
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', DISBURSEMENT_DELAY: 'PT0S' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    const team = await registerTeam(t.http, { name: '深圳确认测试科技有限公司' });

    // A draft (budget ¥30,000,000.00) to publish.
    const draft = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send({ ...challengeBody(), title: '确认测试榜单', budgetFen: 3_000_000_000 })
      .expect(201);
    draftId = draft.body.id;

    // An active project whose first milestone (tranche ¥600,000.00) the team has submitted.
    project = await seedProject(db, {
      agencyId: agency.userId,
      organizationId: team.organizationId as string,
      programManagerId: pm.userId,
      grantedFen: 1_000_000_00,
      milestones: [
        { dueInMs: 60 * DAY, trancheFen: 600_000_00 },
        { dueInMs: 120 * DAY, trancheFen: 400_000_00 },
      ],
    });
    await t.http
      .post(`${API}/projects/${project.projectId}/milestones/${project.milestoneIds[0]}/submissions`)
      .set(bearer(team))
      .send({ report: '样片流片完成。', achieved: [{ metric: '算力', value: 120 }] })
      .expect(201);

    // A closed challenge whose panel (one reviewer) has scored both bids and closed.
    const [closed] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 1,
      bidsPerChallenge: 2,
      budgetFen: 6_000_000_000,
      requestFen: 2_000_000_000,
    });
    closedChallengeId = closed.challengeId;
    await t.http
      .post(`${API}/challenges/${closedChallengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId] })
      .expect(200);
    for (const [i, bid] of closed.bids.entries()) {
      const s = 88 - i * 10;
      await t.http
        .post(`${API}/bids/${bid.bidId}/scores`)
        .set(bearer(reviewer))
        .send({ scores: ['technical', 'team', 'plan'].map((criterion) => ({ criterion, score: s })) })
        .expect(201);
    }
    await t.http.post(`${API}/challenges/${closedChallengeId}/panel/close`).set(bearer(agency)).expect(200);
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  const status = async (id: string) => (await db.query(`SELECT status FROM challenges WHERE id = $1`, [id])).rows[0].status;

  it('publishing asks first, naming the budget; cancel leaves the draft; confirm publishes and says so (zh)', async () => {
    const page = await browser.newPage();
    await signIn(page, agency);
    await page.goto(`${base}/challenges/${draftId}`);
    await page.getByRole('button', { name: '发布榜单' }).click();
    await dialog(page).getByText('确认发布榜单？').waitFor();
    expect(await page.getByTestId('confirm-amount').innerText()).toBe('总预算：¥30,000,000.00');
    await dialog(page)
      .getByText(/“确认测试榜单”将立即公开/)
      .waitFor();
    await expectAccessible(page, 'publish confirmation');
    await screenshot(page, 'confirm-01-publish');

    await dialog(page).getByRole('button', { name: '取消' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    expect(await status(draftId)).toBe('draft');
    await page.getByText('这是草稿，仅您可见。').waitFor();

    await page.getByRole('button', { name: '发布榜单' }).click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('notice').getByText('榜单已发布').waitFor();
    expect(await status(draftId)).toBe('published');
    await page.getByText('这是草稿，仅您可见。').waitFor({ state: 'detached' });
  });

  it('accepting a milestone names the tranche; cancel pays nothing; confirm pays and says so (en)', async () => {
    const page = await browser.newPage();
    await signIn(page, pm);
    await toEnglish(page);
    await page.goto(`${base}/projects/${project.projectId}`);
    const m1 = page.locator('[data-testid="milestone"][data-seq="0"]');
    await m1.getByRole('heading', { name: 'Review' }).waitFor();
    await m1.getByRole('radio', { name: 'Accepted', exact: true }).check();
    await field(m1, 'Comment').fill('Targets met.');
    await m1.getByRole('button', { name: 'Send review' }).click();
    await dialog(page).getByText('Accept the milestone and pay?').waitFor();
    expect(await page.getByTestId('confirm-amount').innerText()).toBe('Paid now: ¥600,000.00');
    await expectAccessible(page, 'accept confirmation (en)');
    await screenshot(page, 'confirm-02-accept-en');

    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    const decided = `SELECT count(*) FROM milestone_submissions WHERE milestone_id = $1 AND decision IS NOT NULL`;
    const reviews = async () => Number((await db.query(decided, [project.milestoneIds[0]])).rows[0].count);
    const paidOut = `SELECT count(*) FROM disbursements WHERE milestone_id = $1`;
    const disbursements = async () => Number((await db.query(paidOut, [project.milestoneIds[0]])).rows[0].count);
    expect(await reviews()).toBe(0);
    expect(await disbursements()).toBe(0);
    await m1.locator('[data-status="submitted"]').waitFor();

    await m1.getByRole('button', { name: 'Send review' }).click();
    await page.getByTestId('confirm-ok').click();
    await m1.getByText('Review sent').waitFor();
    await m1.locator('[data-status="met"]').waitFor();
    expect(await reviews()).toBe(1);
    expect(await disbursements()).toBe(1);
  });

  it('an empty wizard step: the error summary takes focus and each error links to its field', async () => {
    const page = await browser.newPage();
    await signIn(page, agency);
    await page.goto(`${base}/agency/challenges/new`);
    await page.getByRole('heading', { name: '基本信息' }).waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    await page.waitForFunction(`document.activeElement?.getAttribute('data-testid') === 'error-summary'`);
    await summary.getByRole('link', { name: /^榜单名称：/ }).click();
    expect(await page.evaluate('document.activeElement?.id')).toBe(await field(page, '榜单名称').getAttribute('id'));
    await expectAccessible(page, 'wizard error summary');
    await screenshot(page, 'confirm-03-error-summary');
  });

  it('a reviewer on a closed panel sees the scores read-only: no score form, no conflict button', async () => {
    const page = await browser.newPage();
    await signIn(page, reviewer);
    await page.goto(`${base}/review/${closedChallengeId}`);
    await page.getByTestId('panel-closed').getByText('评审组已关闭').waitFor();
    await page.getByRole('button', { name: /申报 1/ }).click();
    const locked = page.getByTestId('locked-scores').first();
    await locked
      .getByText(/^(88|78)\.00$/)
      .first()
      .waitFor();
    expect(await page.getByRole('button', { name: '提交评分' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '声明利益冲突' }).count()).toBe(0);
    await expectAccessible(page, 'closed panel (reviewer)');
    await screenshot(page, 'confirm-04-closed-panel');
  });
});
