import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { failMaintenanceJob } from '../support/failed-job';
import type { Page } from 'playwright-core';
import { QueueName } from '@app/jobs';
import { registerTeam } from '../support/factories';
import { TEST_ADMIN, type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(180_000);

/**
 * The admin's job queues in Chromium: our own overview (/admin/jobs: counts, the latest failed
 * jobs, a retry behind a confirmation) in zh and en with axe; and the third-party dashboard
 * (/admin/queues) reached from its "advanced" link, by a reload without its cookie, and from a new
 * tab that has no sign-in yet — never a raw 401. A team is told it is for admins.
 */
describe('job queues (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let producer: Redis;
  let queue: Queue;

  const failedJob = (jobId: string) => failMaintenanceJob(queue, t.config, jobId);

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    producer = new Redis(t.config.redisUrl);
    queue = new Queue(QueueName.Maintenance, { connection: producer, prefix: t.config.redisPrefix });
    browser = await BrowserSession.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await queue?.close();
    producer?.disconnect();
    await t?.close();
  });

  /** Fills the sign-in form the page is on (after a redirect to it) and signs in. */
  async function signInHere(page: Page, email: string, password: string): Promise<void> {
    await field(page, '电子邮箱').fill(email);
    await field(page, '密码').fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }

  it('shows counts and failed jobs, retries one after a confirmation, in zh and en (axe)', async () => {
    await failedJob('documents:orphans:browser');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, base, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.getByRole('navigation').getByRole('link', { name: '任务队列', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '任务队列' }).waitFor();
    const counts = page.getByTestId('queue-counts');
    await counts.getByRole('rowheader', { name: '维护' }).waitFor();
    expect(await counts.locator(`tr[data-queue="${QueueName.Maintenance}"] td`).nth(3).innerText()).toBe('1');
    const failed = page.getByTestId('failed-jobs');
    const row = failed.locator('tr[data-job-id="documents:orphans:browser"]');
    expect(await row.getByRole('rowheader').innerText()).toBe('清理未关联的上传文件');
    expect(await row.innerText()).toContain('the store refused the sweep');
    await expectAccessible(page, 'job queues');
    await screenshot(page, 'job-queues');

    await row.getByRole('button', { name: '重试任务「清理未关联的上传文件」（documents:orphans:browser）' }).click();
    const dialog = page.getByRole('dialog', { name: '重试任务「清理未关联的上传文件」' });
    await dialog.getByText(/将回到等待状态/).waitFor();
    await expectAccessible(page, 'retry confirmation');
    await dialog.getByRole('button', { name: '重试', exact: true }).click();
    await page.getByText('已重新排队：清理未关联的上传文件').waitFor();
    await page.getByText('没有失败的任务。').waitFor();
    expect(await (await queue.getJob('documents:orphans:browser'))?.getState()).toBe('waiting');

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Job queues' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Advanced' }).waitFor();
    await expectAccessible(page, 'job queues (en)');
    expect(errors).toEqual([]);

    // The advanced link opens the third-party dashboard.
    const board = page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/queues' && r.request().method() === 'GET');
    await page.getByRole('link', { name: 'Open the queue dashboard (third-party)' }).click();
    expect((await board).status()).toBe(200);
    await page.waitForURL(`${base}/admin/queues`);
    await page.context().close();
  });

  it('a reload without the dashboard cookie (ended, cleared) opens a new session and comes back', async () => {
    const page = await browser.newPage();
    await signIn(page, base, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.context().clearCookies();
    const response = await page.goto(`${base}/admin/queues/queue/${QueueName.Mail}`);
    // Through the web app's entry page (303 → /admin/jobs/board → session → back), to the board.
    await page.waitForURL(`${base}/admin/queues/queue/${QueueName.Mail}`);
    expect(response?.status()).not.toBe(401);
    const cookies = await page.context().cookies();
    const cookie = cookies.find((c) => c.name === 'jiebang_queues');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin/queues' });
    const html = await page.content();
    expect(html).toContain('jiebang jobs');
    await page.context().close();
  });

  it('a new tab with no sign-in goes to the sign-in page, then on to the dashboard', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/admin/queues`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/jobs/board?next=%2Fadmin%2Fqueues');
    await expectAccessible(page, 'sign-in on the way to the dashboard');
    await signInHere(page, TEST_ADMIN.email, TEST_ADMIN.password);
    await page.waitForURL(`${base}/admin/queues`);
    await page.context().close();
  });

  it('a team that follows a dashboard link is told it is for admins (no session, no raw 401)', async () => {
    const team = await registerTeam(t.http);
    const page = await browser.newPage();
    await page.goto(`${base}/admin/queues`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await signInHere(page, team.email, team.password);
    await page.waitForURL((url) => url.pathname === '/admin/jobs/board');
    await page.getByRole('alert').getByText('仅管理员可以查看任务队列。').waitFor();
    await expectAccessible(page, 'dashboard entry refused');
    expect((await page.context().cookies()).find((c) => c.name === 'jiebang_queues')).toBeUndefined();
    await page.context().close();
  });
});
