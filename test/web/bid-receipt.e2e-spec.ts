import { readFileSync } from 'node:fs';
import { bidBody, challengeBody } from '@app/bids/testing/fixtures';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(120_000);
const API = '/api/v1';

/**
 * The team's bid receipt in Chromium: the hash, the link to the check page and the API route (which
 * answers for it), a download worded in the reader's language that carries the hash and how to
 * verify it but none of the sealed bid, a print view that keeps the receipt alone; the public check
 * page (live, then superseded by a revision; malformed and unknown hashes); axe in zh and en, no
 * console error.
 */
describe('bid receipt (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let team: Session;
  let challengeId: string;
  let hash: string;
  let bidId: string;

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S' } }));
    const agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    team = await registerTeam(t.http);
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    const bid = bidBody();
    (bid.proposal as { text: string }).text = '密封方案-请勿外泄';
    const submitted = await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(team)).send(bid).expect(201);
    hash = submitted.body.receipt.hash;
    bidId = submitted.body.id;
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
    expect(file.verify.check).toContain(`GET ${base}/api/v1/bid-receipts/${hash}`);
    expect(file.verify.page).toContain(`${base}/receipts/${hash}`);
    // Worded in the reader's language (zh here); the keys and values a program reads stay as they are.
    expect(file.language).toBe('zh');
    expect(file.title).toBe('揭榜申报回执');
    expect(file.verify.recompute).toMatch(/[\u4e00-\u9fff]/);
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
    // Downloaded in English, the file's sentences are English.
    const [enDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download receipt' }).click(),
    ]);
    const enFile = JSON.parse(readFileSync(await enDownload.path(), 'utf8'));
    expect(enFile).toMatchObject({ language: 'en', title: 'Jiebang bid receipt' });
    expect(JSON.stringify(enFile)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(errors).toEqual([]);
  });

  it('the receipt links its check page, which anyone can use: live, then superseded by a revision (zh and en)', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, base, team.email, team.password);
    await page.goto(`${base}/challenges/${challengeId}/bid`);
    await page.getByTestId('receipt-verify').getByRole('link', { name: '核验此回执' }).click();
    await page.waitForURL(`${base}/receipts/${hash}`);
    await page.getByRole('heading', { level: 1, name: '核验申报回执' }).waitFor();
    const result = page.getByTestId('receipt-result');
    await result.waitFor();
    expect(await page.getByTestId('receipt-state').innerText()).toContain('该申报仍在参与评选');
    await result.getByRole('link', { name: /./ }).first().waitFor();
    expect(await result.getByRole('link').first().getAttribute('href')).toBe(`/challenges/${challengeId}`);
    await expectAccessible(page, 'receipt check (live)');
    expect(errors).toEqual([]);

    // The team replaces its bid: the old receipt stays valid and says when it was superseded.
    const replaced = await t.http
      .put(`${API}/challenges/${challengeId}/bids/${bidId}`)
      .set(bearer(team))
      .send(bidBody({ requestedFundingFen: 800_000_000 }))
      .expect(200);

    // A visitor, signed out, pastes the old hash (upper case, with spaces around) into the form.
    const visitor = await browser.newPage();
    const visitorErrors: string[] = [];
    visitor.on('console', (m) => m.type() === 'error' && visitorErrors.push(m.text()));
    await visitor.goto(`${base}/receipts`);
    await visitor.getByRole('heading', { level: 1, name: '核验申报回执' }).waitFor();
    await expectAccessible(visitor, 'receipt check (empty)');
    await field(visitor, '回执哈希').fill(`  ${hash.toUpperCase()}  `);
    await visitor.getByRole('button', { name: '核验', exact: true }).click();
    await visitor.waitForURL(`${base}/receipts/${hash}`);
    const state = visitor.getByTestId('receipt-state');
    await state.getByText('有效回执，但已被该申报后来提交的修改版本取代').waitFor();
    await visitor.getByTestId('receipt-replaced-at').waitFor();
    expect(await visitor.getByTestId('receipt-result').innerText()).not.toContain(replaced.body.receipt.hash);
    await screenshot(visitor, 'receipt-check-replaced');
    await expectAccessible(visitor, 'receipt check (replaced)');

    // What is not a hash is said so before asking; a hash no bid carried is worded, not an error page.
    await field(visitor, '回执哈希').fill('abc');
    await visitor.getByRole('button', { name: '核验', exact: true }).click();
    await visitor.getByTestId('receipt-invalid').getByText('当前为 3 个字符').waitFor();
    expect(visitorErrors).toEqual([]);
    await field(visitor, '回执哈希').fill('0'.repeat(64));
    await visitor.getByRole('button', { name: '核验', exact: true }).click();
    await visitor.getByTestId('receipt-not-found').waitFor();
    await expectAccessible(visitor, 'receipt check (not found)');

    await visitor.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await visitor.goto(`${base}/receipts/${hash}`);
    await visitor.getByRole('heading', { level: 1, name: 'Check a bid receipt' }).waitFor();
    await visitor.getByTestId('receipt-state').getByText('superseded by a later revision').waitFor();
    await visitor.getByText('Superseded at (Beijing time)').waitFor();
    await expectAccessible(visitor, 'receipt check (en)');
  });
});
