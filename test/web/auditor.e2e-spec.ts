import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { bearer, createStaff, loginAdmin, registerAgency, registerTeam, uniqueEmail, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);
const API = '/api/v1';

/**
 * The auditor (监督) in the browser, against the real api (issue 18): an admin creates an auditor
 * account on the auditors page; the auditor signs in, finds the audit ledger in the menu, sees the
 * chains verified, filters the ledger by kind — no bid entry before the deadline, the bid after it
 * — opens the challenge's full history with its own verification, and reads it in English too.
 */
describe('auditor (browser)', () => {
  let t: TestApp;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let admin: Session;
  let challengeId: string;
  const auditor = { email: uniqueEmail('auditor'), password: 'Audit-ledger-2026!', name: '王监督' };

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S' } }));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    const agency = await createStaff(t.http, admin, 'agency', (await registerAgency(t.http, admin)).id);
    const team = await registerTeam(t.http);
    const created = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = created.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(team)).send(bidBody()).expect(201);
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  const kindFilter = async (page: Page, kind: string) => {
    await page.getByLabel('类别').selectOption(kind);
    await page.getByRole('button', { name: '筛选', exact: true }).click();
  };

  it('an admin creates an auditor account', async () => {
    const page = await browser.newPage();
    await signIn(page, base, admin.email, admin.password);
    await page.getByRole('link', { name: '监督账号' }).click();
    await page.getByRole('heading', { name: '监督账号', level: 1 }).waitFor();
    await field(page, '姓名').fill(auditor.name);
    await field(page, '邮箱').fill(auditor.email);
    await field(page, '初始密码').fill(auditor.password);
    await page.getByRole('button', { name: '创建监督账号' }).click();
    await page.getByTestId('auditor-created').waitFor();
    await page.getByTestId('auditors').getByText(auditor.email).waitFor();
    await expectAccessible(page, 'auditors');
    const [row] = (await db.query(`SELECT role FROM users WHERE email = $1`, [auditor.email])).rows;
    expect(row.role).toBe('auditor');
  });

  it('the auditor reads the ledger: verified chains, bids sealed until the deadline, then a challenge’s full history', async () => {
    const page = await browser.newPage();
    await signIn(page, base, auditor.email, auditor.password);
    await page.getByRole('link', { name: '审计台账' }).click();
    await page.getByRole('heading', { name: '审计台账', level: 1 }).waitFor();
    expect(await page.getByTestId('verify-status').getAttribute('data-ok')).toBe('true');
    // The reviewer-free ledger still shows non-public entries to an auditor: the challenge's creation.
    await page.locator('[data-action="challenge.created"]').first().waitFor();

    await kindFilter(page, 'bid');
    await page.getByText('没有符合条件的条目。').waitFor();
    await expectAccessible(page, 'audit-ledger-sealed');

    await passDeadline(t.databaseUrl, challengeId);
    await kindFilter(page, 'challenge');
    await page.locator('[data-action="challenge.published"]').first().waitFor();
    await kindFilter(page, 'bid');
    const bidRow = page.locator('[data-action="bid.submitted"]');
    await bidRow.waitFor();
    await screenshot(page, 'audit-ledger');

    await bidRow.getByRole('link').click();
    await page.getByRole('heading', { name: '全部记录', level: 1 }).waitFor();
    await page.getByText('本榜单哈希链完好').waitFor();
    const actions = await page.getByTestId('audit-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['challenge.created', 'challenge.published', 'bid.submitted']));
    await expectAccessible(page, 'audit-challenge');

    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
    await page.getByRole('heading', { name: 'Full history', level: 1 }).waitFor();
    await page.getByText('This challenge’s hash chain is intact').waitFor();
    await page.getByRole('link', { name: 'Back to the ledger' }).click();
    await page.getByRole('heading', { name: 'Audit ledger', level: 1 }).waitFor();
    await page.getByText('Every hash chain is intact').waitFor();
    await expectAccessible(page, 'audit-ledger-en');
  });
});
