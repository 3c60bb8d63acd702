import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { seedClosedChallenges } from '@app/awards/testing/seed';
import { FundingPolicy } from '@app/funding-rules';
import { DisbursementService } from '@app/milestones';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(180_000);
const API = '/api/v1';
const DAY = 86_400_000;
/** 1亿元 in fen: the project-manager track's cap (clause 4 (四)), and here the total investment too. */
const HUNDRED_MILLION_YUAN = 10_000_000_000;

/*
 * Issue 17, "a project is judged by the law in force when it was awarded": a project-manager-track
 * project is awarded 100M on a 100M investment under version A (no ratio, in force from 2023-01-01).
 * The app restarts with a ratio of 35% and the measures moved to start in 2027, which under today's
 * settings would refuse every tranche (rate_exceeded, not_in_force). The tranches still pay, and a
 * plan change is still judged by version A. The database itself refuses a project row whose rate or
 * cap is not its version's, or whose grant breaks min(floor(rate × base), cap).
 */
describe('policy versions: a project is judged by the version it was awarded under', () => {
  let a: TestApp;
  let b: TestApp | undefined;
  let db: Client;
  let agency: Session;
  let pm: Session;
  let team: Session;
  let projectId: string;
  let versionA: string;

  beforeAll(async () => {
    a = await createTestApp({ acceptLanguage: 'en', env: { DISBURSEMENT_DELAY: 'PT1S' } });
    db = new Client({ connectionString: a.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(a.http);
    agency = await createStaff(a.http, admin, 'agency');
    pm = await createStaff(a.http, admin, 'program_manager');
    team = await registerTeam(a.http);
  });
  afterAll(async () => {
    await db?.end();
    await b?.close();
    // The first app was stopped mid-test; the run's teardown drops the database it leaves.
  });

  it('an award records the version its settings made, with the rule values of that version', async () => {
    const [seeded] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 1,
      bidsPerChallenge: 1,
      mechanism: 'open_call',
      track: 'pm_major',
      budgetFen: 2 * HUNDRED_MILLION_YUAN,
      requestFen: HUNDRED_MILLION_YUAN,
      totalInvestmentFen: HUNDRED_MILLION_YUAN,
    });
    const bidId = seeded.bids[0].bidId;
    await db.query(`UPDATE bids SET organization_id = $2 WHERE id = $1`, [bidId, team.organizationId]);
    const res = await a.http
      .post(`${API}/challenges/${seeded.challengeId}/awards`)
      .set(bearer(agency))
      .send({ bidId, amountFen: HUNDRED_MILLION_YUAN, programManagerId: pm.userId })
      .expect(201);
    projectId = res.body.id;
    versionA = a.app.get(FundingPolicy).currentVersion().id;
    const { rows } = await db.query(
      `SELECT p.policy_version_id, p.rule_rate_bp, p.rule_cap_fen::text, v.first_day::text, v.pm_major_rate_bp
         FROM projects p JOIN policy_versions v ON v.id = p.policy_version_id WHERE p.id = $1`,
      [projectId],
    );
    expect(rows[0]).toEqual({
      policy_version_id: versionA,
      rule_rate_bp: null,
      rule_cap_fen: String(HUNDRED_MILLION_YUAN),
      first_day: '2023-01-01',
      pm_major_rate_bp: null,
    });
    const ledger = await db.query(`SELECT after FROM audit_entries WHERE action = 'award.granted' AND subject_id = $1`, [
      projectId,
    ]);
    expect(ledger.rows[0].after.policyVersionId).toBe(versionA);
    // Publicity over (the gate to submitting reports); the job that does it is not what is tested here.
    await db.query(`UPDATE projects SET status = 'active', activated_at = now() WHERE id = $1`, [projectId]);
  });

  it('publishing refuses a challenge whose awards could only come after the measures end (Beijing days)', async () => {
    // Version A is in force 2023-01-01 … 2027-12-31; awards come after the bid deadline.
    const body = (bidDeadline: string) => ({
      title: '超导量子计算芯片关键技术攻关',
      summary: '研制可扩展的超导量子计算芯片 (superconducting quantum chip).',
      industry: 'quantum_information',
      field: 'key_components',
      mechanism: 'open_call',
      track: 'core_tech',
      budgetFen: 2_000_000_000,
      maxAwardFen: 2_000_000_000,
      objectives: [{ metric: '量子比特数', target: 100, unit: 'qubits' }],
      eligibility: { orgKinds: ['enterprise', 'university'], consortiumAllowed: true, maxMembers: 5 },
      bidDeadline,
      projectEndsAt: '2029-06-30T00:00:00+08:00',
    });
    const publish = async (bidDeadline: string) => {
      const created = await a.http.post(`${API}/challenges`).set(bearer(agency)).send(body(bidDeadline)).expect(201);
      return a.http.post(`${API}/challenges/${created.body.id}/publish`).set(bearer(agency));
    };
    // 00:30 on 1 January 2028 in Beijing is still 31 December in UTC, and already out of force.
    const late = await publish('2028-01-01T00:30:00+08:00');
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({
      code: 'policy.awards_after_window',
      bidDeadlineDay: '2028-01-01',
      lastDay: '2027-12-31',
      errors: [{ field: 'bidDeadline', message: expect.stringContaining('2027-12-31') }],
      explanation: { zh: expect.stringContaining('第（二十四）条'), en: expect.stringContaining('clause 24 (二十四)') },
    });
    // The last minute of the last Beijing day still leaves the decision inside the window.
    const lastDay = await publish('2027-12-31T23:59:00+08:00');
    expect(lastDay.status).toBe(200);
  });

  it('after a restart with a ratio set and POLICY_EFFECTIVE_FROM moved, every tranche still pays', async () => {
    await a.app.close();
    b = await createTestApp({
      acceptLanguage: 'en',
      env: { DISBURSEMENT_DELAY: 'PT1S', PM_MAJOR_RATE_BP: '3500', POLICY_EFFECTIVE_FROM: '2027-01-01' },
      databaseVia: () => a.databaseUrl,
    });
    const http = b.http;
    const versionB = b.app.get(FundingPolicy).currentVersion().id;
    expect(versionB).not.toBe(versionA);
    // Today's law would refuse this grant outright: 35% of 100M is 35M, and the measures are not yet in force.
    const quote = await http
      .post(`${API}/funding-rules/art4.pm_major/quote`)
      .send({ baseFen: HUNDRED_MILLION_YUAN, requestedFen: HUNDRED_MILLION_YUAN / 2 })
      .expect(200);
    expect(quote.body.violations.map((v: { code: string }) => v.code)).toEqual(['not_in_force', 'rate_exceeded']);

    const milestones = (await db.query(`SELECT id FROM project_milestones WHERE project_id = $1 ORDER BY seq`, [projectId])).rows;
    const [m1, m2] = milestones.map((m) => m.id as string);
    await acceptAndPay(http, m1);

    // A plan change on the second milestone is judged by version A too (same tranche, a later date).
    const newDue = new Date(Date.now() + 300 * DAY).toISOString();
    const cr = await http
      .post(`${API}/projects/${projectId}/milestones/${m2}/change-requests`)
      .set(bearer(team))
      .send({ dueAt: newDue, trancheFen: HUNDRED_MILLION_YUAN / 2, reason: '设备延期' })
      .expect(201);
    const decided = await http
      .post(`${API}/projects/${projectId}/change-requests/${cr.body.id}/decision`)
      .set(bearer(pm))
      .send({ approve: true })
      .expect(200);
    expect(decided.body.status).toBe('approved');
    await acceptAndPay(http, m2);

    const paid = await db.query(`SELECT paid_fen::text, policy_version_id FROM projects WHERE id = $1`, [projectId]);
    expect(paid.rows[0]).toEqual({ paid_fen: String(HUNDRED_MILLION_YUAN), policy_version_id: versionA });
  });

  it('the same settings choose the same version row (start-up is idempotent)', async () => {
    const policy = (b as TestApp).app.get(FundingPolicy);
    const before = (await db.query(`SELECT count(*)::int AS n FROM policy_versions`)).rows[0].n;
    const again = await policy.adoptCurrentVersion();
    expect(again.id).toBe(policy.currentVersion().id);
    expect((await db.query(`SELECT count(*)::int AS n FROM policy_versions`)).rows[0].n).toBe(before);
    expect(before).toBe(2);
  });

  it('the database refuses a project whose rate or cap is not its version’s, or whose grant breaks them', async () => {
    const update = (set: string) => db.query(`UPDATE projects SET ${set} WHERE id = $1`, [projectId]);
    // A cap of its own, looser than the version's: no version row has it.
    await expect(update(`rule_cap_fen = rule_cap_fen * 2, rule_cap_key = rule_cap_key * 2`)).rejects.toThrow(
      /FK_projects_policy_rule/,
    );
    // A rate the version does not have (version A sets no project-manager ratio).
    await expect(update(`rule_rate_bp = 10000, rule_rate_key = 10000`)).rejects.toThrow(/FK_projects_policy_rule/);
    // The key columns cannot drift from the values they stand for.
    await expect(update(`rule_cap_fen = NULL`)).rejects.toThrow(/CHK_projects_rule_keys/);
    // A grant beyond the stored cap, or beyond floor(rate × base) of a stored rate.
    await expect(
      update(`granted_fen = granted_fen + 1, cap_fen = cap_fen + 1, requested_fen = requested_fen + 1`),
    ).rejects.toThrow(/CHK_projects_rule_limit/);
    await expect(update(`rule_rate_bp = 9999, rule_rate_key = 9999`)).rejects.toThrow(/CHK_projects_rule_limit/);
    // A version in use cannot go.
    await expect(db.query(`DELETE FROM policy_version_rules WHERE version_id = $1`, [versionA])).rejects.toThrow(
      /FK_projects_policy_rule/,
    );
  });

  /** The team reports, the programme manager accepts, the tranche is paid by the real payment service. */
  async function acceptAndPay(http: TestApp['http'], milestoneId: string): Promise<void> {
    await http
      .post(`${API}/projects/${projectId}/milestones/${milestoneId}/submissions`)
      .set(bearer(team))
      .send({
        report: '完成了 / done',
        achieved: [{ metric: '算力', value: 120 }],
        attachments: [{ name: 'r.pdf', sha256: 'a'.repeat(64), url: 'https://files.example/r.pdf' }],
      })
      .expect(201);
    const r = await http
      .post(`${API}/projects/${projectId}/milestones/${milestoneId}/review`)
      .set(bearer(pm))
      .send({ decision: 'accept', comment: '验收通过' })
      .expect(200);
    expect(r.body.disbursement.amountFen).toBe(HUNDRED_MILLION_YUAN / 2);
    await db.query(`UPDATE disbursements SET scheduled_for = now() - interval '1 second' WHERE milestone_id = $1`, [milestoneId]);
    // The worker's payment service, on the restarted app's database, pool and policy versions.
    const app = (b as TestApp).app;
    const payments = new DisbursementService(app.get(DataSource), app.get(AuditService), app.get(FundingPolicy));
    const result = await payments.pay(milestoneId);
    // Paid now, or already by the app's own job: either way, paid — never blocked.
    if (result.kind !== 'nothing') expect(result).toEqual({ kind: 'paid', amountFen: HUNDRED_MILLION_YUAN / 2 });
    const d = await db.query(`SELECT status, reason FROM disbursements WHERE milestone_id = $1`, [milestoneId]);
    expect(d.rows[0]).toMatchObject({ status: 'paid' });
  }
});
