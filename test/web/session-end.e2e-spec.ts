import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { bearer, loginAdmin, registerTeam, uniqueEmail, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);

/** A password no strength rule refuses: 24 random characters. */
const strongPassword = () => `${randomBytes(18).toString('base64url')}`;

async function team(t: TestApp, displayName: string): Promise<Session & { displayName: string }> {
  const password = strongPassword();
  const session = await registerTeam(t.http, { admin: { email: uniqueEmail('web-session'), password, displayName } });
  return { ...session, displayName };
}

/** The token the web app keeps in sessionStorage, or null. (Strings run in the page: no DOM types here.) */
const storedToken = (page: Page) =>
  page.evaluate(`JSON.parse(sessionStorage.getItem('jiebang.session') ?? 'null')?.token ?? null`) as Promise<string | null>;

/**
 * A session the API ends is ended in the browser at once: a team is signed in, an admin
 * deactivates the account through the API, and the team's next click lands on the sign-in page
 * saying why (token gone from storage, the header signed out); a token the API no longer accepts
 * (expired, revoked) does the same with its own words, and signing in again leads back.
 */
describe('web app: a session the API ends (browser)', () => {
  let t: TestApp;
  let base: string;
  let session: BrowserSession;

  beforeAll(async () => {
    // A build of one's own (WEB_DIST_DIR) is served as it is; otherwise the shared one, built if missing.
    ({ t, base } = await listenForBrowser());
    session = await BrowserSession.launch();
  });

  afterAll(async () => {
    await session?.close();
    await t?.close();
  });

  it('a deactivated user is signed out on the next click and told why', async () => {
    const wang = await team(t, '王芳');
    const page = await session.newPage();
    await signIn(page, base, wang.email, wang.password);
    await page.getByRole('link', { name: '我的揭榜' }).first().click();
    await page.waitForURL(/\/bids\/mine$/);
    await page.getByText(`已登录：${wang.displayName}`).first().waitFor();
    expect(await storedToken(page)).toBeTruthy();

    const admin = await loginAdmin(t.http);
    await t.http.post(`/api/v1/users/${wang.userId}/deactivate`).set(bearer(admin)).expect(200);
    // The API refuses the token at once; the open page does not know yet.
    await t.http.get('/api/v1/me').set(bearer(wang)).expect(403);

    // A page not seen yet in this session, so it asks the API (a page still cached would not).
    await page.getByRole('link', { name: '我的项目' }).first().click();
    await page.waitForURL(/\/sign-in\?reason=deactivated&next=%2Fprojects$/);
    await page.getByRole('alert').filter({ hasText: '此账号已被停用，请联系管理员' }).waitFor();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await page.getByText(/已登录：/).count()).toBe(0);
    expect(await storedToken(page)).toBeNull();
    await expectAccessible(page, 'sign-in (deactivated)');
    await screenshot(page, 'session-deactivated');

    // In English too, after switching language on the same page.
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'This account has been deactivated; contact your administrator' }).waitFor();
    await page.getByText('中文', { exact: true }).click();

    // Signing in again is refused like any wrong login (the API does not say the account exists).
    await field(page, '电子邮箱').fill(wang.email);
    await field(page, '密码').fill(wang.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('邮箱或密码不正确').waitFor();
  });

  it('a token the API no longer accepts (expired, revoked) signs out, says so, and signing in again leads back', async () => {
    const li = await team(t, '李伟');
    const page = await session.newPage();
    await signIn(page, base, li.email, li.password);
    await page.getByRole('link', { name: '通知' }).first().click();
    await page.waitForURL(/\/notifications$/);

    // The stored session now holds a token the API refuses (a bad signature: as an expired or revoked one).
    await page.evaluate(`(() => {
      const stored = JSON.parse(sessionStorage.getItem('jiebang.session'));
      sessionStorage.setItem('jiebang.session', JSON.stringify({ ...stored, token: stored.token.split('.').slice(0, 2).join('.') + '.bad-signature' }));
    })()`);
    await page.reload();
    await page.waitForURL(/\/sign-in\?reason=expired&next=%2Fnotifications$/);
    await page.getByRole('alert').filter({ hasText: '登录已过期，请重新登录' }).waitFor();
    expect(await storedToken(page)).toBeNull();
    await expectAccessible(page, 'sign-in (expired)');
    await screenshot(page, 'session-expired');

    await field(page, '电子邮箱').fill(li.email);
    await field(page, '密码').fill(li.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/notifications$/);
    await page.getByText(`已登录：${li.displayName}`).first().waitFor();
  });
});
