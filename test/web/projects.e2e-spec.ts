import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { seedProject, type SeededProject } from '@app/milestones/testing/seed';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { createTestWorker, type TestWorker } from '../support/test-worker';
import {
  BrowserSession,
  expectAccessible,
  expectNoHorizontalScroll,
  field,
  screenshot,
  signIn as signInAt,
  listenForBrowser,
} from './browser';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

/**
 * Projects and milestones in the browser, against the real api and worker: an active project (set
 * up in SQL, as the milestones suites do), the team submits evidence (achieved value per objective,
 * an attachment whose SHA-256 is computed in the browser), the program manager accepts it and sees
 * the tranche scheduled then paid (DISBURSEMENT_DELAY=PT0S), the team asks to move a due date and
 * the program manager approves it. Field errors beside their fields; axe on every page; phone width.
 */
describe('projects and milestones (browser)', () => {
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let team: Session;
  let pm: Session;
  let agency: Session;
  let project: SeededProject;

  const signIn = (page: Page, who: Session) => signInAt(page, base, who.email, who.password);

  async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('condition not met');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const milestone = (page: Page, seq: number) => page.locator(`[data-testid="milestone"][data-seq="${seq}"]`);

  let teamPage: Page;
  let pmPage: Page;

  beforeAll(async () => {
    // WEB_DIST_DIR: a build of one's own (apps/web/dist is shared with other suites).
    ({ t, base } = await listenForBrowser({ env: { DISBURSEMENT_DELAY: 'PT0S', RECONCILE_EVERY: 'PT2S' } }));
    worker = await createTestWorker(t.config);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    team = await registerTeam(t.http, { name: '深圳里程碑测试科技有限公司' });
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
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await db?.end();
    await t?.close();
  });

  it('the team sees its project in the list (granted vs paid, next milestone), also at phone width', async () => {
    teamPage = await browser.newPage();
    const page = teamPage;
    await signIn(page, team);
    await page.goto(`${base}/projects`);
    const card = page.getByTestId('project-card');
    await card.getByRole('link', { name: '里程碑测试项目' }).waitFor();
    await card.getByText(/里程碑测试榜单/).waitFor();
    // the organisation tells apart the projects of a horse race (they share their challenge's title)
    expect(await card.getByTestId('project-org').innerText()).toBe('承担单位: 深圳里程碑测试科技有限公司');
    expect(await card.getByTestId('project-status').innerText()).toBe('实施中');
    await card.getByText('里程碑 1 ·', { exact: false }).waitFor();
    expect(await card.getByTestId('paid-text').textContent()).toBe('已拨付 ¥0.00 / ¥1,000,000.00（0%）');
    await expectAccessible(page, 'projects list');
    await screenshot(page, 'projects-01-list');

    const phone = await browser.newPage();
    await signIn(phone, team);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/projects`);
    await phone.getByTestId('project-card').waitFor();
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'projects-02-list-phone');
    await phone.goto(`${base}/projects/${project.projectId}`);
    await phone.getByRole('heading', { name: '里程碑', exact: true }).waitFor();
    await expectNoHorizontalScroll(phone);
    await expectAccessible(phone, 'project (phone)');
    await screenshot(phone, 'projects-03-project-phone');
  });

  it('the team submits evidence: errors beside the fields, SHA-256 computed in the browser', async () => {
    const page = teamPage;
    await page.getByRole('link', { name: '里程碑测试项目' }).click();
    await page.getByRole('heading', { level: 1, name: '里程碑测试项目' }).waitFor();
    await page.getByText('¥1,000,000.00').first().waitFor();
    const m1 = milestone(page, 0);
    await m1.getByText('待提交').waitFor();
    await m1.getByRole('button', { name: '提交成果' }).click();
    await m1.getByRole('button', { name: '添加附件' }).click();
    await field(m1, '附件 1 SHA-256').fill('not-a-digest');
    await field(m1, '附件 1 链接').fill('files.example.cn/report.txt');
    await m1.getByRole('button', { name: '提交成果' }).click();
    await m1.getByText('请先修正标出的错误').waitFor();
    await m1.locator('[id$="-error"]', { hasText: 'SHA-256 应为 64 位十六进制字符' }).waitFor();
    expect(await field(m1, '附件 1 SHA-256').getAttribute('aria-invalid')).toBe('true');
    expect(await field(m1, '成果报告').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'evidence form (with errors)');
    await screenshot(page, 'projects-04-evidence-errors');

    await field(m1, '成果报告').fill('100 TOPS 样片流片完成，实测 120 TOPS。');
    await field(m1, '算力（目标 100 TOPS）实际值').fill('120');
    await field(m1, '附件 1 链接').fill('https://files.example.cn/report.txt');
    await m1
      // the link's own file input (hashed in the browser), not the evidence upload's (data-testid="document-input")
      .locator('input[type="file"]:not([data-testid="document-input"])')
      .setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('abc') });
    await until(async () => (await field(m1, '附件 1 SHA-256').inputValue()) === SHA256_ABC);
    expect(await field(m1, '附件 1 名称').inputValue()).toBe('report.txt');
    await m1.getByRole('button', { name: '提交成果' }).click();
    await m1.getByText('成果已提交，等待项目经理验收').waitFor();
    await m1.locator('[data-status="submitted"]').waitFor();
    await m1
      .getByTestId('submission')
      .getByText('SHA-256 ' + SHA256_ABC)
      .waitFor();
    const saved = await db.query(`SELECT achieved, attachments FROM milestone_submissions WHERE milestone_id = $1`, [
      project.milestoneIds[0],
    ]);
    expect(saved.rows[0].achieved).toEqual([{ metric: '算力', value: 120 }]);
    expect(saved.rows[0].attachments).toEqual([
      { name: 'report.txt', sha256: SHA256_ABC, url: 'https://files.example.cn/report.txt' },
    ]);
    await expectAccessible(page, 'project (team, submitted)');
    await screenshot(page, 'projects-05-submitted');
  });

  it('the program manager accepts it and sees the tranche scheduled, then paid', async () => {
    pmPage = await browser.newPage();
    const page = pmPage;
    await signIn(page, pm);
    await page.goto(`${base}/projects/${project.projectId}`);
    const m1 = milestone(page, 0);
    await m1.getByRole('heading', { name: '验收' }).waitFor();
    await m1.getByText('100 TOPS 样片流片完成，实测 120 TOPS。').waitFor();
    await m1.getByRole('radio', { name: '部分通过' }).check();
    await field(m1, '核减后拨付额（元）').fill('600,000.01');
    await m1.getByRole('button', { name: '提交验收结论' }).click();
    await m1.locator('[id$="-error"]', { hasText: '核减后拨付额不能高于计划拨付额 ¥600,000.00' }).waitFor();
    await m1.locator('[id$="-error"]', { hasText: '必填' }).waitFor(); // the comment
    await expectAccessible(page, 'review form (with errors)');
    await screenshot(page, 'projects-06-review-errors');

    await m1.getByRole('radio', { name: '通过', exact: true }).check();
    await field(m1, '验收意见').fill('指标达成，验收通过。');
    await m1.getByRole('button', { name: '提交验收结论' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await m1.getByText('验收结论已提交').waitFor();
    await m1.locator('[data-status="met"]').waitFor();
    const row = page.getByTestId('disbursements').locator('tbody tr').first();
    await row.getByText('¥600,000.00').waitFor();
    await page.getByTestId('disbursements').locator('tr[data-status="paid"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('paid').getByText('¥600,000.00').waitFor();
    await page.getByText('已拨付 ¥600,000.00 / ¥1,000,000.00（60%）').waitFor();
    const paid = await t.http.get(`/api/v1/projects/${project.projectId}/disbursements`).set(bearer(team)).expect(200);
    expect(paid.body).toMatchObject({ paidFen: 600_000_00, items: [{ status: 'paid', amountFen: 600_000_00 }] });
    await expectAccessible(page, 'project (program manager, paid)');
    await screenshot(page, 'projects-07-paid');
  });

  it('the team asks to move the next due date; the program manager approves it', async () => {
    const page = teamPage;
    await page.reload();
    const m2 = milestone(page, 1);
    await m2.getByRole('button', { name: '申请调整' }).click();
    // the grant less the paid tranche leaves ¥400,000.00 for this one
    await field(m2, '新的拨付额（元）').fill('400,000.01');
    await m2.getByRole('button', { name: '提交申请' }).click();
    await m2.locator('[id$="-error"]', { hasText: '本期最多 ¥400,000.00' }).waitFor();
    await expectAccessible(page, 'change request (with errors)');
    await field(m2, '新的拨付额（元）').fill('');
    const newDue = new Date(Date.now() + 150 * DAY);
    const shanghai = new Date(newDue.getTime() + 8 * 3_600_000).toISOString().slice(0, 11) + '17:00';
    await field(m2, '新的截止时间（北京时间）').fill(shanghai);
    await field(m2, '调整理由').fill('测试设备到货延迟一个月。');
    await m2.getByRole('button', { name: '提交申请' }).click();
    await m2.getByText('调整申请已提交，等待项目经理审批').waitFor();
    await page.locator('[data-testid="change-request"][data-status="pending"]').waitFor();
    // one pending change per milestone: the button goes until it is decided
    await m2.getByTestId('change-pending').waitFor();
    expect(await m2.getByRole('button', { name: '申请调整' }).count()).toBe(0);
    await screenshot(page, 'projects-08-change-requested');

    const pmView = pmPage;
    await pmView.reload();
    const request = pmView.locator('[data-testid="change-request"][data-status="pending"]');
    await request.getByText('测试设备到货延迟一个月。').waitFor();
    await expectAccessible(pmView, 'project (program manager, pending change)');
    await field(request, '审批意见（选填）').fill('同意');
    const want = `${shanghai.replace('T', ' ')}`;
    await request.getByRole('button', { name: '批准' }).click();
    // The confirmation says the milestone and its date before → after (the tranche stays).
    const approving = pmView.getByRole('dialog', { name: '确认批准计划调整？' });
    await approving.getByText(new RegExp(`^截止时间：.* → ${want}`)).waitFor();
    await approving.getByText(/^拨付金额：.*（不变）$/).waitFor();
    await pmView.getByTestId('confirm-ok').click();
    await pmView.locator('[data-testid="change-request"][data-status="approved"]').waitFor();
    await milestone(pmView, 1).getByText(want).waitFor();
    const row = await db.query(`SELECT due_at FROM project_milestones WHERE id = $1`, [project.milestoneIds[1]]);
    expect(new Date(row.rows[0].due_at).toISOString()).toBe(new Date(`${shanghai}:00+08:00`).toISOString());
    await screenshot(pmView, 'projects-09-change-approved');
  });

  it('the agency of the challenge follows the project read-only', async () => {
    const page = await browser.newPage();
    await signIn(page, agency);
    await page.goto(`${base}/projects`);
    await page.getByText('已拨付 ¥600,000.00 / ¥1,000,000.00（60%）').waitFor();
    await page.getByRole('link', { name: '里程碑测试项目' }).click();
    await page.locator('[data-testid="change-request"][data-status="approved"]').waitFor();
    await page.getByTestId('disbursements').locator('tr[data-status="paid"]').waitFor();
    expect(await page.getByTestId('milestone').getByRole('button').count()).toBe(0);
    await expectAccessible(page, 'project (agency)');
  });

  it('ran under the api’s Content-Security-Policy without a complaint', () => {
    expect(browser.cspErrors).toEqual([]);
  });
});
