import type { Page } from 'playwright-core';
import { en } from '../../apps/web/src/i18n/en';
import type { MessageKey } from '../../apps/web/src/i18n/zh';
import { passDeadline } from '@app/bids/testing/fixtures';
import {
  bearer,
  createStaff,
  loginAdmin,
  organizationBody,
  randomCreditCode,
  uniqueEmail,
  type Session,
} from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, shanghaiInput, listenForBrowser } from './browser';

jest.setTimeout(180_000);

/** The little of the DOM's Element this file uses (the tests compile without the DOM library). */
interface DomElement {
  cloneNode(deep: boolean): DomElement;
  querySelectorAll(selector: string): { forEach(each: (element: { remove(): void }) => void): void };
  textContent: string | null;
}

/**
 * The agency's, the team's and the reviewer's main flows walked in English (the Chinese walk is
 * web-app and scenario): an agency writes a challenge in the wizard and publishes it; a team
 * registers in the app, bids with the live funding check and gets its receipt; after the deadline
 * a reviewer scores it by the criteria's English names. Labels come from the English
 * dictionary itself, so a missing or Chinese label fails here; every page's chrome (headings,
 * labels, buttons, legends, navigation) must hold no Chinese, and axe must find nothing serious.
 */
describe('main flows in English (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let agency: Session;
  let challengeUrl = '';
  const title = `Superconducting qubit chip ${Date.now().toString(36)}`;
  const team = { email: uniqueEmail('en-team'), password: 'team-password-123' };

  /** The English of a key, with its `{name}` placeholders filled. */
  const tr = (key: MessageKey, vars: Record<string, string | number> = {}) =>
    en[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

  /**
   * No Chinese in what the app itself writes on the page (user content here is English too); text
   * marked as Chinese (`lang="zh-CN"`, the language switch's 中文) is meant to be.
   */
  const expectNoChineseChrome = async (page: Page, where: string) => {
    const chrome = await page.locator('h1, h2, h3, h4, label, button, legend, th[scope="col"], nav a').evaluateAll((els) =>
      els.map((e) => {
        const copy = (e as unknown as DomElement).cloneNode(true);
        copy.querySelectorAll('[lang^="zh"]').forEach((marked) => marked.remove());
        return copy.textContent ?? '';
      }),
    );
    expect({ where, chinese: chrome.filter((text) => /[\u4e00-\u9fff]/.test(text)) }).toEqual({ where, chinese: [] });
  };

  /** Signs in through the English form (the shared signIn helper speaks Chinese). */
  const signInInEnglish = async (page: Page, email: string, password: string) => {
    await page.goto(`${base}/sign-in`);
    await field(page, tr('signIn.email')).fill(email);
    await field(page, tr('signIn.password')).fill(password);
    await page.getByRole('button', { name: tr('signIn.submit'), exact: true }).click();
  };

  const englishPage = async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    return page;
  };

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S' } }));
    agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('an agency writes a challenge in the wizard and publishes it, in English', async () => {
    const page = await englishPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/sign-in`);
    await expectNoChineseChrome(page, 'sign-in');
    await signInInEnglish(page, agency.email, agency.password);
    await page
      .getByRole('link', { name: tr('nav.newChallenge') })
      .first()
      .click();
    await page.getByRole('heading', { name: tr('new.step.basics') }).waitFor();
    await expectNoChineseChrome(page, 'wizard: basics');
    await field(page, tr('new.title.label')).fill(title);
    await field(page, tr('new.summary')).fill('A 100-qubit superconducting chip with two-qubit gate fidelity of at least 99.5%.');
    await field(page, tr('challenge.industry')).selectOption('quantum_information');
    await field(page, tr('challenge.field')).selectOption('key_components');
    await page.getByRole('button', { name: tr('common.next') }).click();

    await page.getByRole('heading', { name: tr('new.step.objectives') }).waitFor();
    await field(page, `${tr('challenge.metric')} 1`).fill('Qubits');
    await field(page, tr('challenge.target')).fill('100');
    await field(page, tr('challenge.unit')).fill('qubits');
    await page.getByRole('button', { name: tr('common.next') }).click();

    await page.getByRole('heading', { name: tr('new.step.timeline') }).waitFor();
    await field(page, tr('new.bidDeadline')).fill(shanghaiInput(30));
    await field(page, tr('new.projectEndsAt')).fill(shanghaiInput(3 * 365));
    await page.getByRole('button', { name: tr('common.next') }).click();

    await page.getByRole('heading', { name: tr('new.step.money') }).waitFor();
    await field(page, tr('new.budget')).fill('60,000,000');
    await expectNoChineseChrome(page, 'wizard: money');
    await page.getByRole('button', { name: tr('common.next') }).click();

    await page.getByRole('heading', { name: tr('new.step.review') }).waitFor();
    await expectAccessible(page, 'wizard review (en)');
    await expectNoChineseChrome(page, 'wizard: review');
    await page.getByRole('button', { name: tr('new.create') }).click();
    await page.waitForURL(/\/challenges\/[0-9a-f-]{36}/);
    challengeUrl = page.url().split('?')[0];
    await page.getByText(tr('challenge.draftNotice')).waitFor();
    await page.getByRole('button', { name: tr('challenge.publish') }).click();
    await page.getByTestId('confirm-ok').click();
    await page.getByText(tr('challenge.countdown')).waitFor();
    await expectAccessible(page, 'published challenge (en)');
    await expectNoChineseChrome(page, 'challenge page');
    await screenshot(page, 'en-01-published');
    expect(errors).toEqual([]);
  });

  it('a team registers in the app and bids with the live funding check, in English; the receipt follows', async () => {
    const page = await englishPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const org = organizationBody({ name: 'Shenzhen Photonic Instruments Co., Ltd.', creditCode: randomCreditCode() });
    await page.goto(`${base}/register`);
    await expectNoChineseChrome(page, 'registration');
    await field(page, tr('register.name')).fill(org.name);
    await field(page, tr('register.kind')).selectOption('enterprise');
    await field(page, tr('register.creditCode')).fill(org.creditCode as string);
    await field(page, tr('register.displayName')).fill('Wang Fang');
    await field(page, tr('register.email')).fill(team.email);
    await field(page, tr('register.password')).fill(team.password);
    await page.getByRole('button', { name: tr('register.submit') }).click();
    // Registering signs the new user in.
    await page.getByText(tr('register.done')).waitFor();
    await page
      .getByText(tr('nav.signedInAs', { name: 'Wang Fang' }))
      .first()
      .waitFor();

    await page.goto(challengeUrl);
    await page.getByRole('link', { name: tr('bid.cta') }).click();
    await page.getByRole('heading', { name: tr('bid.formTitle') }).waitFor();
    await field(page, tr('bid.totalInvestment')).fill('60,000,000');
    await field(page, tr('bid.requested')).fill('30,000,000');
    await page.getByTestId('bid-fits').waitFor();
    await field(page, tr('bid.text')).fill('Flip-chip integration of 100 qubits; tunable couplers against crosstalk.');
    await field(page, tr('bid.approach', { metric: 'Qubits', target: '100 qubits' })).fill('Two tape-outs: 50, then 100.');
    await field(page, tr('bid.milestone.titleN', { n: 1 })).fill('100-qubit chip');
    await field(page, tr('bid.milestone.dueAtN', { n: 1 })).fill(shanghaiInput(700));
    await field(page, tr('bid.milestone.deliverableN', { n: 1 })).fill('Chip and test report');
    await field(page, tr('bid.milestone.trancheN', { n: 1 })).fill('30,000,000');
    await expectNoChineseChrome(page, 'bid form');
    await expectAccessible(page, 'bid form (en)');
    await page.getByRole('button', { name: tr('bid.submit') }).click();
    await page.getByTestId('bid-receipt').waitFor();
    expect(await page.getByTestId('receipt-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await expectNoChineseChrome(page, 'receipt');
    await expectAccessible(page, 'bid receipt (en)');
    await screenshot(page, 'en-02-receipt');
    expect(errors).toEqual([]);
  });

  it('after the deadline a reviewer scores the bid by named criteria, in English', async () => {
    const reviewer = await createStaff(t.http, await loginAdmin(t.http), 'reviewer');
    const challengeId = challengeUrl.split('/').pop() as string;
    await t.http
      .post(`/api/v1/challenges/${challengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId] })
      .expect(200);
    await passDeadline(t.databaseUrl, challengeId);
    const page = await englishPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signInInEnglish(page, reviewer.email, reviewer.password);
    await page
      .getByRole('link', { name: tr('nav.review') })
      .first()
      .click();
    await page.getByRole('link', { name: title }).click();
    await page.getByRole('button', { name: new RegExp(tr('review.bidN', { n: 1 })) }).click();
    await field(page, tr('review.criterion', { name: 'Technical approach', weight: 60 })).fill('85');
    await field(page, tr('review.criterion', { name: 'Team capability', weight: 20 })).fill('70');
    await field(page, tr('review.criterion', { name: 'Implementation plan', weight: 20 })).fill('90');
    await page.getByRole('button', { name: tr('review.submitScore') }).click();
    await page.getByText(tr('review.saved')).waitFor();
    await expectNoChineseChrome(page, 'review');
    await expectAccessible(page, 'review (en)');
    await screenshot(page, 'en-03-review');
    expect(errors).toEqual([]);
  });
});
