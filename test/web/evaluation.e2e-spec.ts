import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { seedProject } from '@app/milestones/testing/seed';
import { createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, expectNoHorizontalScroll, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const YUAN = 100;

/**
 * The performance evaluation (绩效评估) in Chromium against the real api: an agency's programme of
 * two challenges — a project that met a milestone reporting 120 against a target of 100, and one
 * stopped at a gate — its figures and bars, a challenge's objectives and stopped project, the
 * industry filter kept in the URL, the CSV, in zh and in en, axe-scanned, on a phone too; a team
 * is told the page is not theirs.
 */
describe('performance evaluation (browser)', () => {
  let t: TestApp;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let agency: Session;
  let team: Session;
  let met: { challengeId: string; projectId: string; milestoneIds: string[] };
  let stopped: { challengeId: string; projectId: string; milestoneIds: string[] };

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    team = await registerTeam(t.http, { name: '深圳评估测试科技有限公司' });
    const seed = { agencyId: agency.userId, organizationId: team.organizationId as string, programManagerId: null };
    met = await seedProject(db, {
      ...seed,
      grantedFen: 1_000_000 * YUAN,
      milestones: [
        { dueInMs: -10 * DAY, trancheFen: 400_000 * YUAN },
        { dueInMs: 120 * DAY, trancheFen: 600_000 * YUAN },
      ],
    });
    stopped = await seedProject(db, {
      ...seed,
      grantedFen: 500_000 * YUAN,
      status: 'eliminated',
      industry: 'synthetic_biology',
      milestones: [],
    });
    await db.query(`UPDATE challenges SET title = '评估榜单甲' WHERE id = $1`, [met.challengeId]);
    await db.query(`UPDATE challenges SET title = '评估榜单乙' WHERE id = $1`, [stopped.challengeId]);
    await db.query(`UPDATE projects SET stage_reached = 1, end_reason = '第二阶段评估未通过' WHERE id = $1`, [stopped.projectId]);
    // The first milestone met on time, its report giving 120 TOPS against the target of 100.
    const [m1] = met.milestoneIds;
    await db.query(`UPDATE project_milestones SET status = 'met' WHERE id = $1`, [m1]);
    await db.query(
      `INSERT INTO milestone_submissions (milestone_id, project_id, attempt, report, achieved, attachments, submitted_by, submitted_at,
                                          decision, comment, decided_by, decided_at)
       VALUES ($1, $2, 1, '完成', '[{"metric":"算力","value":120}]', '[]', $3, now() - interval '11 days', 'accept', '通过', $4, now() - interval '10 days')`,
      [m1, met.projectId, team.userId, agency.userId],
    );
    await db.query(`UPDATE projects SET paid_fen = $2 WHERE id = $1`, [met.projectId, 400_000 * YUAN]);
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  it('the agency reads its programme, opens a challenge, filters by industry and downloads the CSV; in zh and en', async () => {
    const page = await browser.newPage();
    await signIn(page, base, agency.email, agency.password);
    await page.getByRole('link', { name: '绩效评估' }).first().click();
    await page.getByRole('heading', { name: '绩效评估', level: 1 }).waitFor();
    expect(await page.title()).toBe('绩效评估 · 揭榜');
    await page.getByTestId('ev-challenges').getByText('2').waitFor();
    expect(await page.getByTestId('ev-granted').innerText()).toContain('¥1,500,000.00');
    expect(await page.getByTestId('ev-paid').innerText()).toContain('¥400,000.00');
    expect(await page.getByTestId('ev-on-time').innerText()).toContain('100%');
    await page.getByRole('list', { name: '资金' }).getByText('收回（提前结束项目未拨付部分）: ¥500,000.00').waitFor();

    const row = page.locator(`tr[data-challenge-id="${met.challengeId}"]`);
    await row.getByRole('button', { name: '查看详情' }).click();
    const objectives = page.getByRole('table', { name: '评估榜单甲：目标达成' });
    expect((await objectives.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ')).toContain(
      '算力 100 TOPS 120 TOPS 120%',
    );
    await page.locator(`tr[data-challenge-id="${stopped.challengeId}"]`).getByRole('button', { name: '查看详情' }).click();
    await page.getByText(/赛马淘汰 · 通过阶段 1 · 原因：第二阶段评估未通过/).waitFor();
    await screenshot(page, 'ev-01-programme');
    await expectAccessible(page, 'evaluation');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('evaluation.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^榜单编号,榜单,产业/);
    expect(csv).toContain('评估榜单乙');

    await page.getByRole('combobox', { name: '产业' }).click();
    await page.getByRole('option', { name: '合成生物' }).click();
    await page.waitForURL(/industry=synthetic_biology/);
    await page.getByTestId('ev-challenges').getByText('1').waitFor();
    expect(await page.locator('tr[data-challenge-id]').count()).toBe(1);
    await page.reload();
    await page.getByTestId('ev-challenges').getByText('1').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'evaluation (phone)');

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.goto(`${base}/evaluation`);
    await page.getByRole('heading', { name: 'Evaluation', level: 1 }).waitFor();
    await page
      .getByRole('list', { name: 'Money' })
      .getByText('Released (unpaid grant of projects ended early): ¥500,000.00')
      .waitFor();
    await page.locator(`tr[data-challenge-id="${met.challengeId}"]`).getByRole('button', { name: 'Details' }).click();
    await page.getByRole('table', { name: '评估榜单甲: objectives reached' }).getByText('120%', { exact: false }).waitFor();
    await screenshot(page, 'ev-02-programme-en');
    await expectAccessible(page, 'evaluation-en');
  });

  it('a team is told the evaluation is for agencies, admins and auditors', async () => {
    const page = await browser.newPage();
    await signIn(page, base, team.email, team.password);
    await page.goto(`${base}/evaluation`);
    await page.getByRole('alert').getByText('绩效评估仅供发榜方、管理员和监督人员使用。').waitFor();
    expect(await page.getByRole('link', { name: '绩效评估' }).count()).toBe(0);
  });
});
