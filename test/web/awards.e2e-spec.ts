import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { finaliseGateIfDue } from '@app/awards/gate-finalise';
import type { Page } from 'playwright-core';
import { seedClosedChallenges } from '@app/awards/testing/seed';
import { challengeBody } from '@app/bids/testing/fixtures';
import { bearer, createStaff, loginAdmin, type Session } from '../support/factories';
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
const API = '/api/v1';
const DAY = 86_400_000;

/**
 * The agency's awarding screens in Chromium against the real api: a closed horse race (3 parallel
 * slots, a budget of ¥60,000,000) with four scored and shortlisted bids of different teams; the
 * agency awards three of them (budget left and slots filled change after each; a program manager
 * picked from the staff list), an amount over the budget left is refused and explained beside the
 * field, gate 1 runs with two advancing (too many chosen first: told why), an objection is upheld and
 * its money returns to the budget; an open call filled by one award, and finishing a horse race early
 * (confirmed in a dialog); the challenge page's management (edit the draft, extend the deadline, cancel)
 * and reviewers picked by name on the panel page.
 * Every page passes an axe scan.
 */
describe('awards screens (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let db: Client;
  let agency: Session;
  let pm: Session;
  let reviewer: Session;
  let challengeId: string;
  let bidIds: string[];
  let page: Page;
  // Names come with the ranking and the projects, a gate's evidence with GET …/stages/:n/evidence:
  // no request per bid or project for its organisation or its milestones.
  const perItemRequests: string[] = [];

  const newPage = (viewport?: { width: number; height: number }) => browser.newPage(viewport);
  const signIn = (p: Page, who: Session) => signInAt(p, base, who.email, who.password);

  const budgetLeft = () => page.getByTestId('budget-left');
  const slotsFilled = () => page.getByTestId('slots-filled');
  const expectText = async (locator: ReturnType<Page['getByTestId']>, text: string) => {
    await locator.filter({ hasText: text }).waitFor();
    expect(await locator.textContent()).toContain(text);
  };

  beforeAll(async () => {
    // A build of one's own (WEB_DIST_DIR) is served as it is; otherwise the shared one, built if missing.
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S', PUBLICITY_PERIOD: 'P5D' } }));
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();

    // A closed horse race: 3 slots, ¥60,000,000, four bids of ¥25,000,000 (investment ¥60,000,000 each),
    // milestones due on day 100 (stage 1) and day 200 (stage 2).
    const [seeded] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 1,
      bidsPerChallenge: 4,
      mechanism: 'horse_race',
      parallelSlots: 3,
      budgetFen: 6_000_000_000,
      requestFen: 2_500_000_000,
      totalInvestmentFen: 6_000_000_000,
      parts: 2,
      stages: [
        { endsInMs: 150 * DAY, advancingSlots: 2 },
        { endsInMs: 250 * DAY, advancingSlots: 1 },
      ],
    });
    challengeId = seeded.challengeId;
    bidIds = seeded.bids.map((b) => b.bidId);
    // The panel: a reviewer scores every bid (distinct scores, so the ranking is the seeding order), closes, shortlists the first three.
    await t.http
      .post(`${API}/challenges/${challengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId] })
      .expect(200);
    for (let i = 0; i < bidIds.length; i++) {
      const s = 90 - i * 5;
      await t.http
        .post(`${API}/bids/${bidIds[i]}/scores`)
        .set(bearer(reviewer))
        .send({
          scores: [
            { criterion: 'technical', score: s },
            { criterion: 'team', score: s },
            { criterion: 'plan', score: s },
          ],
        })
        .expect(201);
    }
    await t.http.post(`${API}/challenges/${challengeId}/panel/close`).set(bearer(agency)).expect(200);
    await t.http
      .post(`${API}/challenges/${challengeId}/shortlist`)
      .set(bearer(agency))
      .send({ bidIds: bidIds.slice(0, 3) })
      .expect(200);

    browser = await BrowserSession.launch();
    page = await newPage();
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      // The signed-in officer's own agency, named once in the page's header, is not a per-item request.
      if (path === `${API}/organizations/${agency.organizationId}`) return;
      if (path.startsWith(`${API}/organizations/`) || /^\/api\/v1\/projects\/[0-9a-f-]{36}$/.test(path))
        perItemRequests.push(path);
    });
    await signIn(page, agency);
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  it('shows the ranking with scores and eligibility, the budget left and the slots', async () => {
    await page.goto(`${base}/agency/challenges/${challengeId}/awards`);
    await page.getByRole('heading', { name: '评审结果与立项', level: 1 }).waitFor();
    await expectText(budgetLeft(), '¥60,000,000.00');
    await expectText(slotsFilled(), '0 / 3');
    const first = page.getByTestId(`ranked-${bidIds[0]}`);
    await first.getByText('第 1 名').waitFor();
    await first.getByText('90.00').waitFor();
    await first.getByText('合格').waitFor();
    // The tie-break rule comes from the API in English; a Chinese reader reads it in Chinese.
    await page.getByText(/^同分规则：合格的申报在前；其次加权总分高者在前/).waitFor();
    expect(await page.getByText('eligible bids first').count()).toBe(0);
    // The fourth bid was not shortlisted: with a review panel it cannot be awarded, and the page says why.
    await page.getByTestId(`ranked-${bidIds[3]}`).getByText('75.00').waitFor();
    await page.getByTestId(`ranked-${bidIds[3]}`).getByText('评审组已设立：入围后才能立项。').waitFor();
    expect(await page.getByTestId(`award-form-${bidIds[3]}`).count()).toBe(0);
    // The amount is prefilled with the request; the funding rule is quoted live.
    const form = page.getByTestId(`award-form-${bidIds[0]}`);
    expect(await form.getByLabel(/^立项金额/).inputValue()).toBe('25000000');
    await form.getByTestId('bid-fits').waitFor();
    await expectAccessible(page, 'awards (closed)');
    await screenshot(page, 'awards-01-ranking');
  });

  it('awards three teams: budget left and slots filled change after each; over the budget left is refused beside the field', async () => {
    const form0 = page.getByTestId(`award-form-${bidIds[0]}`);
    // The amount may not exceed the request (checked before sending).
    await form0.getByLabel(/^立项金额/).fill('25,000,000.01');
    await form0.getByRole('button', { name: '立项' }).click();
    await form0.getByText('不能超过申请额 ¥25,000,000.00').waitFor();
    await form0.getByLabel(/^立项金额/).fill('25,000,000');
    await form0.getByLabel('项目经理').selectOption(pm.userId);
    await form0.getByRole('button', { name: '立项' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await expectText(slotsFilled(), '1 / 3');
    await expectText(budgetLeft(), '¥35,000,000.00');

    await page.getByTestId(`award-form-${bidIds[1]}`).getByRole('button', { name: '立项' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await expectText(slotsFilled(), '2 / 3');
    await expectText(budgetLeft(), '¥10,000,000.00');

    // ¥25,000,000 against ¥10,000,000 left: the live check says so, and the server refuses (422) beside the amount.
    const form2 = page.getByTestId(`award-form-${bidIds[2]}`);
    await form2.getByTestId('bid-violations').waitFor();
    await form2.getByRole('button', { name: '立项' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    const amount = form2.getByLabel(/^立项金额/);
    await form2.locator('[id$="-error"]', { hasText: '超出榜单剩余预算' }).waitFor();
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    await form2.getByTestId('award-allowed').getByText('¥10,000,000.00').waitFor();
    await expectText(slotsFilled(), '2 / 3');
    await expectAccessible(page, 'awards (refused)');
    await screenshot(page, 'awards-02-refused-over-budget');

    await amount.fill('10,000,000');
    await form2.getByRole('button', { name: '立项' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await expectText(slotsFilled(), '3 / 3');
    await expectText(budgetLeft(), '¥0.00');
    // The last slot filled: the challenge is awarded; the fourth bid was rejected, no form is left.
    await page.getByText('已立项', { exact: true }).first().waitFor();
    await page.getByTestId(`ranked-${bidIds[3]}`).getByText('未入选').waitFor();
    expect(await page.locator('[data-testid^="award-form-"]').count()).toBe(0);
    await page.getByTestId('project-status').nth(2).waitFor();
    expect(await page.getByTestId('project-status').count()).toBe(3);
    await page.getByTestId('project-pm').filter({ hasText: 'program_manager user' }).waitFor();
    const { rows } = await db.query(`SELECT awarded_fen::text, awarded_count, status FROM challenges WHERE id = $1`, [
      challengeId,
    ]);
    expect(rows[0]).toEqual({ awarded_fen: '6000000000', awarded_count: 3, status: 'awarded' });
    // A program manager assigned afterwards (PUT /projects/:id/program-manager), picked by name.
    const { rows: second } = await db.query(`SELECT id FROM projects WHERE bid_id = $1`, [bidIds[1]]);
    const card = page.getByTestId(`project-${second[0].id}`);
    expect(await card.getByTestId('project-pm').textContent()).toBe('未指定');
    await card.getByLabel('指定项目经理').selectOption(pm.userId);
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByTestId('project-pm').filter({ hasText: 'program_manager user' }).waitFor();
    // The picker now starts at the assigned manager; Save waits for a different choice.
    const replace = card.getByLabel('更换项目经理');
    await replace.waitFor();
    expect(await replace.inputValue()).toBe(pm.userId);
    expect(await card.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await replace.selectOption('');
    expect(await card.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await replace.selectOption(pm.userId);
    const { rows: assigned } = await db.query(`SELECT program_manager_id FROM projects WHERE id = $1`, [second[0].id]);
    expect(assigned[0].program_manager_id).toBe(pm.userId);
    await screenshot(page, 'awards-03-awarded');
  });

  it('runs gate 1 with two advancing (too many refused first) and gate 2 on a tie (a reason required), and shows the results', async () => {
    const { rows: projects } = await db.query(
      `SELECT p.id, p.bid_id FROM projects p WHERE p.challenge_id = $1 ORDER BY p.created_at`,
      [challengeId],
    );
    expect(projects.map((p) => p.bid_id)).toEqual(bidIds.slice(0, 3));
    // Stage 1 has ended; its milestones: met (2 points), partially met (1), not met (0).
    await db.query(
      `UPDATE challenges SET stages = jsonb_set(stages, '{0,endsAt}', to_jsonb(now() - interval '1 second')) WHERE id = $1`,
      [challengeId],
    );
    const statuses = ['met', 'partially_met', 'not_met'];
    for (let i = 0; i < 3; i++) {
      await db.query(`UPDATE project_milestones SET status = $2 WHERE project_id = $1 AND stage_index = 0`, [
        projects[i].id,
        statuses[i],
      ]);
    }
    await page.reload();
    const stage1 = page.getByTestId('stage-1');
    await stage1.getByText('阶段 1 · 第1阶段').waitFor();
    const rows = stage1.locator('[data-testid^="gate-row-"]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(3);
    // Best first by the evidence: 2, 1, 0 points.
    expect(await rows.nth(0).getAttribute('data-testid')).toBe(`gate-row-${projects[0].id}`);
    await rows.nth(0).getByText('已通过').waitFor();
    for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check();
    await stage1.getByRole('button', { name: /运行关口 1：晋级 3，淘汰 0/ }).click();
    await stage1.getByText(/最多 2 个项目晋级/).waitFor();
    await rows.nth(2).getByRole('checkbox').uncheck();
    await expectAccessible(page, 'gate 1 form');
    await screenshot(page, 'awards-04-gate-form');
    await stage1.getByRole('button', { name: /运行关口 1：晋级 2，淘汰 1/ }).click();
    // The confirmation states the money: the stopped project's grant, what of it is paid and what will not be.
    await page
      .getByTestId('confirm-gate-money')
      .getByText(/^止步项目的立项资助共 ¥[\d,.]+，其中已拨付 ¥[\d,.]+，未拨付的 ¥[\d,.]+ 不再拨付；/)
      .waitFor();
    await page
      .getByTestId('confirm-amount')
      .getByText(/^不再拨付：¥[\d,.]+$/)
      .waitFor();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await page.getByTestId('gate-done').getByText('阶段 1 关口已运行').waitFor();
    const result = page.getByTestId('gate-result-1');
    await result.waitFor();
    expect(await result.getByText('晋级', { exact: true }).count()).toBe(2);
    expect(await result.getByText('淘汰', { exact: true }).count()).toBe(1);
    // Published first: the stop takes effect when the gate's publicity period ends with no objection.
    await page
      .getByTestId('gate-phase-1')
      .getByText(/公示中/)
      .waitFor();
    const { rows: gate1 } = await db.query(`SELECT id FROM stage_gates WHERE challenge_id = $1 AND stage = 1`, [challengeId]);
    await db.query(`UPDATE stage_gates SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [gate1[0].id]);
    await t.app.get(DataSource).transaction((em) => finaliseGateIfDue(em, t.app.get(AuditService), gate1[0].id, null));
    await page.reload();
    await page.getByText('已淘汰').first().waitFor();
    const { rows: after } = await db.query(`SELECT id, status, stage_reached FROM projects WHERE challenge_id = $1`, [
      challengeId,
    ]);
    expect(after.find((p) => p.id === projects[2].id)).toMatchObject({ status: 'eliminated' });
    expect(after.filter((p) => p.stage_reached === 1)).toHaveLength(2);
    // Stage 2 has not ended: its evidence is shown, its gate cannot be run yet.
    const gate2Button = page.getByTestId('stage-2').getByRole('button', { name: /运行关口 2/ });
    await gate2Button.waitFor();
    await page
      .getByTestId('stage-2')
      .getByText(/本阶段尚未结束/)
      .waitFor();
    expect(await gate2Button.isDisabled()).toBe(true);
    await expectAccessible(page, 'gate 1 result');
    await screenshot(page, 'awards-05-gate-result');

    // Gate 2: the two still in the race have 0 points each (a tie at the cut-off of 1): advancing one needs a reason.
    await db.query(
      `UPDATE challenges SET stages = jsonb_set(stages, '{1,endsAt}', to_jsonb(now() - interval '1 second')) WHERE id = $1`,
      [challengeId],
    );
    await page.reload();
    const stage2 = page.getByTestId('stage-2');
    expect(await stage2.getByRole('button', { name: /运行关口 2/ }).isDisabled()).toBe(false);
    await stage2.getByTestId(`gate-row-${projects[1].id}`).getByRole('checkbox').check();
    expect(await stage2.locator('[data-testid^="gate-row-"]').count()).toBe(2);
    await stage2.getByText('有被淘汰的项目得分不低于晋级项目：须说明理由。').waitFor();
    await stage2.getByRole('button', { name: /运行关口 2：晋级 1，淘汰 1/ }).click();
    await stage2.getByText('请填写裁定理由').waitFor();
    expect(await stage2.getByLabel(/^裁定理由/).getAttribute('aria-invalid')).toBe('true');
    await stage2.getByLabel(/^裁定理由/).fill('两队阶段得分相同，该队中期现场测试指标更优。');
    await stage2.getByRole('button', { name: /运行关口 2：晋级 1，淘汰 1/ }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await page.getByTestId('gate-result-2').getByText('裁定理由：两队阶段得分相同，该队中期现场测试指标更优。').waitFor();
    const { rows: gate2 } = await db.query(
      `SELECT advancing, tie_break_reason FROM stage_gates WHERE challenge_id = $1 AND stage = 2`,
      [challengeId],
    );
    expect(gate2[0]).toEqual({ advancing: [projects[1].id], tie_break_reason: '两队阶段得分相同，该队中期现场测试指标更优。' });
    await expectAccessible(page, 'gate 2 result');
    expect(perItemRequests).toEqual([]);
  });

  it('resolves an objection: upheld, the award is revoked and its money returns to the budget', async () => {
    const { rows } = await db.query(`SELECT id FROM projects WHERE challenge_id = $1 AND bid_id = $2`, [challengeId, bidIds[1]]);
    const projectId = rows[0].id as string;
    const lodged = await t.http
      .post(`${API}/projects/${projectId}/objections`)
      .set(bearer(pm))
      .send({ reason: '该团队的核心成员同时承担另一项同类资助。' })
      .expect(201);
    await page.reload();
    const card = page.getByTestId(`objection-${lodged.body.id}`);
    await card.getByText('该团队的核心成员同时承担另一项同类资助。').waitFor();
    await card.getByRole('button', { name: '提交处理' }).click();
    await card.getByText('请选择处理结果').waitFor();
    await card.getByText('请填写说明').waitFor();
    await card.getByLabel(/^成立/).check();
    await card.getByLabel(/^说明/).fill('经核实属实，撤销立项。');
    await card.getByRole('button', { name: '提交处理' }).click();
    // Upholding revokes the award: the confirmation names the project and the grant first.
    const revoking = page.getByRole('dialog', { name: '确认异议成立并撤销立项？' });
    await revoking.getByTestId('confirm-amount').getByText('撤销的立项资助：¥25,000,000.00').waitFor();
    await expectAccessible(page, 'objection upheld (confirmation)');
    await page.getByTestId('confirm-ok').click();
    await page
      .getByTestId('resolution')
      .getByText(/¥25,000,000\.00 退回预算/)
      .waitFor();
    await expectText(budgetLeft(), '¥25,000,000.00');
    await expectText(slotsFilled(), '2 / 3');
    await page.getByTestId(`project-${projectId}`).getByText('已终止').waitFor();
    await page.getByTestId(`project-${projectId}`).getByText('异议成立').waitFor();
    await expectAccessible(page, 'objection resolved');
    await screenshot(page, 'awards-06-objection-upheld');
  });

  it('works at phone width', async () => {
    // Signed in at desktop width (the header's "signed in as" is in the menu at phone width), then narrowed.
    const phone = await newPage();
    await signIn(phone, agency);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/agency/challenges/${challengeId}/awards`);
    await phone.getByTestId('gate-result-1').waitFor();
    await expectNoHorizontalScroll(phone);
    await expectAccessible(phone, 'awards at 390 px');
    await screenshot(phone, 'awards-07-phone');
  });

  it('an open call without a panel: one award, then finish awarding (confirmed) rejects the other bids', async () => {
    const [open] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 1,
      bidsPerChallenge: 2,
      mechanism: 'open_call',
      budgetFen: 6_000_000_000,
      requestFen: 2_500_000_000,
      totalInvestmentFen: 6_000_000_000,
    });
    await page.goto(`${base}/agency/challenges/${open.challengeId}/awards`);
    await expectText(slotsFilled(), '0 / 1');
    expect(await page.getByRole('button', { name: '结束立项' }).isDisabled()).toBe(true);
    await page
      .getByTestId(`award-form-${open.bids[1].bidId}`)
      .getByLabel(/^立项金额/)
      .fill('20,000,000');
    await page.getByTestId(`award-form-${open.bids[1].bidId}`).getByRole('button', { name: '立项' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await expectText(slotsFilled(), '1 / 1');
    await expectText(budgetLeft(), '¥40,000,000.00');
    // One award fills an open call: the challenge is awarded by the award itself; nothing is left to finish.
    await page.getByTestId(`ranked-${open.bids[0].bidId}`).getByText('未入选').waitFor();
    expect(await page.getByRole('button', { name: '结束立项' }).count()).toBe(0);

    const [race] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 1,
      bidsPerChallenge: 3,
      mechanism: 'horse_race',
      parallelSlots: 3,
      budgetFen: 6_000_000_000,
      requestFen: 1_000_000_000,
    });
    await page.goto(`${base}/agency/challenges/${race.challengeId}/awards`);
    await page.getByTestId(`award-form-${race.bids[0].bidId}`).getByRole('button', { name: '立项' }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await expectText(slotsFilled(), '1 / 3');
    await page.getByRole('button', { name: '结束立项' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('已立项 1 项，共 ¥10,000,000.00。').waitFor();
    await page.waitForTimeout(400); // the dialog's fade-in: axe measures contrast as it is painted
    await expectAccessible(page, 'finish awarding dialog');
    await dialog.getByRole('button', { name: '结束立项' }).click();
    await page.getByText('立项已结束：1 项立项，2 份申报未入选').waitFor();
    await page.getByTestId(`ranked-${race.bids[2].bidId}`).getByText('未入选').waitFor();
    const { rows } = await db.query(`SELECT status FROM challenges WHERE id = $1`, [race.challengeId]);
    expect(rows[0].status).toBe('awarded');
    await screenshot(page, 'awards-08-finished');
  });

  it('the challenge page: the agency edits the draft, extends the deadline with a reason, then cancels with a reason', async () => {
    const created = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ bidDeadline: new Date(Date.now() + 10 * DAY).toISOString() }))
      .expect(201);
    const id = created.body.id as string;
    await page.goto(`${base}/challenges/${id}`);
    const manage = page.getByTestId('challenge-management');
    // Edit the draft: the same steps, filled with the draft; saved with PATCH.
    await manage.getByRole('link', { name: '编辑草稿' }).click();
    await page.getByRole('heading', { name: '编辑草稿', level: 1 }).waitFor();
    expect(await field(page, '榜单名称').inputValue()).toBe('高精度光计算芯片攻关');
    await field(page, '榜单名称').fill('高精度光计算芯片攻关（修订）');
    await expectAccessible(page, 'edit draft');
    for (const heading of ['指标与条件', '时间安排', '机制与经费', '确认']) {
      await page.getByRole('button', { name: '下一步' }).click();
      await page.getByRole('heading', { name: heading }).waitFor();
    }
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(new RegExp(`/challenges/${id}$`));
    await page.getByRole('heading', { name: '高精度光计算芯片攻关（修订）', level: 1 }).waitFor();
    const { rows: edited } = await db.query(`SELECT title, budget_fen::text FROM challenges WHERE id = $1`, [id]);
    expect(edited[0]).toEqual({ title: '高精度光计算芯片攻关（修订）', budget_fen: '5000000000' });

    await t.http.post(`${API}/challenges/${id}/publish`).set(bearer(agency)).expect(200);
    // The review panel: reviewers picked from the staff list by name.
    await page.goto(`${base}/agency/challenges/${id}/panel`);
    await page.getByRole('checkbox', { name: 'reviewer user' }).first().check();
    await page.getByRole('button', { name: /^指派 1 位评审专家$/ }).click();
    await page.getByTestId('confirm-ok').click(); // the confirmation before it acts
    await page.getByTestId('reviewers').getByText('reviewer user').waitFor();
    expect(await page.getByTestId('reviewers').textContent()).not.toContain(reviewer.userId);
    await expectAccessible(page, 'panel with the reviewer picker');
    await screenshot(page, 'awards-10-reviewer-picker');
    await page.goto(`${base}/challenges/${id}`);
    await manage.getByRole('heading', { name: '延长截止时间' }).waitFor();
    await manage.getByRole('button', { name: '延长截止时间' }).click();
    await manage.getByText('请填写理由').waitFor();
    await manage.getByText('须晚于当前截止时间和现在').waitFor();
    await field(page, '新的截止时间').fill(shanghaiInput(20));
    await manage.getByLabel(/^理由/).fill('答疑后需要更多准备时间');
    await manage.getByRole('button', { name: '延长截止时间' }).click();
    await manage.getByText('截止时间已延长').waitFor();
    const { rows } = await db.query(`SELECT bid_deadline FROM challenges WHERE id = $1`, [id]);
    expect(Math.abs((rows[0].bid_deadline as Date).getTime() - (Date.now() + 20 * DAY))).toBeLessThan(2 * 60_000);
    await expectAccessible(page, 'challenge management');
    await screenshot(page, 'awards-09-extend');

    await manage.getByRole('button', { name: '撤销榜单' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('撤销后不可恢复').waitFor();
    await page.waitForTimeout(400);
    await expectAccessible(page, 'cancel dialog');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await dialog.getByText('请填写理由').waitFor();
    await dialog.getByLabel(/^理由/).fill('资金安排调整');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await page.getByText('已撤销').first().waitFor();
    const { rows: after } = await db.query(`SELECT status FROM challenges WHERE id = $1`, [id]);
    expect(after[0].status).toBe('cancelled');
  });

  it('ran under the api’s Content-Security-Policy without a complaint', () => {
    expect(browser.cspErrors).toEqual([]);
  });
});
