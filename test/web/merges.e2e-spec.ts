import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { finaliseGateIfDue } from '@app/awards/gate-finalise';
import { bearer, createStaff, loginAdmin, registerTeam, type Session } from '../support/factories';
import { raceAtFirstGate } from '../support/horse-race';
import { type TestApp } from '../support/test-app';
import { BrowserSession, expectAccessible, field, screenshot, signIn, listenForBrowser } from './browser';

jest.setTimeout(120_000);
const API = '/api/v1';

/** `days` from now as a datetime-local value in Beijing time (what a person types in the form). */
const beijingInput = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 11) + '12:00';

/**
 * A merge at a horse-race gate (强强联合), in Chromium against the real api: gate 1 is final with p0
 * and p1 advancing; the agency proposes on the awards page (projects, lead, the other lead's share,
 * title, investment, grant, two re-planned milestones) after a confirmation naming them; each lead
 * accepts on its project page, and the second acceptance carries the merge out.
 */
describe('merges at a gate (browser)', () => {
  let t: TestApp;
  let base: string;
  let browser: BrowserSession;
  let db: Client;
  let agency: Session;
  let teams: Session[];
  let challengeId: string;
  let p: string[];
  let projects: { id: string; title: string; organizationName: string }[];

  async function raceWithFinalGate(): Promise<void> {
    ({ challengeId, p } = await raceAtFirstGate({ http: t.http, db, agency, teams }));
    await db.query(`UPDATE projects SET status = 'active', activated_at = now() WHERE id = ANY($1::uuid[])`, [p]);
    await t.http
      .post(`${API}/challenges/${challengeId}/stages/1/gate`)
      .set(bearer(agency))
      .send({ advancing: [p[0], p[1]] })
      .expect(200);
    const { rows } = await db.query(`SELECT id FROM stage_gates WHERE challenge_id = $1 AND stage = 1`, [challengeId]);
    await db.query(`UPDATE stage_gates SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [rows[0].id]);
    await t.app.get(DataSource).transaction((em) => finaliseGateIfDue(em, t.app.get(AuditService), rows[0].id, null));
    projects = (await t.http.get(`${API}/projects`).query({ challengeId }).set(bearer(agency)).expect(200)).body.items;
  }
  const named = (id: string) => projects.find((x) => x.id === id) as { title: string; organizationName: string };

  beforeAll(async () => {
    ({ t, base } = await listenForBrowser({ env: { MIN_BID_WINDOW: 'PT1S', PUBLICITY_PERIOD: 'P5D' } }));
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    teams = [];
    for (let i = 0; i < 3; i++) teams.push(await registerTeam(t.http));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await raceWithFinalGate();
    browser = await BrowserSession.launch();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await t?.close();
  });

  it('the agency proposes the merge, told first what it does', async () => {
    const page = await browser.newPage();
    await signIn(page, base, agency.email, agency.password);
    await page.goto(`${base}/agency/challenges/${challengeId}/awards`);
    const merges = page.getByTestId('merges');
    const [first, second] = [named(p[0]), named(p[1])];
    await merges.getByLabel(`${first.title} · ${first.organizationName}`).check();
    await merges.getByLabel(`${second.title} · ${second.organizationName}`).check();
    // The stopped project is not offered.
    expect(await merges.getByLabel(new RegExp(named(p[2]).organizationName)).count()).toBe(0);
    await field(merges, '牵头单位').selectOption({ label: first.organizationName });
    await merges.getByLabel(`${second.organizationName} 的比例（%）`).fill('40');
    await merges.getByTestId('merge-lead-share').getByText('60%').waitFor();
    await field(merges, '合并后项目名称').fill('光计算强强联合项目');
    await field(merges, '合并后总投资（元）').fill('40000000');
    await field(merges, '合并后资助（元）').fill('18000000');
    await field(merges, '里程碑 1 名称').fill('联合样机');
    await field(merges, '里程碑 1 完成时间（北京时间）').fill(beijingInput(200));
    await field(merges, '里程碑 1 交付成果').fill('样机');
    await field(merges, '里程碑 1 拨付金额（元）').fill('10000000');
    await merges.getByRole('button', { name: '添加里程碑' }).click();
    await field(merges, '里程碑 2 名称').fill('系统验证');
    await field(merges, '里程碑 2 完成时间（北京时间）').fill(beijingInput(240));
    await field(merges, '里程碑 2 交付成果').fill('验证报告');
    await field(merges, '里程碑 2 拨付金额（元）').fill('8000000');
    await expectAccessible(page, 'merge form (zh)');
    await merges.getByRole('button', { name: '提出合并方案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/由 .* 牵头。各项目牵头单位须全部同意/).waitFor();
    expect(await dialog.textContent()).toContain('¥18,000,000.00');
    await page.getByTestId('confirm-ok').click();
    await merges.getByTestId('merge-proposed').waitFor();
    await merges.getByText('待各方确认').first().waitFor();
    await expectAccessible(page, 'merge proposed (zh)');
    await screenshot(page, 'merge-01-proposed');
  });

  async function accept(page: Page, projectId: string, axe?: string): Promise<void> {
    await page.goto(`${base}/projects/${projectId}`);
    await page.getByText('光计算强强联合项目').first().waitFor();
    if (axe) await expectAccessible(page, axe);
    await page.getByRole('button', { name: '同意合并' }).click();
    await page.getByTestId('confirm-ok').click();
  }

  it('each lead accepts on its project page; the second acceptance merges', async () => {
    const lead = await browser.newPage();
    await signIn(lead, base, teams[0].email, teams[0].password);
    await accept(lead, p[0], 'merge consent (zh)');
    await lead.getByText('本项目答复：已同意').waitFor();
    const other = await browser.newPage();
    await signIn(other, base, teams[1].email, teams[1].password);
    await other.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await other.goto(`${base}/projects/${p[1]}`);
    await other.getByRole('button', { name: 'Accept the merge' }).waitFor();
    await expectAccessible(other, 'merge consent (en)');
    await other.evaluate(`localStorage.setItem('jiebang.lang', 'zh')`);
    await accept(other, p[1]);
    await other.getByText('合并已生效：本项目由合并后的项目取代。').waitFor();
    const { rows } = await db.query(`SELECT id, status, merged_into FROM projects WHERE challenge_id = $1 ORDER BY created_at`, [
      challengeId,
    ]);
    const merged = rows.find((r) => r.merged_into === null && !p.includes(r.id));
    expect(merged).toBeDefined();
    expect(
      rows
        .filter((r) => r.status === 'merged')
        .map((r) => r.id)
        .sort(),
    ).toEqual([p[0], p[1]].sort());
    await screenshot(other, 'merge-02-merged');
  });

  it('in English the agency proposes; a lead declines with a comment after a confirmation; the agency sees it declined', async () => {
    await raceWithFinalGate(); // a fresh race: the first one's projects are merged
    const [first, second] = [named(p[0]), named(p[1])];
    const page = await browser.newPage();
    await signIn(page, base, agency.email, agency.password);
    await page.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await page.goto(`${base}/agency/challenges/${challengeId}/awards`);
    const merges = page.getByTestId('merges');
    await merges.getByLabel(`${first.title} · ${first.organizationName}`).check();
    await merges.getByLabel(`${second.title} · ${second.organizationName}`).check();
    expect(await merges.getByLabel(new RegExp(named(p[2]).organizationName)).count()).toBe(0);
    await field(merges, 'Lead organisation').selectOption({ label: first.organizationName });
    await merges.getByLabel(`Share of ${second.organizationName} (%)`).fill('40');
    await merges.getByTestId('merge-lead-share').getByText('60%').waitFor();
    await field(merges, 'Title of the merged project').fill('Joint photonic computing');
    await field(merges, 'Merged total investment (yuan)').fill('40000000');
    await field(merges, 'Merged grant (yuan)').fill('18000000');
    await field(merges, 'Milestone 1 title').fill('Joint prototype');
    await field(merges, 'Milestone 1 due (Beijing time)').fill(beijingInput(200));
    await field(merges, 'Milestone 1 deliverable').fill('Prototype');
    await field(merges, 'Milestone 1 tranche (yuan)').fill('10000000');
    await merges.getByRole('button', { name: 'Add a milestone' }).click();
    await field(merges, 'Milestone 2 title').fill('System validation');
    await field(merges, 'Milestone 2 due (Beijing time)').fill(beijingInput(240));
    await field(merges, 'Milestone 2 deliverable').fill('Validation report');
    await field(merges, 'Milestone 2 tranche (yuan)').fill('8000000');
    await expectAccessible(page, 'merge form (en)');
    await merges.getByRole('button', { name: 'Propose the merge' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(new RegExp(`led by ${first.organizationName}\\. Every project’s lead must accept`)).waitFor();
    expect(await dialog.textContent()).toContain('¥18,000,000.00');
    await page.getByTestId('confirm-ok').click();
    await merges.getByTestId('merge-proposed').waitFor();
    await merges.getByText('Awaiting consent').first().waitFor();
    await expectAccessible(page, 'merge proposed (en)');

    // The second project's lead declines, in English, saying why; the confirmation comes first.
    const other = await browser.newPage();
    await signIn(other, base, teams[1].email, teams[1].password);
    await other.evaluate(`localStorage.setItem('jiebang.lang', 'en')`);
    await other.goto(`${base}/projects/${p[1]}`);
    await other.getByText('Joint photonic computing').first().waitFor();
    await other.getByLabel('Comment (optional)').fill('Our roadmaps differ too much');
    await other.getByRole('button', { name: 'Decline the merge' }).click();
    const confirm = other.getByRole('dialog');
    await confirm.getByText('Decline merging into “Joint photonic computing”?').waitFor();
    await confirm.getByText('Declining ends the proposal; this project continues as before.').waitFor();
    await expectAccessible(other, 'merge decline confirmation (en)');
    await other.getByTestId('confirm-ok').click();
    await other.getByText('The proposal was declined; this project continues as before.').waitFor();
    await other.getByText('This project’s answer: Declined').waitFor();
    await expectAccessible(other, 'merge declined, team (en)');
    await screenshot(other, 'merge-03-declined');

    // The agency sees the proposal declined, with the comment, in English and in Chinese; nothing merged.
    await page.reload();
    const card = page.getByTestId('merges').locator('li', { hasText: 'Joint photonic computing' }).first();
    await card.getByText('Declined').first().waitFor();
    await card.getByText('Our roadmaps differ too much').waitFor();
    await expectAccessible(page, 'merge declined, agency (en)');
    await page.evaluate(`localStorage.setItem('jiebang.lang', 'zh')`);
    await page.reload();
    const zhCard = page.getByTestId('merges').locator('li', { hasText: 'Joint photonic computing' }).first();
    await zhCard.getByText('已拒绝').first().waitFor();
    await zhCard.getByText('Our roadmaps differ too much').waitFor();
    await expectAccessible(page, 'merge declined, agency (zh)');
    const { rows } = await db.query(`SELECT status FROM projects WHERE id = ANY($1::uuid[])`, [[p[0], p[1]]]);
    expect(rows.map((r) => r.status)).toEqual(['active', 'active']);
  });
});
