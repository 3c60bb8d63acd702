import type { Locator, Page } from 'playwright-core';
import { createStaff, loginAdmin, registerAgency, uniqueEmail, type Session } from '../support/factories';
import { TEST_ADMIN, type TestApp } from '../support/test-app';
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

const PASSWORD = 'Qz7!vLp2#mW9xR4t';

/**
 * The admin's users page in Chromium against the real api: an admin creates a program manager and
 * an agency officer through the form, finds the manager by search, deactivates them after a
 * confirmation that says what happens (they then cannot sign in), and activates them again; the
 * admin's own row offers no deactivation. Read in Chinese and English, axe-scanned, and at phone width.
 */
describe('admin users page (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let admin: Session;
  let agency: { id: string; name: string };
  const manager = { name: '王经理', email: uniqueEmail('pm-web') };

  const signIn = (page: Page, email: string, password: string) => signInAt(page, base, email, password);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = (page: Page, email: string): Locator =>
    page.getByTestId('users').getByRole('row', { name: new RegExp(escape(email)) });
  const openUsers = async (page: Page) => {
    await signIn(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('link', { name: '用户', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: '用户' }).waitFor();
  };
  const createUser = async (page: Page, fill: (form: Locator) => Promise<void>, name: string, email: string) => {
    const form = page.locator('section', { has: page.getByRole('heading', { name: '创建工作人员账号' }) });
    await fill(form);
    await field(form, '姓名').fill(name);
    await field(form, '邮箱').fill(email);
    await field(form, '初始密码').fill(PASSWORD);
    await form.getByRole('button', { name: '创建工作人员账号' }).click();
    await page.getByTestId('user-created').filter({ hasText: name }).waitFor();
  };

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    admin = await loginAdmin(t.http);
    agency = await registerAgency(t.http, admin, { name: '深圳市用户页测试局' });
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an admin creates a program manager and an agency officer, and finds them by search', async () => {
    const page = await browser.newPage();
    await openUsers(page);
    await createUser(page, async () => undefined, manager.name, manager.email); // 项目经理 is the form's first choice
    await expectAccessible(page, 'users page with a created user');

    const officerEmail = uniqueEmail('officer-web');
    await createUser(
      page,
      async (form) => {
        await field(form, '角色').selectOption({ label: '发榜方' });
        await field(form, '发榜机构').selectOption({ label: agency.name });
      },
      '李经办',
      officerEmail,
    );

    await field(page, '搜索').fill(manager.email.split('@')[0].toUpperCase());
    await row(page, officerEmail).waitFor({ state: 'detached' }); // the rows before the search go once it answers
    expect(await page.getByTestId('users').getByRole('row').count()).toBe(2); // the header and the one found
    const found = await row(page, manager.email).innerText();
    expect(found).toContain('项目经理');
    expect(found).toContain('正常');
    expect(found).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

    await field(page, '搜索').fill(officerEmail);
    expect(await row(page, officerEmail).innerText()).toContain(agency.name);
    await field(page, '角色').first().selectOption({ label: '项目经理' });
    await page.getByText('没有符合条件的用户。').waitFor();
    await screenshot(page, 'admin-users');
  });

  it('deactivates after a confirmation (the user cannot sign in), activates again; not the admin themself', async () => {
    const page = await browser.newPage();
    await openUsers(page);
    await field(page, '搜索').fill(manager.email);
    await row(page, manager.email)
      .getByRole('button', { name: `停用 ${manager.name}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/将在下一次请求时被登出，并且无法再登录/).waitFor();
    await dialog.getByText('管理员可以随时重新启用该账号。').waitFor();
    await expectAccessible(page, 'deactivate dialog');
    await dialog.getByRole('button', { name: '停用', exact: true }).click();
    await row(page, manager.email).getByText('已停用').waitFor();

    const refused = await browser.newPage();
    await refused.goto(`${base}/sign-in`);
    await field(refused, '电子邮箱').fill(manager.email);
    await field(refused, '密码').fill(PASSWORD);
    await refused.getByRole('button', { name: '登录', exact: true }).click();
    await refused.getByText('邮箱或密码不正确').waitFor();

    await row(page, manager.email)
      .getByRole('button', { name: `启用 ${manager.name}` })
      .click();
    await dialog.getByText(/可以重新登录/).waitFor();
    await dialog.getByRole('button', { name: '启用', exact: true }).click();
    await row(page, manager.email).getByText('正常').waitFor();
    await signIn(await browser.newPage(), manager.email, PASSWORD);

    await field(page, '搜索').fill(TEST_ADMIN.email);
    const self = row(page, TEST_ADMIN.email);
    await self.getByText('管理员不能停用自己的账号。').waitFor();
    expect(await self.getByRole('button').count()).toBe(0);
  });

  it('reads in English, fits a phone, and tells others they may not', async () => {
    const page = await browser.newPage();
    await openUsers(page);
    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('columnheader', { name: 'Created (Beijing time)' }).waitFor();
    await expectAccessible(page, 'users page in English');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(page);
    await expectAccessible(page, 'users page at 390 px');

    const other = await browser.newPage();
    const pm = await createStaff(t.http, admin, 'program_manager');
    await signIn(other, pm.email, pm.password);
    await other.goto(`${base}/admin/users`);
    await other.getByRole('alert').filter({ hasText: '您没有权限执行此操作' }).getByText('仅管理员可以管理用户。').waitFor();
    const anonymous = await browser.newPage();
    await anonymous.goto(`${base}/admin/users`);
    await anonymous.getByRole('alert').filter({ hasText: '请先登录' }).getByRole('link', { name: '登录' }).waitFor();
  });
});
