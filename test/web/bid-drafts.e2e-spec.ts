import { randomUUID } from 'node:crypto';
import { challengeBody } from '@app/bids/testing/fixtures';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(120_000);
const API = '/api/v1';

/**
 * Bid drafts in Chromium: a team saves a half-filled bid, comes back to it (the form filled, who
 * saved it and when, a file that expired named), finds it under its bids, and discards it behind
 * a confirmation; zh and en, axe-clean, no console error.
 */
describe('bid drafts (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let team: Session;
  let challengeId: string;

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S' } }));
    const agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    team = await registerTeam(t.http);
    const c = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ title: '草稿测试榜单' }))
      .expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('saves a half-filled bid, resumes it, lists it and discards it, in zh and en', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    // The one 404 expected: the app asks for the expired file to learn it is gone.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.includes('/api/v1/documents/')) errors.push(m.text());
    });
    await signIn(page, base, team.email, team.password);
    await page.goto(`${base}/challenges/${challengeId}/bid`);
    await field(page, '项目总投资（元）').fill('60000000');
    await field(page, '方案概述').fill('只写了一半的方案');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('草稿已保存').waitFor();

    // Back later: the form is filled from the draft, which says who saved it.
    await page.reload();
    await page.getByText(/已载入 .+ 保存的草稿/).waitFor();
    expect(await field(page, '方案概述').inputValue()).toBe('只写了一半的方案');
    expect(await field(page, '项目总投资（元）').inputValue()).toBe('60000000');
    await screenshot(page, 'bid-draft-01-resumed');
    await expectAccessible(page, 'bid form with a draft');

    // Listed under the team's bids, with the way back.
    await page.goto(`${base}/bids/mine`);
    await page.getByRole('heading', { name: '未提交的草稿' }).waitFor();
    await page.getByText('草稿测试榜单').waitFor();
    await expectAccessible(page, 'my bids with a draft');
    await page.getByRole('link', { name: '继续填写' }).click();
    await page.getByText(/已载入 .+ 保存的草稿/).waitFor();

    // A file of the draft that expired meanwhile is named, not silently lost (written through the API).
    const { draft } = (await t.http.get(`${API}/challenges/${challengeId}/bid-draft`).set(bearer(team)).expect(200)).body;
    const gone = {
      documentId: randomUUID(),
      role: 'application',
      name: '申报书.pdf',
      mediaType: 'application/pdf',
      size: 1,
      sha256: '',
    };
    const content = { ...draft.content, values: { ...draft.content.values, documents: [gone] } };
    await t.http.put(`${API}/challenges/${challengeId}/bid-draft`).set(bearer(team)).send({ content }).expect(200);

    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.reload();
    await page.getByText(/Draft saved by .+ loaded/).waitFor();
    await page.getByText('1 file(s) of the draft expired').waitFor();
    await expectAccessible(page, 'bid form with a draft (en)');

    await page.getByRole('button', { name: 'Discard draft' }).click();
    const dialog = page.getByRole('dialog', { name: 'Discard the draft?' });
    await dialog.getByRole('button', { name: 'Discard draft' }).click();
    await page.getByText('Draft discarded').waitFor();
    expect(await field(page, 'Proposal summary').inputValue()).toBe('');
    expect((await t.http.get(`${API}/challenges/${challengeId}/bid-draft`).set(bearer(team)).expect(200)).body.draft).toBeNull();
    expect(errors).toEqual([]);
  });
});
