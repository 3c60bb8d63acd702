import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { seedClosedChallenges } from '@app/awards/testing/seed';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { seedProject, type SeededProject } from '@app/milestones/testing/seed';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn as signInAt, listenForBrowser } from './browser';

jest.setTimeout(180_000);

const API = '/api/v1';
const DAY = 86_400_000;

/**
 * The web app asks before it acts and says what it did (issue 19, items 3, 5, 6, 7, 9): publishing and accepting a
 * milestone are confirmed first, naming the ¥ amount; cancel changes nothing; confirm does it and a notice says so.
 * An empty wizard step moves focus to the error summary; a reviewer on a closed panel sees their own scores
 * read-only; criteria carry the names the agency gives them, and a reviewer's form starts from their saved sheet.
 */
describe('confirmations, notices and error summaries (browser)', () => {
  let t: TestApp;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let agency: Session;
  let pm: Session;
  let reviewer: Session;
  let reviewer2: Session;
  let team: Session;
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
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S', DISBURSEMENT_DELAY: 'PT0S' } }));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    reviewer2 = await createStaff(t.http, admin, 'reviewer');
    team = await registerTeam(t.http, { name: '深圳确认测试科技有限公司' });

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

    // A closed challenge whose panel (two reviewers) has scored both bids and closed: the reviewer gave 88 and 78
    // with a comment, the other 60 and 50 (so the panel's aggregates, 74 and 64, are not the reviewer's own).
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
      .send({ userIds: [reviewer.userId, reviewer2.userId] })
      .expect(200);
    for (const [i, bid] of closed.bids.entries()) {
      for (const [who, s] of [
        [reviewer, 88 - i * 10],
        [reviewer2, 60 - i * 10],
      ] as const) {
        await t.http
          .post(`${API}/bids/${bid.bidId}/scores`)
          .set(bearer(who))
          .send({
            scores: ['technical', 'team', 'plan'].map((criterion) => ({ criterion, score: s })),
            ...(who === reviewer ? { comment: '技术路线清晰' } : {}),
          })
          .expect(201);
      }
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

  it('a reviewer on a closed panel sees their own scores read-only: no score form, no conflict button', async () => {
    const page = await browser.newPage();
    await signIn(page, reviewer);
    await page.goto(`${base}/review/${closedChallengeId}`);
    await page.getByTestId('panel-closed').getByText('评审组已关闭').waitFor();
    await page.getByRole('button', { name: /申报 1/ }).click();
    const locked = page.getByTestId('locked-scores').first();
    await locked.getByRole('heading', { name: '我的评分（只读）' }).waitFor();
    await locked
      .getByText(/^(88|78)\.00$/)
      .first()
      .waitFor();
    await locked.getByText('技术路线清晰').waitFor();
    // the reviewer's own sheet, not the panel's aggregate (74 / 64) nor the other reviewer's (60 / 50)
    expect(await locked.textContent()).not.toMatch(/74\.00|64\.00|60\.00|50\.00/);
    expect(await page.getByRole('button', { name: /提交评分|修改评分/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '声明利益冲突' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    await expectAccessible(page, 'closed panel (reviewer)');
    await screenshot(page, 'confirm-04-closed-panel');
  });

  it('an agency names a criterion; the reviewer scores by that name and finds their saved sheet on coming back', async () => {
    const created = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send({ ...challengeBody(), title: '评审项命名测试榜单' })
      .expect(201);
    const id = created.body.id as string;
    await t.http.post(`${API}/challenges/${id}/publish`).set(bearer(agency)).expect(200);

    const agencyPage = await browser.newPage();
    await signIn(agencyPage, agency);
    await agencyPage.goto(`${base}/agency/challenges/${id}/panel`);
    const name1 = field(agencyPage, '评审项 1 名称');
    await name1.waitFor();
    expect(await name1.inputValue()).toBe('技术方案');
    expect(await agencyPage.getByText(/代码/).count()).toBe(0);
    await name1.fill('核心技术路线');
    await field(agencyPage, '评审项 1 说明（选填，评审专家评分时可见）').fill('路线是否可行、是否领先');
    await agencyPage.getByRole('button', { name: '保存评分标准' }).click();
    await agencyPage.getByText('评分标准已保存').waitFor();
    await expectAccessible(agencyPage, 'criteria editor (named)');
    const stored = (await db.query(`SELECT criteria FROM review_panels WHERE challenge_id = $1`, [id])).rows[0].criteria;
    expect(stored[0]).toMatchObject({ key: 'technical', name: '核心技术路线', description: '路线是否可行、是否领先' });
    expect(stored[1]).toEqual({ key: 'team', weight: 20, minScore: 50 });

    const bid = await t.http.post(`${API}/challenges/${id}/bids`).set(bearer(team)).send(bidBody()).expect(201);
    await t.http
      .post(`${API}/challenges/${id}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId] })
      .expect(200);
    await passDeadline(t.databaseUrl, id);
    await t.http
      .post(`${API}/bids/${bid.body.id}/scores`)
      .set(bearer(reviewer))
      .send({
        scores: [
          { criterion: 'technical', score: 81 },
          { criterion: 'team', score: 70 },
          { criterion: 'plan', score: 65.5 },
        ],
        comment: '首次评分意见',
      })
      .expect(201);

    const page = await browser.newPage();
    await signIn(page, reviewer);
    await page.goto(`${base}/review/${id}`);
    await page.getByRole('button', { name: /申报 1/ }).click();
    const technical = field(page, '核心技术路线（权重 60%）');
    await technical.waitFor();
    await page.getByText('路线是否可行、是否领先').waitFor();
    // the form starts from the saved sheet
    expect(await technical.inputValue()).toBe('81');
    expect(await field(page, '实施计划（权重 20%）').inputValue()).toBe('65.5');
    expect(await field(page, '评语（选填）').inputValue()).toBe('首次评分意见');
    expect(await page.locator('body').textContent()).not.toMatch(/technical/);
    await technical.fill('85');
    await page.getByRole('button', { name: '修改评分' }).click();
    await page.getByText('评分已保存').waitFor();
    const sheet = (await db.query(`SELECT scores, revision FROM bid_scores WHERE bid_id = $1`, [bid.body.id])).rows[0];
    expect(sheet).toEqual({ scores: { technical: 85, team: 70, plan: 65.5 }, revision: 2 });
    await page.reload();
    await page.getByRole('button', { name: /申报 1/ }).click();
    await field(page, '核心技术路线（权重 60%）').waitFor();
    expect(await field(page, '核心技术路线（权重 60%）').inputValue()).toBe('85');
    await page
      .getByTestId('saved-sheet')
      .getByText(/第 2 版/)
      .waitFor();
    await expectAccessible(page, 'review with saved sheet and named criteria');
    await screenshot(page, 'confirm-05-named-criteria-saved-sheet');
  });
});
