import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { seedProject } from '@app/milestones/testing/seed';
import { currentPolicyRuleSql } from '@app/funding-rules/testing/current-rule';
import { createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { type TestApp } from '../support/test-app';
import {
  BrowserSession,
  expectAccessible,
  expectNoHorizontalScroll,
  field,
  screenshot,
  signIn as signInAt,
  listenForBrowser,
} from './browser';

jest.setTimeout(180_000);

const DAY = 86_400_000;
const YUAN = 100;

/**
 * The portfolio cockpit, the money ledger, notifications and the public results in Chromium
 * against the real api. Projects are written in SQL (their awarding and reporting screens are
 * others'): a program manager's four projects — on track with a paid tranche, at risk, late, and
 * one awaiting review — plus a project in publicity on another challenge. The program manager sees
 * the right lights, totals and the granted-vs-paid chart and filters by health; reads and marks a
 * notification; the agency sees the ledger; the public sees results and money paid on the
 * challenge page; a signed-in user objects during publicity. Every page is axe-scanned.
 */
describe('portfolio, ledger, notifications and public results (browser)', () => {
  let t: TestApp;
  let db: Client;
  let base: string;
  let browser: BrowserSession;
  let agency: Session;
  let pm: Session;
  let team: Session & { creditCode: string };
  let objector: Session & { creditCode: string };
  const ids: Record<string, string> = {};
  const challengeIds: Record<string, string> = {};

  const newPage = (viewport?: { width: number; height: number }) => browser.newPage(viewport);
  const signIn = (page: Page, who: Session) => signInAt(page, base, who.email, who.password);

  const seed = async (key: string, milestones: { dueInMs: number; trancheFen: number }[], extra: { pm?: boolean } = {}) => {
    const p = await seedProject(db, {
      agencyId: agency.userId,
      organizationId: team.organizationId as string,
      programManagerId: extra.pm === false ? null : pm.userId,
      grantedFen: milestones.reduce((s, m) => s + m.trancheFen, 0),
      milestones,
    });
    ids[key] = p.projectId;
    challengeIds[key] = p.challengeId;
    await db.query(`UPDATE projects SET title = $2 WHERE id = $1`, [p.projectId, `看板项目-${key}`]);
    return p;
  };

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser());
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    team = await registerTeam(t.http, { name: '深圳看板测试科技有限公司' });
    objector = await registerTeam(t.http, { name: '深圳赛马第二科技有限公司' });
    const otherAgency = await createStaff(t.http, admin, 'agency');

    // on track, with its first tranche (¥400,000) met and paid
    const onTrack = await seed('on', [
      { dueInMs: -10 * DAY, trancheFen: 400_000 * YUAN },
      { dueInMs: 120 * DAY, trancheFen: 600_000 * YUAN },
    ]);
    await db.query(`UPDATE project_milestones SET status = 'met' WHERE id = $1`, [onTrack.milestoneIds[0]]);
    await db.query(
      `INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, status, scheduled_for, paid_at)
       VALUES ($1, $2, $3, $4, 'paid', now(), now())`,
      [onTrack.projectId, onTrack.milestoneIds[0], onTrack.challengeId, 400_000 * YUAN],
    );
    await db.query(`UPDATE projects SET paid_fen = $2 WHERE id = $1`, [onTrack.projectId, 400_000 * YUAN]);
    await db.query(`UPDATE challenges SET budget_fen = $2 WHERE id = $1`, [onTrack.challengeId, 2_000_000 * YUAN]);
    // at risk: due in 3 days
    await seed('risk', [{ dueInMs: 3 * DAY, trancheFen: 500_000 * YUAN }]);
    // late: overdue
    const late = await seed('late', [{ dueInMs: -2 * DAY, trancheFen: 300_000 * YUAN }]);
    await db.query(`UPDATE project_milestones SET status = 'overdue' WHERE id = $1`, [late.milestoneIds[0]]);
    // awaiting review (on track otherwise)
    const review = await seed('review', [{ dueInMs: 60 * DAY, trancheFen: 200_000 * YUAN }]);
    await db.query(`UPDATE project_milestones SET status = 'submitted' WHERE id = $1`, [review.milestoneIds[0]]);
    // in publicity (no program manager yet), on its own challenge
    const pub = await seed('pub', [{ dueInMs: 90 * DAY, trancheFen: 800_000 * YUAN }], { pm: false });
    await db.query(`UPDATE projects SET status = 'publicity', publicity_ends_at = now() + interval '7 days' WHERE id = $1`, [
      pub.projectId,
    ]);

    // a horse race (another agency's) with two teams: the gate of stage 1 advanced one, eliminated the other
    const race = await seedProject(db, {
      agencyId: otherAgency.userId,
      organizationId: team.organizationId as string,
      programManagerId: null,
      grantedFen: 600_000 * YUAN,
      milestones: [{ dueInMs: 90 * DAY, trancheFen: 600_000 * YUAN }],
    });
    ids.raceA = race.projectId;
    challengeIds.race = race.challengeId;
    const stages = [
      { name: '样机', endsAt: new Date(Date.now() - DAY).toISOString(), advancingSlots: 1 },
      { name: '中试', endsAt: new Date(Date.now() + 200 * DAY).toISOString(), advancingSlots: 1 },
    ];
    await db.query(
      `UPDATE challenges SET mechanism = 'horse_race', parallel_slots = 2, budget_fen = $2, awarded_fen = $3, awarded_count = 2, stages = $4::jsonb
        WHERE id = $1`,
      [race.challengeId, 2_000_000 * YUAN, 1_000_000 * YUAN, JSON.stringify(stages)],
    );
    const bid = await db.query(
      `INSERT INTO bids (challenge_id, organization_id, submitted_by, status, total_investment_fen, requested_funding_fen, proposal, receipt_hash, submitted_at)
       VALUES ($1, $2, $3, 'awarded', $4, $4, '{"text":"seeded","approach":null}'::jsonb, repeat('1', 64), now() - interval '90 minutes') RETURNING id`,
      [race.challengeId, objector.organizationId, objector.userId, 800_000 * YUAN],
    );
    const raceB = await db.query(
      `INSERT INTO projects (challenge_id, bid_id, organization_id, title, granted_fen, requested_fen, total_investment_fen, rule_id,
                             policy_version_id, rule_rate_bp, rule_cap_fen, rule_rate_key, rule_cap_key, cap_fen, status, publicity_ends_at,
                             activated_at, awarded_by)
       SELECT $1, $2, $3, '赛马项目-B', $4, $4, $5, 'art4.core_tech', r.version_id, r.rate_bp, r.cap_fen, r.rate_key, r.cap_key, $4,
              'eliminated', now() - interval '1 minute', now(), $6
         FROM (${currentPolicyRuleSql(`'art4.core_tech'`)}) r
       RETURNING id`,
      [race.challengeId, bid.rows[0].id, objector.organizationId, 400_000 * YUAN, 800_000 * YUAN, otherAgency.userId],
    );
    ids.raceB = raceB.rows[0].id;
    await db.query(`UPDATE projects SET stage_reached = 1, title = '赛马项目-A' WHERE id = $1`, [race.projectId]);
    await db.query(
      `INSERT INTO stage_gates (challenge_id, stage, advancing, eliminated, evidence, decided_by) VALUES ($1, 1, $2::jsonb, $3::jsonb, '[]', $4)`,
      [race.challengeId, JSON.stringify([race.projectId]), JSON.stringify([ids.raceB]), otherAgency.userId],
    );

    await db.query(
      `INSERT INTO notifications (kind, subject_id, recipient_user_id, project_id, params, created_at)
       VALUES ('review.sla', $1, $2, $3,
               jsonb_build_object('submissionId', $1::uuid, 'milestoneId', $1::uuid, 'milestoneTitle', '看板项目-review',
                                  'submittedAt', '2030-01-31T16:00:00.000Z'), now()),
              ('milestone.overdue', $4, $2, $5,
               jsonb_build_object('milestoneId', $4::uuid, 'milestoneTitle', '看板项目-late', 'projectTitle', '看板项目',
                                  'dueAt', '2030-01-31T16:00:00.000Z'), now() - interval '1 day')`,
      [review.milestoneIds[0], pm.userId, review.projectId, late.milestoneIds[0], late.projectId],
    );
    await db.query(`UPDATE notifications SET read_at = now() WHERE subject_id = $1`, [late.milestoneIds[0]]);
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  it('the program manager sees the lights, totals and the granted-vs-paid chart, and filters by health', async () => {
    const page = await newPage();
    await signIn(page, pm);
    await page.getByRole('link', { name: '项目看板' }).first().click();
    await page.waitForURL(/\/portfolio$/);
    await page.getByRole('heading', { level: 1, name: '项目看板' }).waitFor();
    const totals = page.getByTestId('portfolio-totals');
    await totals.waitFor();
    expect(await page.getByTestId('total-projects').locator('dd').innerText()).toBe('4');
    expect(await page.getByTestId('total-granted').locator('dd').innerText()).toBe('¥2,000,000.00');
    expect(await page.getByTestId('total-paid').locator('dd').innerText()).toBe('¥400,000.00');
    expect(await page.getByTestId('total-awaiting').locator('dd').innerText()).toBe('1');
    expect(await page.getByTestId('total-on_track').locator('dd').innerText()).toBe('2');
    expect(await page.getByTestId('total-at_risk').locator('dd').innerText()).toBe('1');
    expect(await page.getByTestId('total-late').locator('dd').innerText()).toBe('1');

    const cards = page.getByTestId('portfolio-project');
    expect(await cards.count()).toBe(4);
    const card = (key: string) => page.locator(`[data-project-id="${ids[key]}"]`);
    expect(await card('on').locator('[data-health]').getAttribute('data-health')).toBe('on_track');
    expect(await card('risk').locator('[data-health]').innerText()).toBe('有风险');
    expect(await card('late').locator('[data-health]').innerText()).toBe('滞后');
    expect(await card('late').innerText()).toContain('逾期 1');
    expect(await card('review').innerText()).toContain('待验收 1');
    expect(await card('late').getByTestId('project-org').innerText()).toBe('承担单位: 深圳看板测试科技有限公司');
    expect(await card('on').getByTestId('project-status').innerText()).toBe('实施中');
    expect(await card('on').innerText()).toContain('¥400,000.00');
    expect(await card('on').innerText()).toContain('里程碑 2');
    expect(await card('review').getByRole('link', { name: '看板项目-review', exact: true }).getAttribute('href')).toBe(
      `/projects/${ids.review}`,
    );
    // the public project (no program manager) is not in this portfolio
    expect(await card('pub').count()).toBe(0);

    // the chart: granted, scheduled and paid as step lines, the budget line, and the same figures as a table
    const chart = page.getByTestId('money-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('path[data-series="granted"]').getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+H/);
    expect(await chart.locator('path[data-series="paid"]').count()).toBe(1);
    expect(await chart.locator('path[data-series="scheduled"]').count()).toBe(1);
    expect(await chart.locator('[data-series="budget"]').count()).toBe(1);
    await page.getByText('以表格查看').click();
    const row = page.getByTestId('money-table').locator('tbody tr').last();
    expect(await row.innerText()).toMatch(/\d{4}-\d{2}\s+¥2,000,000\.00\s+¥[\d,]+\.\d\d\s+¥400,000\.00/);
    await screenshot(page, 'pf-01-portfolio');
    await expectAccessible(page, 'portfolio');

    // filter by a light: only the late project stays; the filter is in the URL
    await page.getByText('滞后 (1)').click();
    await page.waitForURL(/health=late/);
    await page.getByText('显示 1 / 1 个项目').waitFor();
    expect(await cards.count()).toBe(1);
    expect(await cards.first().getAttribute('data-project-id')).toBe(ids.late);
    await page.getByLabel('排序').selectOption('granted');
    await page.waitForURL(/sort=granted/);
    await page.getByText('全部 (4)').click();
    await page.getByText('显示 4 / 4 个项目').waitFor();
    expect(await cards.first().getAttribute('data-project-id')).toBe(ids.on); // largest grant first
    await page.getByLabel('项目状态').selectOption('publicity');
    await page.getByText('暂无项目').waitFor();
    // zero is shown as 0, in the chips and in the totals
    await page.getByText('有风险 (0)').waitFor();
    expect(await page.getByTestId('total-at_risk').locator('dd').innerText()).toBe('0');
    await screenshot(page, 'pf-02-portfolio-empty-filter');
  });

  it('works at phone width', async () => {
    // Signed in at desktop width (the header's "signed in as" is in the menu at phone width), then narrowed.
    const page = await newPage();
    await signIn(page, pm);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/portfolio`);
    await page.getByTestId('money-chart').waitFor();
    await expectNoHorizontalScroll(page);
    const svgWidth = await page.getByTestId('money-chart').evaluate((el) => el.getBoundingClientRect().width);
    expect(svgWidth).toBeLessThanOrEqual(390);
    await screenshot(page, 'pf-03-portfolio-phone');
    await expectAccessible(page, 'portfolio (phone)');
  });

  it('the program manager reads notifications newest first and marks one read', async () => {
    const page = await newPage();
    await signIn(page, pm);
    await page.goto(`${base}/notifications`);
    const notes = page.getByTestId('notification');
    await notes.first().waitFor();
    expect(await notes.count()).toBe(2);
    expect(await notes.first().innerText()).toContain('待审里程碑超时：看板项目-review');
    expect(await notes.first().innerText()).toContain('2030年2月1日 00:00（北京时间）');
    expect(await notes.first().getAttribute('data-unread')).toBe('true');
    expect(await notes.nth(1).getAttribute('data-unread')).toBe('false');
    await page.getByText('1 条未读', { exact: true }).first().waitFor();
    expect(await page.getByTestId('unread-badge').innerText()).toContain('1');
    await screenshot(page, 'pf-04-notifications');
    await expectAccessible(page, 'notifications');
    await page.getByRole('button', { name: /标为已读/ }).click();
    await page.getByText('0 条未读').waitFor();
    await page.getByTestId('unread-badge').waitFor({ state: 'detached' });
    expect(await notes.first().getAttribute('data-unread')).toBe('false');
    const { rows } = await db.query(`SELECT read_at FROM notifications WHERE recipient_user_id = $1 AND read_at IS NULL`, [
      pm.userId,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('the agency sees the money ledger per challenge, industry and year', async () => {
    const page = await newPage();
    await signIn(page, agency);
    await page.getByRole('link', { name: '资金台账' }).first().click();
    await page.waitForURL(/\/agency\/ledger$/);
    await page.getByTestId('ledger-awarded').waitFor();
    // five projects: 1,000,000 + 500,000 + 300,000 + 200,000 + 800,000
    expect(await page.getByTestId('ledger-awarded').locator('dd').innerText()).toBe('¥2,800,000.00');
    expect(await page.getByTestId('ledger-paid').locator('dd').innerText()).toBe('¥400,000.00');
    // budgets equal grants except the first challenge's (2,000,000 for a 1,000,000 grant)
    expect(await page.getByTestId('ledger-left').locator('dd').innerText()).toBe('¥1,000,000.00');
    const onRow = page.locator(`[data-challenge-id="${challengeIds.on}"]`);
    expect((await onRow.innerText()).replace(/\s+/g, ' ')).toContain(
      '量子信息 1 ¥2,000,000.00 ¥1,000,000.00 ¥400,000.00 ¥1,000,000.00',
    );
    const industry = page.getByTestId('ledger-by-industry');
    expect((await industry.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ')).toBe(
      '量子信息 5 ¥2,800,000.00 ¥400,000.00',
    );
    const year = page.getByTestId('ledger-by-year');
    expect(await year.locator('tbody tr').count()).toBe(1);
    expect(await year.locator('tbody tr').first().innerText()).toContain('¥400,000.00');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^ledger-\d{4}-\d{2}-\d{2}\.csv$/);
    await screenshot(page, 'pf-05-ledger');
    await expectAccessible(page, 'ledger');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'pf-05b-ledger-phone');
    await expectAccessible(page, 'ledger (phone)');

    // from the ledger to the projects of one challenge in the agency's portfolio
    await page.setViewportSize({ width: 1280, height: 900 });
    await onRow.getByRole('link', { name: /的 1 个项目/ }).click();
    await page.waitForURL(new RegExp(`/portfolio\\?challengeId=${challengeIds.on}$`));
    await page.getByText('显示 1 / 1 个项目').waitFor();
    expect(await page.getByTestId('portfolio-project').getAttribute('data-project-id')).toBe(ids.on);
    await page.getByRole('button', { name: '显示全部榜单' }).click();
    await page.getByText('显示 5 / 5 个项目').waitFor();
  });

  it('the public sees results and money paid on the challenge page', async () => {
    const page = await newPage();
    await page.goto(`${base}/challenges/${challengeIds.on}`);
    const results = page.getByTestId('challenge-results');
    await results.waitFor();
    expect(await page.getByTestId('results-awarded').locator('dd').innerText()).toBe('¥1,000,000.00');
    const row = page.locator(`[data-project-id="${ids.on}"]`);
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('深圳看板测试科技有限公司');
    expect(text).toContain('¥1,000,000.00');
    expect(text).toContain('实施中');
    // money paid, once the API reports it per project
    const paid = await page.getByTestId('results-paid').locator('dd').innerText();
    if (paid !== '—') {
      expect(paid).toBe('¥400,000.00');
      expect(text).toContain('¥400,000.00');
    }
    expect(await page.getByRole('button', { name: /提出异议/ }).count()).toBe(0);
    await screenshot(page, 'pf-06-results');
    await expectAccessible(page, 'challenge results');
  });

  it('a horse race shows the stage reached and each gate: advancing and eliminated, or not decided yet', async () => {
    const page = await newPage({ width: 390, height: 844 });
    // A gate not run yet is an answer (200, run: false), not a 404 in the console.
    const gateAnswers: number[] = [];
    page.on('response', (r) => {
      if (/\/stages\/\d+\/gate$/.test(new URL(r.url()).pathname)) gateAnswers.push(r.status());
    });
    await page.goto(`${base}/challenges/${challengeIds.race}`);
    await page.getByTestId('challenge-results').waitFor();
    expect(await page.getByTestId('results-awarded').locator('dd').innerText()).toBe('¥1,000,000.00');
    const a = (await page.locator(`[data-project-id="${ids.raceA}"]`).innerText()).replace(/\s+/g, ' ');
    const b = (await page.locator(`[data-project-id="${ids.raceB}"]`).innerText()).replace(/\s+/g, ' ');
    expect(a).toContain('深圳看板测试科技有限公司');
    expect(a).toContain('1 / 2');
    expect(b).toContain('深圳赛马第二科技有限公司');
    expect(b).toContain('已淘汰');
    expect(b).toContain('0 / 2');
    const gate1 = page.getByTestId('gate-1');
    await gate1.getByText('晋级 (1)').waitFor();
    expect((await gate1.innerText()).replace(/\s+/g, ' ')).toMatch(
      /晋级 \(1\) 深圳看板测试科技有限公司 淘汰 \(1\) 深圳赛马第二科技有限公司/,
    );
    await page.getByTestId('gate-2').getByText('尚未进行').waitFor();
    expect(gateAnswers.length).toBeGreaterThanOrEqual(2);
    expect(new Set(gateAnswers)).toEqual(new Set([200]));
    await screenshot(page, 'pf-08-horse-race-phone');
    await expectAccessible(page, 'horse race results (phone)');
  });

  it('during publicity a signed-in user lodges an objection and sees the confirmation', async () => {
    const anonymous = await newPage();
    await anonymous.goto(`${base}/challenges/${challengeIds.pub}`);
    await anonymous.getByTestId('challenge-results').waitFor();
    expect(await anonymous.locator(`[data-project-id="${ids.pub}"]`).innerText()).toContain('公示中');
    await anonymous.getByRole('link', { name: '登录后可在公示期内提出异议' }).waitFor();

    const page = await newPage();
    await signIn(page, objector);
    await page.goto(`${base}/challenges/${challengeIds.pub}`);
    await page.getByRole('button', { name: /提出异议/ }).click();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByText('必填').waitFor();
    await field(page, '异议理由').fill('该单位的业绩材料与公开信息不符，请核查。');
    await expectAccessible(page, 'objection form');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('objection-lodged').waitFor();
    expect(await page.getByTestId('objection-lodged').innerText()).toMatch(/异议已提交（编号 [0-9a-f]{8}）/);
    await screenshot(page, 'pf-07-objection');
    const { rows } = await db.query(`SELECT reason, status FROM project_objections WHERE project_id = $1 AND raised_by = $2`, [
      ids.pub,
      objector.userId,
    ]);
    expect(rows).toEqual([{ reason: '该单位的业绩材料与公开信息不符，请核查。', status: 'open' }]);
  });

  it('a team reads the notices derived from the ledger (receipt, gate result) with links, in Chinese and English', async () => {
    // As the worker's notices job writes them (subject: the ledger entry, offset: the recipient); no worker runs here.
    const params = (kind: string) =>
      kind === 'bid.received'
        ? {
            challengeId: challengeIds.pub,
            challengeTitle: '看板榜单',
            bidId: ids.pub,
            receiptHash: 'c0ffee42',
            revision: 1,
            submittedAt: '2030-01-31T16:00:00.000Z',
          }
        : {
            challengeId: challengeIds.pub,
            challengeTitle: '看板榜单',
            projectId: ids.raceB,
            projectTitle: '赛马项目-B',
            stage: 1,
            stageName: '样机',
            advanced: false,
            final: false,
          };
    for (const kind of ['bid.received', 'gate.result'])
      await db.query(
        `INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, params, mail_pending)
         VALUES ($1, gen_random_uuid(), $2::text, $2::uuid, $3, $4::jsonb, false)`,
        [kind, objector.organizationId, kind === 'gate.result' ? ids.raceB : null, JSON.stringify(params(kind))],
      );
    const page = await newPage();
    await signIn(page, objector);
    await page.goto(`${base}/notifications`);
    const notes = page.getByTestId('notification');
    await notes.getByText('申报已收到：看板榜单').waitFor();
    const receipt = notes.filter({ hasText: '申报已收到' });
    expect(await receipt.innerText()).toContain('回执哈希：c0ffee42');
    expect(await receipt.getByRole('link', { name: '查看我的申报' }).getAttribute('href')).toBe('/bids/mine');
    const gate = notes.filter({ hasText: '阶段评估结果公示' });
    expect(await gate.innerText()).toContain('项目「赛马项目-B」止步于本阶段');
    expect(await gate.getByRole('link', { name: '查看项目' }).getAttribute('href')).toBe(`/projects/${ids.raceB}`);
    await page.getByRole('switch', { name: '申报回执' }).waitFor();
    await expectAccessible(page, 'ledger notices');
    await page.getByText('EN', { exact: true }).click();
    await notes.getByText('Bid received: 看板榜单').waitFor();
    expect(await notes.filter({ hasText: 'Stage gate result published' }).innerText()).toContain('stops at this stage');
    await page.getByRole('switch', { name: 'Bid receipt' }).waitFor();
    await expectAccessible(page, 'ledger notices (en)');
    await screenshot(page, 'pf-09-ledger-notices-en');
  });

  it('the public reads the open-data figures and finds the OCDS downloads', async () => {
    const page = await newPage();
    await page.goto(base);
    await page.getByRole('link', { name: '开放数据' }).first().click();
    await page.waitForURL(/\/open-data$/);
    await page.getByTestId('open-data-totals').waitFor();
    // every published challenge's projects: the agency's five (¥2,800,000) and the horse race's two (¥1,000,000)
    expect(await page.getByTestId('open-data-awarded').locator('dd').innerText()).toBe('¥3,800,000.00');
    expect(await page.getByTestId('open-data-paid').locator('dd').innerText()).toBe('¥400,000.00');
    expect((await page.getByTestId('od-industry').locator('tbody tr').first().innerText()).replace(/\s+/g, ' ')).toBe(
      '量子信息 6 ¥5,800,000.00 7 7 ¥3,800,000.00 ¥400,000.00', // challenges, budgets, bids, awards, awarded, paid
    );
    await page.getByTestId('od-race').getByText('通过第 1 阶段评定').waitFor();
    expect(await page.getByRole('link', { name: /JSON Lines/ }).getAttribute('href')).toBe(
      '/api/v1/open-data/ocds/releases.jsonl',
    );
    await screenshot(page, 'pf-09-open-data');
    await expectAccessible(page, 'open data');
  });

  it('tells other roles the portfolio and ledger are not theirs', async () => {
    const page = await newPage();
    await signIn(page, team);
    await page.goto(`${base}/portfolio`);
    await page.getByText('项目看板仅供项目经理、发榜方和管理员使用。').waitFor();
    await page.goto(`${base}/agency/ledger`);
    await page.getByText('资金台账仅供发榜方和管理员使用。').waitFor();
  });

  it('ran under the api’s Content-Security-Policy without a complaint', () => {
    expect(browser.cspErrors).toEqual([]);
  });
});
