import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { createStaff, loginAdmin, randomCreditCode, uniqueEmail, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import {
  BrowserSession,
  expectAccessible,
  expectNoHorizontalScroll,
  field,
  screenshot,
  shanghaiInput,
  signIn as signInAt,
  listenForBrowser,
} from './browser';

jest.setTimeout(180_000);

/**
 * The web app in Debian's Chromium against the real api (its production build served by the api
 * itself, as in production): a team registers and signs in, an agency creates and publishes a
 * horse race, the public finds it, a question is asked and answered, the funding calculator shows
 * the cap binding, a team bids (live funding check, tranches that add up, receipt, replace), an
 * agency assigns a reviewer who scores after the deadline, the panel closes and a bid is shortlisted;
 * every main page passes an axe scan (no serious or critical violation) under the
 * api's CSP, and the list works at phone width.
 */
describe('web app (browser)', () => {
  let t: TestApp;
  let base: string;
  let session: BrowserSession;
  let agency: Session;
  const token = `E2E${Date.now().toString(36).toUpperCase()}`;
  const title = `超导量子芯片攻关 ${token}`;
  const team = { email: uniqueEmail('web-team'), password: 'team-password-123', name: '王芳' };
  const creditCode = randomCreditCode();
  let challengeUrl = '';

  const newPage = (viewport?: { width: number; height: number }) => session.newPage(viewport);
  const signIn = (page: Page, email: string, password: string) => signInAt(page, base, email, password);

  let teamPage: Page;
  let agencyPage: Page;

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    session = await BrowserSession.launch();
  });

  afterAll(async () => {
    await session?.close();
    await t?.close();
  });

  it('is served at / with deep links, while API paths keep their problem+json 404', async () => {
    const home = await t.http.get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(home.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    const deep = await t.http.get('/challenges/00000000-0000-4000-8000-000000000000').expect(200);
    expect(deep.text).toBe(home.text);
    // The web app's own /admin pages reload as pages; the queue dashboard stays the server's.
    expect((await t.http.get('/admin/auditors').expect(200)).text).toBe(home.text);
    const dashboard = await t.http.get('/admin/queues').expect(401);
    expect(dashboard.headers['content-type']).toMatch(/application\/problem\+json/);
    const api = await t.http.get('/api/v1/no-such-route').expect(404);
    expect(api.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http.get('/assets/no-such-file.js').expect(404);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)?.[1] as string;
    const js = await t.http.get(asset).expect(200);
    expect(js.headers['cache-control']).toMatch(/immutable/);
  });

  it('a team registers (credit code checked as it is typed) and signs in', async () => {
    teamPage = await newPage();
    const page = teamPage;
    await page.goto(`${base}/register`);
    await field(page, '单位名称').fill('深圳光量子测量仪器有限公司');
    await field(page, '单位类型').selectOption('enterprise');
    const code = field(page, '统一社会信用代码');
    await code.pressSequentially('91O');
    await page.getByText(/第3位字符.*不使用字母/).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await code.fill(creditCode);
    await page.getByText('校验通过：工商 · 企业').waitFor();
    await field(page, '姓名').fill(team.name);
    await field(page, '电子邮箱').fill(team.email);
    await field(page, '密码').fill('short');
    await page.getByRole('button', { name: '注册' }).click();
    await page.locator('[id$="-error"]', { hasText: '至少 12 个字符' }).waitFor();
    await expectAccessible(page, 'register (with errors)');
    await screenshot(page, '01-register-errors');
    await field(page, '密码').fill(team.password);
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByText(`已登录：${team.name}`).first().waitFor();

    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('link', { name: '登录' }).first().waitFor();
    await page.goto(`${base}/sign-in`);
    await field(page, '电子邮箱').fill(team.email);
    await field(page, '密码').fill('wrong-password-123');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('邮箱或密码不正确').waitFor();
    await expectAccessible(page, 'sign-in');
    await signIn(page, team.email, team.password);
    await screenshot(page, '02-team-signed-in');
  });

  it('an agency creates a horse race step by step (the rules shown on the fields) and publishes it', async () => {
    agencyPage = await newPage();
    const page = agencyPage;
    await signIn(page, agency.email, agency.password);
    await page.waitForURL(/\/agency\/challenges$/);
    await page.getByRole('link', { name: '新建榜单' }).first().click();
    await page.getByRole('heading', { name: '基本信息' }).waitFor();

    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请先修正标出的错误').waitFor();
    await expectAccessible(page, 'new challenge (with errors)');
    await field(page, '榜单名称').fill(title);
    await field(page, '需求简介').fill('研制可扩展的超导量子计算芯片，比特数不少于 100，平均两比特门保真度不低于 99.5%。');
    await field(page, '产业').selectOption('quantum_information');
    await field(page, '领域').selectOption('key_components');
    await field(page, '承载区域（选填）').selectOption('hetao_sz_hk');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { name: '指标与条件' }).waitFor();
    await field(page, '指标 1').fill('量子比特数');
    await field(page, '目标值').fill('100');
    await field(page, '单位').fill('qubits');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { name: '时间安排' }).waitFor();
    await field(page, '揭榜截止时间（北京时间）').fill(shanghaiInput(30));
    await field(page, '项目结束时间（北京时间）').fill(shanghaiInput(3 * 365));
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { name: '机制与经费' }).waitFor();
    await page.getByText('赛马制', { exact: true }).click();
    await field(page, '总预算（元）').fill('90,000,000');
    await field(page, '单项最高资助（元，选填）').fill('30,000,000.01');
    await field(page, '阶段名称 1').fill('中期考核');
    await field(page, '阶段关口时间（北京时间）').fill(shanghaiInput(400));
    await field(page, '晋级团队数').fill('3');
    await page.getByRole('button', { name: '下一步' }).click();
    // Beside the field (exactly), and in the error summary as a link to it.
    await page.getByText('必须少于并行名额', { exact: true }).waitFor();
    await page.getByText('不能超过 ¥30,000,000.00（art4.core_tech 的上限）', { exact: true }).waitFor();
    await page.getByTestId('error-summary').getByRole('link', { name: '晋级团队数：必须少于并行名额' }).waitFor();
    await screenshot(page, '03-new-challenge-rules');
    await field(page, '单项最高资助（元，选填）').fill('30,000,000');
    await field(page, '晋级团队数').fill('2');
    await page.getByRole('button', { name: '下一步' }).click();

    await page.getByRole('heading', { name: '确认' }).waitFor();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/challenges\/[0-9a-f-]{36}/);
    challengeUrl = page.url().split('?')[0];
    await page.getByText('这是草稿，仅您可见。').waitFor();
    await page.getByRole('button', { name: '发布榜单' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await page.getByText('距截止还有').waitFor();
    await page.getByText('征集中').first().waitFor();
    await screenshot(page, '04-published');
  });

  it('the public finds it in the list and by search, and reads it (timeline, countdown)', async () => {
    const page = await newPage();
    await page.goto(base);
    await page.getByRole('link', { name: title }).waitFor();
    await expectAccessible(page, 'challenge list');
    await screenshot(page, '05-list');

    await field(page, '搜索').fill('没有这个榜单');
    await page.getByText('没有符合条件的榜单').waitFor();
    await field(page, '搜索').fill(token);
    await page.waitForURL(new RegExp(`q=${token}`));
    await page.getByRole('link', { name: title }).waitFor();
    expect(await page.getByRole('article').count()).toBe(1);
    await field(page, '机制').selectOption('open_call');
    await page.getByText('没有符合条件的榜单').waitFor();
    await field(page, '机制').selectOption('horse_race');
    await page.getByRole('link', { name: title }).click();

    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText('阶段：中期考核').waitFor();
    await page.getByText('¥90,000,000.00').waitFor();
    await page.getByText(/\d+ 天 \d+ 小时 \d+ 分 \d+ 秒/).waitFor();
    await expectAccessible(page, 'challenge page');
    await screenshot(page, '06-challenge');

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByText(/\d+ d \d+ h \d+ min \d+ s/).waitFor();
  });

  it('a signed-out visitor’s 揭榜申报 leads to sign-in or registration, and back to the bid form after either', async () => {
    const bidUrl = `${new URL(challengeUrl).pathname}/bid`;
    // Signing in: back to the bid form, not the home page.
    const visitor = await newPage();
    await visitor.goto(challengeUrl);
    await visitor.getByText('登录或注册揭榜方账号后即可申报，完成后自动回到申报页面。').waitFor();
    await expectAccessible(visitor, 'challenge page (signed out, bid button)');
    await visitor.getByRole('link', { name: '揭榜申报' }).click();
    await visitor.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === bidUrl);
    await field(visitor, '电子邮箱').fill(team.email);
    await field(visitor, '密码').fill(team.password);
    await visitor.getByRole('button', { name: '登录', exact: true }).click();
    await visitor.waitForURL((url) => url.pathname === bidUrl);
    await visitor.getByRole('heading', { name: '填写申报书' }).waitFor();

    // Registering a new organisation (which signs its admin in): back to the bid form too.
    const newcomer = await newPage();
    await newcomer.goto(challengeUrl);
    await newcomer.getByRole('link', { name: '揭榜申报' }).click();
    await newcomer.getByRole('link', { name: '还没有账号？注册申报单位' }).click();
    await newcomer.waitForURL((url) => url.pathname === '/register' && url.searchParams.get('next') === bidUrl);
    await field(newcomer, '单位名称').fill('深圳新来者科技有限公司');
    await field(newcomer, '单位类型').selectOption('enterprise');
    await field(newcomer, '统一社会信用代码').fill(randomCreditCode());
    await field(newcomer, '姓名').fill('赵敏');
    await field(newcomer, '电子邮箱').fill(uniqueEmail('web-newcomer'));
    await field(newcomer, '密码').fill('newcomer-password-123');
    await newcomer.getByRole('button', { name: '注册' }).click();
    await newcomer.waitForURL((url) => url.pathname === bidUrl);
    await newcomer.getByRole('heading', { name: '填写申报书' }).waitFor();

    // A next that leaves the site is not followed.
    const tricked = await newPage();
    await tricked.goto(`${base}/sign-in?next=${encodeURIComponent('//evil.example/steal')}`);
    await field(tricked, '电子邮箱').fill(team.email);
    await field(tricked, '密码').fill(team.password);
    await tricked.getByRole('button', { name: '登录', exact: true }).click();
    await tricked
      .getByText(/已登录：/)
      .first()
      .waitFor();
    expect(new URL(tricked.url()).origin).toBe(base);
    expect(new URL(tricked.url()).pathname).toBe('/');
    // Closed, so no bid form stays open beside the team's own page (it keeps a draft of its own).
    await Promise.all([visitor.close(), newcomer.close(), tricked.close()]);
  });

  it('a team asks a question, the agency answers it, the public reads the answer', async () => {
    await teamPage.goto(challengeUrl);
    await field(teamPage, '您的问题').fill('联合体成员是否可以包括香港高校？');
    await teamPage.getByRole('button', { name: '提问' }).click();
    await teamPage.getByText('问题已提交，答复后将公开。').waitFor();

    await agencyPage.goto(challengeUrl);
    await agencyPage.getByText('联合体成员是否可以包括香港高校？').waitFor();
    await field(agencyPage, '答复').fill('可以，牵头单位须为深圳注册单位。');
    await agencyPage.getByRole('button', { name: '发布答复' }).click();
    await agencyPage.getByText('可以，牵头单位须为深圳注册单位。').waitFor();

    const page = await newPage();
    await page.goto(challengeUrl);
    await page.getByText('可以，牵头单位须为深圳注册单位。').waitFor();
  });

  it('a team bids (live funding check, tranches that add up) and sees its receipt; the bid form passes axe', async () => {
    const page = teamPage;
    await page.goto(challengeUrl);
    await page.getByRole('link', { name: '揭榜申报' }).click();
    await page.getByRole('heading', { name: '填写申报书' }).waitFor();
    await page.getByText('填写项目总投资后，即可看到最多可申请的金额及原因。').waitFor();

    await field(page, '项目总投资（元）').fill('100,000,000');
    await field(page, '申请资助（元）').fill('40,000,000');
    await page.getByTestId('bid-allowed').waitFor();
    expect(await page.getByTestId('bid-allowed').textContent()).toBe('¥30,000,000.00');
    expect(await page.getByTestId('bid-explanation').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await page.getByTestId('bid-violations').waitFor();
    await field(page, '申请资助（元）').fill('30,000,000');
    await page.getByTestId('bid-fits').waitFor();

    await field(page, '方案概述').fill('倒装焊集成 100 比特超导量子芯片，可调耦合器抑制串扰。');
    await field(page, '技术路线：量子比特数（目标 100 qubits）').fill('两轮流片：50 比特验证，100 比特交付。');
    await field(page, '里程碑 1 名称').fill('50 比特流片');
    await field(page, '里程碑 1 完成时间（北京时间）').fill(shanghaiInput(200));
    await field(page, '里程碑 1 交付成果').fill('50 比特样片及测试报告');
    await field(page, '里程碑 1 拨付金额（元）').fill('10,000,000.01');
    await page.getByRole('button', { name: '添加里程碑' }).click();
    await field(page, '里程碑 2 名称').fill('100 比特交付');
    await field(page, '里程碑 2 完成时间（北京时间）').fill(shanghaiInput(700));
    await field(page, '里程碑 2 交付成果').fill('100 比特芯片，两比特门保真度 ≥ 99.5%');
    await field(page, '里程碑 2 拨付金额（元）').fill('19,999,999.98');
    await page.getByTestId('tranche-tally').getByText('还差 ¥0.01').waitFor();
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByTestId('milestones-error').getByText('各笔拨付之和比申请资助少 ¥0.01').waitFor();
    await expectAccessible(page, 'bid form (with errors)');
    await screenshot(page, '10-bid-form');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, '10-bid-form-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await field(page, '里程碑 2 拨付金额（元）').fill('19,999,999.99');
    await page.getByTestId('tranche-tally').getByText('与申请资助一致').waitFor();
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByTestId('bid-receipt').waitFor();
    const hash = await page.getByTestId('receipt-hash').textContent();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('receipt-time').textContent()).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);
    await expectAccessible(page, 'bid receipt');
    await screenshot(page, '11-bid-receipt');

    await page.getByRole('button', { name: '修改申报' }).click();
    await page.getByRole('heading', { name: '修改申报（将生成新的回执）' }).waitFor();
    await field(page, '方案概述').fill('倒装焊集成 100 比特超导量子芯片；可调耦合器抑制串扰，第二版。');
    await page.getByRole('button', { name: '修改申报' }).click();
    await page.getByTestId('bid-receipt').waitFor();
    const replaced = await page.getByTestId('receipt-hash').textContent();
    expect(replaced).toMatch(/^[0-9a-f]{64}$/);
    expect(replaced).not.toBe(hash);

    await page.getByRole('link', { name: '我的揭榜' }).first().click();
    await page.getByText(`SHA-256 ${replaced}`).waitFor();
  });

  it('an agency assigns a reviewer; after the deadline the reviewer scores per criterion; the agency closes the panel and shortlists', async () => {
    const reviewer = await createStaff(t.http, await loginAdmin(t.http), 'reviewer');
    const reviewerName = 'reviewer user'; // createStaff's display name
    const page = agencyPage;
    await page.goto(challengeUrl);
    await page.getByRole('link', { name: '评审组' }).first().click();
    await page.getByRole('heading', { name: '评审组', level: 1 }).waitFor();
    await page.getByText('尚未指派评审专家').waitFor();
    await field(page, '评审项 1 权重（%）').fill('50');
    await page.getByRole('button', { name: '保存评分标准' }).click();
    await page.getByText('权重合计为 90%，须为 100%').waitFor();
    await field(page, '评审项 1 权重（%）').fill('60');
    // Reviewers are picked by name from the staff directory; no id is typed or shown.
    await page.getByRole('button', { name: /^指派/ }).click();
    await page.getByText('请至少选择一位评审专家').first().waitFor();
    await page.getByRole('checkbox', { name: reviewerName }).check();
    await page.getByRole('button', { name: /^指派/ }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await page.getByTestId('reviewers').getByText(reviewerName).waitFor();
    expect(await page.getByTestId('reviewers').textContent()).not.toContain(reviewer.userId);
    await expectAccessible(page, 'review panel (sealed)');

    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const id = challengeUrl.split('/').pop();
    await db.query(
      `UPDATE challenges SET bid_deadline = now() - interval '1 second', status = 'closed', closed_at = now() WHERE id = $1`,
      [id],
    );
    await db.end();

    const rp = await newPage();
    await signIn(rp, reviewer.email, reviewer.password);
    await rp.getByRole('link', { name: '评审任务' }).first().click();
    await rp.getByRole('link', { name: title }).click();
    await rp.getByRole('button', { name: /申报 1/ }).click();
    await field(rp, '技术方案（权重 60%）').fill('100.5');
    await field(rp, '团队能力（权重 20%）').fill('70');
    await field(rp, '实施计划（权重 20%）').fill('90');
    await rp.getByRole('button', { name: '提交评分' }).click();
    await rp.getByText('请输入 0–100 的分数，最多两位小数').waitFor();
    await field(rp, '技术方案（权重 60%）').fill('80');
    await rp.getByText('加权得分：80.00').waitFor();
    await rp.getByRole('button', { name: '提交评分' }).click();
    await rp.getByText('评分已保存').waitFor();
    await expectAccessible(rp, 'review (scored)');
    await screenshot(rp, '12-review');

    await page.reload();
    await page.getByTestId('ranking').waitFor();
    // The ranking names the bid as the reviewer's list does (申报 1) and by its organisation, never by a hash prefix.
    await page.getByTestId('ranking-bid-1').getByText('申报 1').waitFor();
    await page.getByTestId('ranking-bid-1').getByText('深圳光量子测量仪器有限公司').waitFor();
    // Closing the panel and shortlisting each ask first, saying what happens (and which bids).
    await page.getByRole('button', { name: '关闭评审组' }).click();
    await page
      .getByRole('dialog', { name: '确认关闭评审组？' })
      .getByText(/评审组不能重新打开/)
      .waitFor();
    await page.getByTestId('confirm-ok').click();
    await page.getByText('评审组已关闭，可选择合格申报入围。').waitFor();
    await page.getByRole('checkbox', { name: '选择第 1 名' }).check();
    await page.getByRole('button', { name: '入围所选（1）' }).click();
    const shortlisting = page.getByRole('dialog', { name: '确认入围 1 份申报？' });
    await shortlisting.getByText(/入围：申报 1（深圳光量子测量仪器有限公司，申请资助 ¥/).waitFor();
    await expectAccessible(page, 'review panel (shortlist confirmation)');
    await page.getByTestId('confirm-ok').click();
    await page.getByText('已入围 1 项').waitFor();
    await expectAccessible(page, 'review panel (ranking)');
    await screenshot(page, '13-ranking-shortlist');
  });

  it('the funding calculator shows the cap binding, explained in both languages', async () => {
    const page = await newPage();
    await page.goto(`${base}/funding-rules`);
    await field(page, '资助规则').waitFor();
    await field(page, '资助规则').selectOption('art4.core_tech');
    await page.getByLabel(/^基数（元）/).fill('1.5');
    await page.getByLabel(/^基数（元）/).fill('100,000,000');
    await field(page, '申请金额（元，选填）').fill('40,000,000');
    await page.getByRole('button', { name: '计算' }).click();
    await page.getByTestId('quote-result').waitFor();
    expect(await page.getByTestId('allowed').textContent()).toBe('¥30,000,000.00');
    expect(await page.getByTestId('binding').getAttribute('data-binding')).toBe('cap');
    expect(await page.getByTestId('explanation').textContent()).toMatch(/[\u4e00-\u9fff]/);
    await page.getByText('申请金额超出的限制').waitFor();
    await expectAccessible(page, 'funding rules');
    await screenshot(page, '07-funding-calculator');
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Largest amount allowed').waitFor();
    expect(await page.getByTestId('explanation').textContent()).toMatch(/[a-z]{3,}/);
    await page.getByLabel('Base (CNY)', { exact: false }).fill('1.234');
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.getByText('Enter an amount, e.g. 30000000 or 1234.56').waitFor();
  });

  it('works at phone width and by keyboard', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(base);
    await page.getByRole('link', { name: title }).waitFor();
    await expectNoHorizontalScroll(page);
    await screenshot(page, '08-list-phone');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.getByRole('link', { name: '资助规则' }).last().click();
    await page.getByRole('heading', { name: '资助规则' }).waitFor();
    // The rules table is wider than the phone: it says it scrolls sideways; the tab names the page.
    await page.getByText('← 左右滑动查看 →').first().waitFor();
    expect(await page.title()).toBe('资助规则 · 揭榜');

    await page.goto(base);
    await page.getByRole('link', { name: title }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.getByRole('link', { name: title }).focus();
    // The focus ring is blue (Mantine blue 8), not the primary red that reads as an error.
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineColor')).toBe('rgb(25, 113, 194)');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.title()).toBe(`${title} · 揭榜`);
    await expectAccessible(page, 'challenge page (phone)');
    await screenshot(page, '09-challenge-phone');
  });

  it('a deep link shows its page, named in the tab, without a React Router warning', async () => {
    const page = await newPage();
    await page.goto(challengeUrl);
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await page.title()).toBe(`${title} · 揭榜`);
  });

  it('raised no Content-Security-Policy violation and no React Router warning on any page', () => {
    expect(session.cspErrors).toEqual([]);
    expect(session.routerWarnings).toEqual([]);
  });
});
