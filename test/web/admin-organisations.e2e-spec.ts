import type { Page } from 'playwright-core';
import { loginAdmin, registerAgency, registerTeam } from '../support/factories';
import { TEST_ADMIN, type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);

/**
 * The admin's home (/admin) and registered organisations (/admin/organisations) in Chromium: the
 * home links every admin page and the job-queue dashboard; the list finds an applicant by a part of
 * its credit code, filters agencies (each linked to its page) and counts users; a team is refused.
 * axe in zh and en, no console error.
 */
describe('admin home and organisations (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let team: Awaited<ReturnType<typeof registerTeam>>;
  let agency: { id: string; name: string };
  const teamName = `深圳机构页测试 ${Date.now().toString(36)} 有限公司`;

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    team = await registerTeam(t.http, { name: teamName, kind: 'institute' });
    agency = await registerAgency(t.http, await loginAdmin(t.http), { name: `深圳市机构页测试局 ${Date.now().toString(36)}` });
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const errorsOf = (page: Page) => {
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    return errors;
  };

  it('the admin home links users, organisations, agencies, auditors and the queue dashboard (zh and en)', async () => {
    const page = await browser.newPage();
    const errors = errorsOf(page);
    await signIn(page, base, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('navigation').getByRole('link', { name: '管理', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '管理' }).waitFor();
    const sections = page.getByTestId('admin-sections');
    for (const [name, href] of [
      ['用户', '/admin/users'],
      ['注册机构', '/admin/organisations'],
      ['发榜机构', '/agencies'],
      ['监督账号', '/admin/auditors'],
      ['任务队列', '/admin/jobs'],
    ])
      expect(await sections.getByRole('link', { name, exact: true }).getAttribute('href')).toBe(href);
    await expectAccessible(page, 'admin home');
    await screenshot(page, 'admin-home');

    // The queue link opens our job-queue overview (the dashboard is linked there: queue-overview.e2e-spec.ts).
    await sections.getByRole('link', { name: '任务队列', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '任务队列' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: '管理' }).waitFor();

    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.getByTestId('admin-sections').getByRole('link', { name: 'Organisations', exact: true }).waitFor();
    await expectAccessible(page, 'admin home (en)');
    expect(errors).toEqual([]);
  });

  it('lists registered organisations: search by credit code, filter by kind, agencies linked (zh and en)', async () => {
    const page = await browser.newPage();
    const errors = errorsOf(page);
    await signIn(page, base, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('navigation').getByRole('link', { name: '注册机构', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '注册机构' }).waitFor();
    const table = page.getByTestId('organisations');
    await table.waitFor();

    await field(page, '搜索').fill(team.creditCode.slice(2, 12).toLowerCase());
    const row = table.getByRole('row', { name: new RegExp(teamName) });
    await row.waitFor();
    // The search narrows the list to that one organisation (no second row left).
    await table.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells[0]).toBe(teamName);
    expect(cells[1]).toBe(team.creditCode);
    expect(cells[2]).toBe('科研院所');
    expect(cells[3]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(cells[4]).toBe('1');
    expect(await row.getByRole('link').count()).toBe(0); // an applicant has no page of its own
    await expectAccessible(page, 'organisations (search)');

    await field(page, '搜索').fill(agency.name);
    await page.getByLabel('类型').selectOption('agency');
    const agencyLink = table.getByRole('link', { name: agency.name });
    await agencyLink.waitFor();
    expect(await agencyLink.getAttribute('href')).toBe(`/agencies/${agency.id}`);
    await page.getByLabel('类型').selectOption('enterprise');
    await page.getByText('没有符合条件的机构。').waitFor();
    await screenshot(page, 'admin-organisations');

    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Registered organisations' }).waitFor();
    await page.getByTestId('organisations').getByRole('columnheader', { name: 'Unified social credit code' }).waitFor();
    await field(page, 'Search').fill(teamName);
    await page
      .getByTestId('organisations')
      .getByRole('row', { name: new RegExp(teamName) })
      .getByText('Research institute')
      .waitFor();
    await expectAccessible(page, 'organisations (en)');
    expect(errors).toEqual([]);
  });

  it('refuses a team: the page says only admins and auditors see it', async () => {
    const page = await browser.newPage();
    await signIn(page, base, team.email, team.password);
    await page.goto(`${base}/admin/organisations`);
    await page.getByRole('alert').filter({ hasText: '仅管理员和监督账号可以查看注册机构。' }).waitFor();
    expect(await page.getByTestId('organisations').count()).toBe(0);
    await expectAccessible(page, 'organisations refused');
  });
});
