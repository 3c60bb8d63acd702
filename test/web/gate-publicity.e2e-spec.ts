import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { pdfOf } from '../support/document-files';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { raceAtFirstGate } from '../support/horse-race';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn as signInAt, listenForBrowser } from './browser';

jest.setTimeout(120_000);
const API = '/api/v1';

/**
 * A horse race's gate in publicity, in Chromium against the real api: three projects (team i leads
 * p[i]), gate 1 run through the api with p0 and p1 advancing (both slots taken). The stopped team
 * reads the notice on its project page and objects with a document; the agency upholds it on the
 * gates, naming p1 to stop instead, after a confirmation that says so; the gate stays in publicity
 * (a new period for p1), and p1's team now sees the notice. Axe-scanned in Chinese and English.
 */
describe('gate publicity and objections (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let db: Client;
  let agency: Session;
  let teams: Session[];
  let challengeId: string;
  let p: string[];
  let orgNames: string[];
  let teamPage: Page;
  let agencyPage: Page;

  /** The race of test/gate-publicity.e2e-spec.ts at its first gate, and the names its organisations go by. */
  async function race(): Promise<void> {
    ({ challengeId, p } = await raceAtFirstGate({ http: t.http, db, agency, teams }));
    const projects = (await t.http.get(`${API}/projects`).query({ challengeId }).set(bearer(agency)).expect(200)).body.items;
    orgNames = p.map((id) => projects.find((x: { id: string }) => x.id === id).organizationName);
  }

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S', PUBLICITY_PERIOD: 'P5D' } }));
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    teams = [];
    for (let i = 0; i < 3; i++) teams.push(await registerTeam(t.http));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await race();
    await t.http
      .post(`${API}/challenges/${challengeId}/stages/1/gate`)
      .set(bearer(agency))
      .send({ advancing: [p[0], p[1]] })
      .expect(200);
    browser = await BrowserSession.launch();
    teamPage = await browser.newPage();
    agencyPage = await browser.newPage();
    await signInAt(teamPage, base, teams[2].email, teams[2].password);
    await signInAt(agencyPage, base, agency.email, agency.password);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  it('the stopped team is told until when it may object, and objects with a document', async () => {
    const page = teamPage;
    await page.goto(`${base}/projects/${p[2]}`);
    const notice = page.getByTestId('gate-notice');
    await notice.getByRole('heading', { name: '本项目将止步于第 1 阶段' }).waitFor();
    await notice.getByText(/如有异议，可在此时间前提出：\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    // No English in the Chinese notice (the upload zone below names file formats: PDF, OFD…).
    expect((await notice.textContent())?.split('异议理由')[0]).not.toMatch(/[A-Za-z]{2,}/);
    await expectAccessible(page, 'gate notice (zh)');
    await page.getByRole('button', { name: '提交异议' }).click();
    await notice.getByText('请填写异议理由').waitFor();
    await field(notice, '异议理由').fill('第一阶段里程碑评定有误：样片测试报告已按期提交。');
    await notice
      .getByTestId('document-input')
      .setInputFiles({ name: '测试报告.pdf', mimeType: 'application/pdf', buffer: pdfOf(20_000) });
    await notice.getByText('测试报告.pdf').waitFor();
    await page.getByRole('button', { name: '提交异议' }).click();
    const mine = page.getByTestId('my-gate-objection');
    await mine.getByTestId('gate-objection-status').filter({ hasText: '待处理' }).waitFor();
    await mine.getByText('异议已提交，等待主管部门处理。').waitFor();
    expect(await page.getByRole('button', { name: '提交异议' }).count()).toBe(0);
    await expectAccessible(page, 'gate objection lodged (zh)');
    await screenshot(page, 'gate-01-team-objected');
  });

  it('the agency upholds it, names who stops instead, and is told exactly that before it happens', async () => {
    const page = agencyPage;
    await page.goto(`${base}/agency/challenges/${challengeId}/awards`);
    const card = page.getByTestId(`gate-objection-${p[2]}`);
    await card.getByText('第一阶段里程碑评定有误：样片测试报告已按期提交。').waitFor();
    await card.getByText('测试报告.pdf').waitFor();
    await page.getByTestId('gate-phase-1').filter({ hasText: '公示中，至' }).waitFor();
    await card.getByLabel('支持异议').check();
    await card.getByRole('button', { name: '提交处理' }).click();
    await card.getByText('请选择改为止步的项目').waitFor();
    await card.getByText('请填写处理意见').waitFor();
    await expectAccessible(page, 'gate objection form (zh)');
    await field(card, '改为止步的项目').selectOption({ label: orgNames[1] });
    await field(card, '处理意见').fill('复核后异议成立。');
    await card.getByRole('button', { name: '提交处理' }).click();
    const body = page.getByTestId('gate-confirm-body');
    await body.waitFor();
    const said = await body.textContent();
    expect(said).toContain(`${orgNames[2]} 改为通过第 1 阶段关口；${orgNames[1]} 改为止步`);
    expect(said).toContain('公示期从现在起重新计算');
    await expectAccessible(page, 'gate resolution confirm (zh)');
    await page.getByTestId('confirm-ok').click();
    await card.getByTestId('gate-objection-status').filter({ hasText: '异议成立' }).waitFor();
    await card.getByText('主管部门答复：复核后异议成立。').waitFor();
    // Still in publicity (a new period for the project now stopped); the table says who advances.
    await page.getByTestId('gate-phase-1').filter({ hasText: '公示中，至' }).waitFor();
    const result = page.getByTestId('gate-result-1');
    await result
      .getByRole('row', { name: new RegExp(orgNames[2]) })
      .getByText('晋级')
      .waitFor();
    await result
      .getByRole('row', { name: new RegExp(orgNames[1]) })
      .getByText('淘汰')
      .waitFor();
    const gate = (await t.http.get(`${API}/challenges/${challengeId}/stages/1/gate`).expect(200)).body;
    expect(gate).toMatchObject({ phase: 'in_publicity', advancing: [p[0], p[2]], eliminated: [p[1]] });
    await expectAccessible(page, 'gate objection upheld (zh)');
    await screenshot(page, 'gate-02-agency-upheld');
  });

  it('in English: the agency’s list, the objector’s answer and the newly stopped team’s notice', async () => {
    for (const page of [agencyPage, teamPage]) await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await agencyPage.reload();
    await agencyPage.getByRole('heading', { name: 'Objections to the gate of stage 1' }).waitFor();
    await agencyPage.getByTestId(`gate-objection-${p[2]}`).getByText('Upheld', { exact: true }).waitFor();
    await expectAccessible(agencyPage, 'gate objections (en)');

    await teamPage.reload();
    const mine = teamPage.getByTestId('my-gate-objection');
    await mine.getByText('Upheld: the project advances.').waitFor();
    await mine.getByText('The agency’s answer: 复核后异议成立。').waitFor();
    await expectAccessible(teamPage, 'gate objection answered (en)');

    // The project stopped instead: its team (signed in in Chinese, then reading English) may object now.
    const other = await browser.newPage();
    await signInAt(other, base, teams[1].email, teams[1].password);
    await other.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await other.goto(`${base}/projects/${p[1]}`);
    await other.getByRole('heading', { name: 'This project is to be stopped at stage 1' }).waitFor();
    await other.getByRole('button', { name: 'Lodge the objection' }).waitFor();
    await expectAccessible(other, 'gate notice (en)');
    await screenshot(other, 'gate-03-newly-stopped-en');
  });
});
