import { Client } from 'pg';
import { registerTeam, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);

/**
 * The "邮件通知 / Email notices" section of the notifications page in Chromium against the real
 * api: a team user switches the payment mail off and the mail language to English; both are stored
 * (what the mail job reads), both survive a reload, and the section reads in Chinese and English
 * with no serious or critical axe finding.
 */
describe('email notice settings (browser)', () => {
  let t: TestApp;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let team: Session;

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    team = await registerTeam(t.http, { name: '深圳邮件设置测试科技有限公司' });
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  const stored = async () => ({
    language: (await db.query(`SELECT language FROM users WHERE id = $1`, [team.userId])).rows[0].language as string,
    off: (await db.query(`SELECT kind FROM notification_preferences WHERE user_id = $1 AND NOT mail`, [team.userId])).rows.map(
      (r) => r.kind as string,
    ),
  });
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 50 && !(await check()); i++) await new Promise((r) => setTimeout(r, 100));
  };

  it('a team user switches the payment mail off and mails to English; both are kept', async () => {
    const page = await browser.newPage();
    await signIn(page, base, team.email, team.password);
    await page.goto(`${base}/notifications`);
    const section = page.getByTestId('mail-preferences');
    await section.getByRole('heading', { name: '邮件通知' }).waitFor();
    const paid = section.getByRole('switch', { name: '拨款已支付' });
    expect(await paid.isChecked()).toBe(true);
    // A team gets no horse-race gate notices: not offered.
    expect(await section.getByRole('switch', { name: '赛马阶段评估到期' }).count()).toBe(0);
    await expectAccessible(page, 'mail preferences (zh)');

    await paid.click({ force: true });
    await section.getByText('邮件设置已保存。').waitFor();
    await until(async () => (await stored()).off.includes('disbursement.paid'));
    expect((await stored()).off).toEqual(['disbursement.paid']);

    await section.getByText('English', { exact: true }).click();
    await until(async () => (await stored()).language === 'en');
    expect((await stored()).language).toBe('en');
    await screenshot(page, 'mail-preferences-zh');

    await page.reload();
    await section.getByRole('heading', { name: '邮件通知' }).waitFor();
    expect(await section.getByRole('switch', { name: '拨款已支付' }).isChecked()).toBe(false);
    expect(await section.getByRole('switch', { name: '里程碑未通过验收' }).isChecked()).toBe(true);

    // The page in English (the header's language switch).
    await page.getByText('EN', { exact: true }).click();
    await section.getByRole('heading', { name: 'Email notices' }).waitFor();
    expect(await section.getByRole('switch', { name: 'Tranche paid' }).isChecked()).toBe(false);
    expect(await section.getByRole('switch', { name: 'Milestone rejected' }).isChecked()).toBe(true);
    await expectAccessible(page, 'mail preferences (en)');
    await screenshot(page, 'mail-preferences-en');
  });
});
