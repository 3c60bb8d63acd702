import { Client } from 'pg';
import { seedProject } from '@app/milestones/testing/seed';
import { createStaff, loginAdmin, registerTeam } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, expectNoHorizontalScroll, screenshot, listenForBrowser } from './browser';

jest.setTimeout(120_000);
const YUAN = 100;

/**
 * The open-data page's charts in Chromium, signed out: money awarded and paid by industry and by
 * year, challenges by status, each beside its table; axe in zh and en, on a phone too, and no
 * console error.
 */
describe('open-data charts (browser)', () => {
  let t: TestApp;
  let db: Client;
  let base: string;
  let browser: BrowserSession;

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    const team = await registerTeam(t.http);
    const seed = {
      agencyId: agency.userId,
      organizationId: team.organizationId as string,
      programManagerId: null,
      milestones: [],
    };
    const paid = await seedProject(db, { ...seed, grantedFen: 1_000_000 * YUAN, industry: 'quantum_information' });
    await db.query(`UPDATE projects SET paid_fen = $2 WHERE id = $1`, [paid.projectId, 400_000 * YUAN]);
    await seedProject(db, { ...seed, grantedFen: 500_000 * YUAN, industry: 'synthetic_biology' });
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  it('draws money by industry and year and challenges by status, each with its table, in zh and en', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/open-data`);
    const industry = page.getByTestId('od-industry-chart');
    await industry.locator('[data-row="quantum_information"]').waitFor();
    expect((await industry.innerText()).replace(/\s+/g, ' ')).toMatch(/量子信息 ¥100万 ¥40万/);
    // Bars scale to the largest amount on the chart: 1,000,000 is full length (78 % of the row, the value is written
    // after it), 400,000 paid 40 % of that.
    const widths = await industry
      .locator('[data-row="quantum_information"] span[style*="width"]')
      .evaluateAll((bars) => bars.map((b) => /width:\s*([^;]+)/.exec(b.getAttribute('style') ?? '')?.[1]));
    expect(widths).toEqual(['78%', '31.2%']);
    expect(await page.getByTestId('od-year-chart').locator('[data-row]').count()).toBe(1);
    expect((await page.getByTestId('od-status').innerText()).replace(/\s+/g, ' ')).toContain('已立项 2');
    await screenshot(page, 'od-01-charts');
    await expectAccessible(page, 'open-data charts');

    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
    await page.getByRole('heading', { name: 'Challenges by status' }).waitFor();
    expect((await page.getByTestId('od-status').innerText()).replace(/\s+/g, ' ')).toContain('Awarded 2');
    await expectAccessible(page, 'open-data charts (en)');
    expect(errors).toEqual([]);
  });
});
