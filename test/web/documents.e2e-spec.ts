import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { challengeBody } from '@app/bids/testing/fixtures';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { pdfOf } from '../support/document-files';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, shanghaiInput, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);
const API = '/api/v1';

/**
 * Documents in the browser, against the real api: a published challenge with a notice and a required
 * application (申报书); the team sees the notice and downloads it, is told the application is missing
 * when it sends the bid without it, uploads a PDF in the bid form (drop zone's file input, progress,
 * listed with its size and SHA-256), sends the bid, and sees the file on the receipt with the same hash.
 */
describe('documents (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let agency: Session;
  let team: Session;
  let challengeId: string;
  let page: Page;
  const application = pdfOf(200_000);
  const applicationSha = createHash('sha256').update(application).digest('hex');

  const upload = async (who: Session, file: Buffer, filename: string) =>
    (await t.http.post(`${API}/documents`).set(bearer(who)).attach('file', file, filename).expect(201)).body as { id: string };

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S' } }));
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    team = await registerTeam(t.http);
    const notice = await upload(agency, pdfOf(5_000), '榜单公告.pdf');
    const created = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ requiredBidDocuments: ['application'], documents: [{ documentId: notice.id, role: 'notice' }] }))
      .expect(201);
    challengeId = created.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    browser = await BrowserSession.launch();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the challenge page lists the notice and what bids must include', async () => {
    await signIn(page, base, team.email, team.password);
    await page.goto(`${base}/challenges/${challengeId}`);
    const card = page.getByTestId('challenge-documents');
    await card.getByText('榜单公告.pdf').waitFor();
    expect(await card.textContent()).toContain('揭榜须提交的材料：申报书');
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: '下载 榜单公告.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('榜单公告.pdf');
    await expectAccessible(page, 'documents-challenge');
  });

  it('the bid form refuses to send without the application, then sends it with an uploaded PDF', async () => {
    await page.goto(`${base}/challenges/${challengeId}/bid`);
    await page.getByRole('heading', { name: '填写申报书' }).waitFor();
    await field(page, '项目总投资（元）').fill('20,000,000');
    await field(page, '申请资助（元）').fill('10,000,000');
    await field(page, '方案概述').fill('光电混合计算芯片。');
    await page.getByLabel(/^技术路线：算力/).fill('光电混合架构');
    await page.getByLabel(/^技术路线：能效/).fill('低功耗调制器');
    await field(page, '里程碑 1 名称').fill('样片');
    await field(page, '里程碑 1 完成时间（北京时间）').fill(shanghaiInput(120));
    await field(page, '里程碑 1 交付成果').fill('样片与测试报告');
    await field(page, '里程碑 1 拨付金额（元）').fill('10,000,000');
    await page.getByRole('button', { name: '提交申报' }).click();
    expect(await page.getByTestId('bid-documents-error').textContent()).toBe('缺少必需材料：申报书');

    await page
      .getByTestId('document-input')
      .setInputFiles({ name: '申报书.pdf', mimeType: 'application/pdf', buffer: application });
    const listed = page.getByTestId('bid-documents');
    await listed.getByText('申报书.pdf').waitFor();
    expect(await listed.textContent()).toContain('195.3 KB');
    expect(await listed.getByTestId('doc-hash').getAttribute('title')).toBe(applicationSha);
    await expectAccessible(page, 'documents-bid-form');
    await page.getByRole('button', { name: '提交申报' }).click();

    const receipt = page.getByTestId('receipt-documents');
    await receipt.getByText('申报书.pdf').waitFor();
    expect(await receipt.textContent()).toContain('申报书');
    expect(await receipt.getByTestId('doc-hash').getAttribute('title')).toBe(applicationSha);
    await screenshot(page, 'documents-receipt');

    const bids = await t.http.get(`${API}/challenges/${challengeId}/bids`).set(bearer(team)).expect(200);
    const [bid] = bids.body.items as { documents: { name: string; sha256: string; role: string }[] }[];
    expect(bid.documents).toEqual([expect.objectContaining({ name: '申报书.pdf', sha256: applicationSha, role: 'application' })]);
  });
});
