import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app';

export const REPO = join(__dirname, '..', '..');
export const ARTIFACTS = join(REPO, 'test-artifacts', 'web');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The production build the api serves; built once if missing (`npm test` builds it before the e2e run). */
export function ensureWebBuild(): void {
  // WEB_DIST_DIR: a build of one's own (the api serves it first), e.g. while others test apps/web/dist.
  if (process.env.WEB_DIST_DIR && existsSync(join(process.env.WEB_DIST_DIR, 'index.html'))) return;
  if (existsSync(join(REPO, 'apps/web/dist/index.html'))) return;
  execFileSync(process.execPath, [join(REPO, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/web/vite.config.ts'], {
    cwd: REPO,
    stdio: 'inherit',
  });
}

/**
 * The app for a browser: built web app served by the real api, listening on a free port of
 * 127.0.0.1; `base` is its address.
 */
export async function listenForBrowser(options: TestAppOptions = {}): Promise<{ t: TestApp; base: string }> {
  ensureWebBuild();
  const t = await createTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, base: `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}` };
}

/**
 * Debian's Chromium, headless, with nothing that reaches out to the network. Playwright gives every
 * launch a fresh, empty --user-data-dir of its own.
 */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page (evaluated over the DevTools protocol, so the page's CSP, which allows
 * only its own scripts, stays as it is) and returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`
    axe.run(document, { resultTypes: ['violations'] }).then((r) =>
      r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
    )
  `)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Throws with the list when axe finds a serious or critical violation on the page. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // A colour caught half-way through a fade (an alert appearing, a button leaving its loading state,
  // a dialog opening) is not what a person reads: let running transitions and animations finish
  // first. A transition may only start a frame or two after the element appears (Mantine's dialogs),
  // so look again a little later until none is left. (Endless ones, a spinner's, are left alone.)
  await page.evaluate(`(async () => {
    // A timer, not requestAnimationFrame: a page in a background tab gets no frames.
    const frame = () => new Promise((resolve) => setTimeout(resolve, 20));
    for (let round = 0; round < 10; round++) {
      await frame();
      await frame();
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime ?? Infinity));
      if (!running.length) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  })()`);
  const violations = await seriousViolations(page);
  if (violations.length) throw new Error(`${name}: ${JSON.stringify(violations, null, 2)}`);
}

/** The input of a label, in a page or a part of it (a required field's label ends with Mantine's " *"). */
export const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

/** Signs in through the form and waits until the header says who is signed in. */
export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await field(page, '电子邮箱').fill(email);
  await field(page, '密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page
    .getByText(/已登录：/)
    .first()
    .waitFor();
}

const DAY_MS = 86_400_000;
/** A Shanghai wall-clock value for a datetime-local input, `days` from now. */
export const shanghaiInput = (days: number): string =>
  new Date(Date.now() + days * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 16);

/** The page has no horizontal scroll at its current width. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  if (overflow > 0) throw new Error(`${page.url()} scrolls sideways by ${overflow}px`);
}

/**
 * One Chromium for a test file: pages in their own contexts (own storage, so own sign-in), in
 * Chinese, on a device clock far from Shanghai (the app must show Shanghai time anyway), with every
 * Content-Security-Policy complaint collected.
 */
export class BrowserSession {
  readonly cspErrors: string[] = [];
  /** React Router's complaints about the router set-up (e.g. no HydrateFallback on a deep link). */
  readonly routerWarnings: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<BrowserSession> {
    return new BrowserSession(await launchChromium());
  }

  async newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'America/New_York' });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) this.cspErrors.push(message.text());
      if (message.type() === 'warning' && /HydrateFallback/.test(message.text())) this.routerWarnings.push(message.text());
    });
    page.on('pageerror', (error) => console.log('pageerror', error.message));
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
  }
}
