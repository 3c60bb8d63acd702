import type { Page } from 'playwright-core';
import {
  createStaff,
  loginAdmin,
  randomAgencyCreditCode,
  randomCreditCode,
  registerAgency,
  type Session,
} from '../support/factories';
import { TEST_ADMIN, type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn as signInAt, listenForBrowser } from './browser';

jest.setTimeout(180_000);

/**
 * Agency organisations in Chromium against the real api: an admin registers an agency (an
 * enterprise's code refused beside the field as it is typed), adds an officer moved from another
 * agency and removes one after confirming; an officer sees their agency's name on their challenges
 * page; the admin pages read in English too. Every page is axe-scanned.
 */
describe('agency organisations (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let admin: Session;
  let first: { id: string; name: string; creditCode: string };
  let officer: Session;
  let mover: Session;

  const signIn = (page: Page, email: string, password: string) => signInAt(page, base, email, password);

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    admin = await loginAdmin(t.http);
    first = await registerAgency(t.http, admin, { name: '深圳市科技创新局' });
    officer = await createStaff(t.http, admin, 'agency', first.id);
    mover = await createStaff(t.http, admin, 'agency'); // an officer of another agency, to be moved
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an admin registers an agency, with the code checked as it is typed', async () => {
    const page = await browser.newPage();
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('link', { name: '发榜机构' }).first().click();
    await page.getByRole('heading', { level: 1, name: '发榜机构' }).waitFor();
    await page.getByRole('link', { name: '深圳市科技创新局' }).waitFor();

    const form = page.locator('section', { has: page.getByRole('heading', { name: '登记机构' }) });
    await field(form, '机构名称').fill('深圳市工业和信息化局');
    await field(form, '统一社会信用代码').fill(randomCreditCode());
    await form
      .getByText(/机构编制部门登记/)
      .first()
      .waitFor(); // an enterprise's code: refused beside the field
    await form.getByRole('button', { name: '登记机构' }).click();
    expect(await page.getByRole('link', { name: '深圳市工业和信息化局' }).count()).toBe(0);

    const code = randomAgencyCreditCode();
    await field(form, '统一社会信用代码').fill(code);
    await form.getByText(/校验通过：机构编制 · 机关/).waitFor();
    await form.getByRole('button', { name: '登记机构' }).click();
    const row = page.getByRole('row', { name: /深圳市工业和信息化局/ });
    await row.waitFor();
    expect(await row.innerText()).toContain(code);
    expect(await row.innerText()).toContain('0 名经办人');
    await screenshot(page, 'agencies-list');
    await expectAccessible(page, 'agencies list');
  });

  it('an admin adds an officer moved from another agency, and removes one after confirming', async () => {
    const page = await browser.newPage();
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.goto(`${base}/agencies/${first.id}`);
    await page.getByRole('heading', { level: 1, name: '深圳市科技创新局' }).waitFor();
    const officers = page.locator('section', { has: page.getByRole('heading', { name: '经办人' }) });
    await officers.getByRole('cell', { name: officer.email }).waitFor();

    const picker = field(officers, '选择发榜方账号');
    // The option names the officer's current agency once the agencies have loaded ('…' before).
    const option = picker.locator('option', { hasText: mover.email });
    await option.filter({ hasText: /现属：深圳市测试局/ }).waitFor({ state: 'attached' });
    await picker.selectOption({ value: mover.userId });
    await officers.getByRole('button', { name: '添加', exact: true }).click();
    await officers.getByRole('cell', { name: mover.email }).waitFor();

    await officers
      .getByRole('row', { name: new RegExp(officer.email.replace(/\./g, '\\.')) })
      .getByRole('button', { name: '移出' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/移出后该账号不能再管理本机构的榜单/).waitFor();
    await expectAccessible(page, 'remove officer dialog');
    await dialog.getByRole('button', { name: '移出' }).click();
    await officers.getByRole('cell', { name: officer.email }).waitFor({ state: 'detached' });
    const agency = await t.http
      .get(`/api/v1/agencies/${first.id}`)
      .set({ Authorization: `Bearer ${admin.token}` })
      .expect(200);
    expect(agency.body.officers.map((o: { id: string }) => o.id)).toEqual([mover.userId]);
    await screenshot(page, 'agency-officers');
    await expectAccessible(page, 'agency page');

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Officers' }).waitFor();
    await page.getByRole('link', { name: /Back to agencies/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Agencies' }).waitFor();
  });

  it('an admin opens the job-queue dashboard from the menu, through the job queues page', async () => {
    const page = await browser.newPage();
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    const dashboard = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/admin/queues' && r.request().method() === 'GET',
    );
    await page.getByRole('link', { name: '任务队列' }).first().click();
    await page.getByRole('link', { name: '打开队列面板（第三方）' }).click();
    expect((await dashboard).status()).toBe(200);
    await page.waitForURL(`${base}/admin/queues`);
  });

  it('an officer sees the agency they act for on their challenges page', async () => {
    const page = await browser.newPage();
    await signIn(page, mover.email, mover.password);
    await page.getByRole('link', { name: '我的榜单' }).first().click();
    const mine = page.getByTestId('your-agency');
    await mine.waitFor();
    expect(await mine.innerText()).toBe(`所属机构：深圳市科技创新局 · 统一社会信用代码：${first.creditCode}`);
    await expectAccessible(page, 'my challenges with agency');
  });
});
