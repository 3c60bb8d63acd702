import { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { bidBody, challengeBody } from '@app/bids/testing/fixtures';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { BrowserSession, ensureWebBuild, expectAccessible, screenshot, signIn } from './browser';

jest.setTimeout(120_000);
const API = '/api/v1';

/**
 * The team's bid receipt in Chromium: the hash, the check route (which answers for it), a
 * download that carries the hash and how to verify it but none of the sealed bid, a print view
 * that keeps the receipt alone; axe in zh and en, no console error.
 */
describe('bid receipt (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let team: Session;
  let challengeId: string;
  let hash: string;

  beforeAll(async () => {
    if (!process.env.WEB_DIST_DIR) ensureWebBuild();
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    team = await registerTeam(t.http);
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    const bid = bidBody();
    (bid.proposal as { text: string }).text = '密封方案-请勿外泄';
    hash = (await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(team)).send(bid).expect(201)).body.receipt.hash;
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows, downloads and prints the receipt with its check route, in zh and en', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, base, team.email, team.password);
    await page.goto(`${base}/challenges/${challengeId}/bid`);
    expect(await page.getByTestId('receipt-hash').innerText()).toBe(hash);
    const verify = page.getByTestId('receipt-verify');
    expect(await verify.innerText()).toContain(`GET /api/v1/bid-receipts/${hash}`);
    // The route the page names answers for this receipt.
    const checked = await page.evaluate(`fetch('/api/v1/bid-receipts/${hash}').then((r) => r.json())`);
    expect(checked).toMatchObject({ hash, challengeId, state: 'live' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载回执' }).click()]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(file.receipt.hash).toBe(hash);
    expect(file.verify.check).toBe(`GET ${base}/api/v1/bid-receipts/${hash}`);
    expect(JSON.stringify(file)).not.toContain('密封方案');

    // Printed, the receipt stands alone: its buttons and the rest of the page are not on paper.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('receipt-print').isVisible()).toBe(false);
    expect(await page.getByTestId('receipt-hash').isVisible()).toBe(true);
    expect(await page.locator('h1').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '打印回执' }).waitFor();
    await screenshot(page, 'receipt-01');
    await expectAccessible(page, 'bid receipt');

    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
    await page.getByRole('button', { name: 'Print receipt' }).waitFor();
    await page.getByText('How to verify').waitFor();
    await expectAccessible(page, 'bid receipt (en)');
    expect(errors).toEqual([]);
  });
});
