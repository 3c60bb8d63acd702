import { bidBody, challengeBody } from '@app/bids/testing/fixtures';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);
const API = '/api/v1';

/**
 * Consortium consent in Chromium against the real api: the member organisation's team user finds
 * the request on 联合体邀请, declines it with a reason after a confirmation, then accepts; the
 * lead's bid page shows each member's state, the reason and the warning. zh and en, axe clean.
 */
describe('consortium consent (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let lead: Session & { creditCode: string };
  let member: Session & { creditCode: string };
  let challengeId: string;

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S' } }));
    const agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    lead = await registerTeam(t.http, { name: '深圳联合体牵头科技有限公司' });
    member = await registerTeam(t.http, { name: '深圳联合体成员科技有限公司' });
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    const consortium = [
      { creditCode: lead.creditCode, role: 'lead', sharePercent: 70 },
      { creditCode: member.creditCode, role: 'member', sharePercent: 30 },
    ];
    await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(lead)).send(bidBody({ consortium })).expect(201);
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the member declines with a reason, after a confirmation; the lead sees it with the warning', async () => {
    const page = await browser.newPage();
    await signIn(page, base, member.email, member.password);
    await page.goto(`${base}/consents`);
    const card = page.getByTestId('consent-request');
    await card.getByRole('link', { name: challengeBody().title as string }).waitFor();
    await card.getByText('深圳联合体牵头科技有限公司').waitFor();
    await card.getByText('30%').waitFor();
    expect(await card.getByTestId('consent-state').getAttribute('data-state')).toBe('pending');
    await expectAccessible(page, 'consent requests (zh)');

    await field(card, '拒绝理由（选填，牵头单位可见）').fill('份额需再议');
    await card.getByRole('button', { name: '拒绝' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('牵头单位 深圳联合体牵头科技有限公司 将看到拒绝（及理由）', { exact: false }).waitFor();
    await expectAccessible(page, 'decline confirmation (zh)');
    await dialog.getByRole('button', { name: '拒绝' }).click();
    await card.locator('[data-state="declined"]').waitFor();
    await screenshot(page, 'consent-declined-zh');

    const leadPage = await browser.newPage();
    await signIn(leadPage, base, lead.email, lead.password);
    await leadPage.goto(`${base}/challenges/${challengeId}/bid`);
    const members = leadPage.getByTestId('member-consents');
    await members.getByText('只有全部成员在申报截止前同意，本申报才会开标', { exact: false }).waitFor();
    await members.getByText('理由：份额需再议').waitFor();
    expect(await members.getByTestId('consent-state').getAttribute('data-state')).toBe('declined');
    await expectAccessible(leadPage, 'lead bid page with member consent (zh)');
    await screenshot(leadPage, 'consent-lead-zh');
  });

  it('in English the member accepts; the lead sees every member accepted', async () => {
    const page = await browser.newPage();
    await signIn(page, base, member.email, member.password);
    await page.goto(`${base}/consents`);
    await page.getByText('EN', { exact: true }).click();
    const card = page.getByTestId('consent-request');
    await page.getByRole('heading', { name: 'Consortium consent' }).waitFor();
    await expectAccessible(page, 'consent requests (en)');
    await card.getByRole('button', { name: 'Accept' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('with a 30% share', { exact: false }).waitFor();
    await expectAccessible(page, 'accept confirmation (en)');
    await dialog.getByRole('button', { name: 'Accept' }).click();
    await card.locator('[data-state="accepted"]').waitFor();

    const leadPage = await browser.newPage();
    await signIn(leadPage, base, lead.email, lead.password);
    await leadPage.goto(`${base}/challenges/${challengeId}/bid`);
    await leadPage.getByText('EN', { exact: true }).click();
    const members = leadPage.getByTestId('member-consents');
    await members.getByText('Every member has accepted.').waitFor();
    expect(await members.getByTestId('consent-state').getAttribute('data-state')).toBe('accepted');
    await expectAccessible(leadPage, 'lead bid page with member consent (en)');
  });
});
