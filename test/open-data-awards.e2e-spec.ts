import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { GatePublicityEndJob } from '@app/awards/gate-publicity-end.job';
import { ProjectPublicityEndJob } from '@app/awards/publicity-end.job';
import { FundingPolicy } from '@app/funding-rules';
import { DisbursementService } from '@app/milestones/disbursement.service';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { ChallengeCloseJob, ChallengeCloseSteps } from '@app/challenges';
import { OPEN_DATA_CONFIG, OpenDataConfig } from '@app/open-data';
import { ocdsValidators } from '@app/open-data/testing/ocds-validator';
import { OcdsFeedChecker } from './support/ocds-feed';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(180_000);
const API = '/api/v1';
const OD = `${API}/open-data`;
const DAY = 86_400_000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
type Team = Session & { creditCode: string };

/**
 * The full scenario, through the API: publish, amend, Q&A, bids (one with a consortium), close,
 * awards (publicity), an upheld objection, awarding finished, publicity ends, a horse-race gate.
 * Every package is checked against the official OCDS 1.1.5 schemas (tests/support/ocds-1.1.5) and
 * every release against ours, and the statistics are checked against sums computed by hand.
 */
describe('open data: awards, contracts, statistics', () => {
  let t: TestApp;
  let agency: Session;
  let db: Client;
  let official: OcdsFeedChecker;
  let prefix: string;
  const ocds = ocdsValidators();
  const canary = `CANARY-${randomBytes(12).toString('hex')}`;
  let race: string;
  let call: string;
  let teams: Team[];
  const projects: Record<string, string> = {};
  let callMilestones: { id: string; trancheFen: number }[];

  const create = async (over: Record<string, unknown>) => {
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody(over));
    if (c.status !== 201) throw new Error(`create: ${c.status} ${JSON.stringify(c.body)}`);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)).expect(200);
    return c.body.id as string;
  };
  const close = async (challengeId: string) => {
    await passDeadline(t.databaseUrl, challengeId);
    await new ChallengeCloseJob(t.app.get(DataSource), t.app.get(AuditService), new ChallengeCloseSteps()).handle({
      challengeId,
    });
  };
  const bid = async (challengeId: string, team: Team, over: Record<string, unknown> = {}) =>
    (await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(team)).send(bidBody(over)).expect(201)).body
      .id as string;
  const award = async (challengeId: string, bidId: string, amountFen: number) => {
    const res = await t.http.post(`${API}/challenges/${challengeId}/awards`).set(bearer(agency)).send({ bidId, amountFen });
    if (res.status !== 201) throw new Error(`award: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const endPublicity = async (projectId: string) => {
    await db.query(`UPDATE projects SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [projectId]);
    await new ProjectPublicityEndJob(t.app.get(DataSource), t.app.get(AuditService)).handle({ projectId });
  };
  const ocidOf = (id: string) => `${prefix}-${id}`;

  async function follow(query: Record<string, string | number> = {}): Promise<any[]> {
    const releases: any[] = [];
    let since: string | undefined;
    for (;;) {
      const res = await t.http
        .get(`${OD}/ocds/releases`)
        .query({ ...query, limit: 100, ...(since ? { since } : {}) })
        .expect(200);
      await official.assert('releasePackage', res.body);
      ocds.assert('releasePackage', res.body);
      const page: any[] = res.body.releases ?? [];
      releases.push(...page);
      since = new URL(res.body.links.next).searchParams.get('since') ?? undefined;
      if (page.length < 100) return releases;
    }
  }
  const record = async (challengeId: string) => {
    const res = await t.http.get(`${OD}/ocds/records/${ocidOf(challengeId)}`).expect(200);
    await official.assert('recordPackage', res.body);
    ocds.assert('recordPackage', res.body);
    return res.body.records[0];
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', PUBLICITY_PERIOD: 'PT1H', QA_EXTENSION_WINDOW: 'PT1S' } });
    official = new OcdsFeedChecker(t.http);
    prefix = t.app.get<OpenDataConfig>(OPEN_DATA_CONFIG).ocidPrefix;
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    const pm = await createStaff(t.http, admin, 'program_manager');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    teams = [];
    for (let i = 0; i < 5; i++) teams.push(await registerTeam(t.http));

    // A horse race (up to 4 parallel teams, 3 awarded, one stage gate) and an open call in another industry.
    race = await create({
      title: '赛马：量子测控',
      industry: 'quantum_information',
      field: 'test_instruments',
      mechanism: 'horse_race',
      track: 'core_tech',
      parallelSlots: 4,
      budgetFen: 9_000_000_000,
      stages: [{ name: '初赛', endsAt: isoIn(30 * DAY), advancingSlots: 1 }],
      projectEndsAt: isoIn(400 * DAY),
    });
    call = await create({ title: '揭榜：光计算', budgetFen: 5_000_000_000 });
    await t.http
      .post(`${API}/challenges/${call}/extend-deadline`)
      .set(bearer(agency))
      .send({ bidDeadline: isoIn(2 * 3_600_000) })
      .expect(200);
    const q = await t.http
      .post(`${API}/challenges/${call}/questions`)
      .set(bearer(teams[0]))
      .send({ text: '需要样机吗？' })
      .expect(201);
    await t.http
      .post(`${API}/challenges/${call}/questions/${q.body.id}/answer`)
      .set(bearer(agency))
      .send({ text: '需要。' })
      .expect(200);

    const raceBids = [
      await bid(race, teams[0], { text: canary }),
      await bid(race, teams[1]),
      await bid(race, teams[2], {
        consortium: [
          { creditCode: teams[2].creditCode, role: 'lead', sharePercent: 70 },
          { creditCode: teams[3].creditCode, role: 'member', sharePercent: 30 },
        ],
      }),
      await bid(race, teams[4]),
    ];
    const callBids = [await bid(call, teams[0]), await bid(call, teams[1], { text: canary })];
    await close(race);
    await close(call);

    projects.r0 = await award(race, raceBids[0], 900_000_000);
    projects.r1 = await award(race, raceBids[1], 800_000_001);
    projects.r2 = await award(race, raceBids[2], 700_000_000);
    projects.c0 = await award(call, callBids[1], 1_000_000_000);

    // An objection to r1, upheld: that award falls (its slot and money go back).
    const o = await t.http
      .post(`${API}/projects/${projects.r1}/objections`)
      .set(bearer(teams[4]))
      .send({ reason: '资质存疑' })
      .expect(201);
    await t.http
      .post(`${API}/projects/${projects.r1}/objections/${o.body.id}/resolve`)
      .set(bearer(agency))
      .send({ decision: 'upheld', comment: '核实属实' })
      .expect(200);

    // The open call's only slot is filled: awarding finished by itself. The race has a slot left: the agency says it is done.
    expect((await db.query(`SELECT status FROM challenges WHERE id = $1`, [call])).rows[0].status).toBe('awarded');
    await t.http.post(`${API}/challenges/${race}/awards/finish`).set(bearer(agency)).expect(200);
    for (const p of [projects.r0, projects.r2, projects.c0]) await endPublicity(p);

    // The stage ends (test-only: moved into the past); r0 advances, r2 is stopped.
    await db.query(
      `UPDATE challenges SET stages = jsonb_set(stages, '{0,endsAt}', to_jsonb(to_char((now() - interval '1 minute') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) WHERE id = $1`,
      [race],
    );
    const gate = await t.http
      .post(`${API}/challenges/${race}/stages/1/gate`)
      .set(bearer(agency))
      .send({ advancing: [projects.r0], tieBreak: { reason: '中期评估更优' } });
    if (gate.status !== 201 && gate.status !== 200) throw new Error(`gate: ${gate.status} ${JSON.stringify(gate.body)}`);
    // The gate's publicity period ends with no objection: its result is final (the stop reaches the feed now).
    await db.query(`UPDATE stage_gates SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [gate.body.id]);
    await new GatePublicityEndJob(t.app.get(DataSource), t.app.get(AuditService)).handle({ gateId: gate.body.id });

    // The open call's project runs: milestone 1 met (full tranche), milestone 2 partially met (reduced); both paid.
    await t.http
      .put(`${API}/projects/${projects.c0}/program-manager`)
      .set(bearer(agency))
      .send({ userId: pm.userId })
      .expect(200);
    const p = await t.http.get(`${API}/projects/${projects.c0}`).set(bearer(agency)).expect(200);
    callMilestones = p.body.milestones.map((m: { id: string; trancheFen: number }) => ({ id: m.id, trancheFen: m.trancheFen }));
    const review = async (mid: string, body: object) => {
      await t.http
        .post(`${API}/projects/${projects.c0}/milestones/${mid}/submissions`)
        .set(bearer(teams[1]))
        .send({ report: '阶段报告' })
        .expect(201);
      const res = await t.http.post(`${API}/projects/${projects.c0}/milestones/${mid}/review`).set(bearer(pm)).send(body);
      if (res.status !== 200 && res.status !== 201) throw new Error(`review: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await review(callMilestones[0].id, { decision: 'accept', comment: '达标' });
    await review(callMilestones[1].id, { decision: 'partial', comment: '部分达标', reducedTrancheFen: 200_000_000 });
    // The disbursement job's service, run in-process (the e2e app runs no worker).
    const disbursements = new DisbursementService(t.app.get(DataSource), t.app.get(AuditService), t.app.get(FundingPolicy));
    for (const m of callMilestones) expect(await disbursements.pay(m.id)).toMatchObject({ kind: 'paid' });
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('every release of the scenario validates, and every kind appears', async () => {
    const releases = await follow();
    for (const r of releases) ocds.assert('release', r);
    const tags = new Set(releases.flatMap((r) => r.tag));
    expect([...tags].sort()).toEqual(
      [
        'award',
        'awardCancellation',
        'awardUpdate',
        'contract',
        'contractTermination',
        'implementation',
        'tender',
        'tenderAmendment',
        'tenderUpdate',
      ].sort(),
    );
    expect(new Set(releases.map((r) => r.id)).size).toBe(releases.length);
  });

  it('award: pending during publicity, the amount in CNY, suppliers with their credit codes (a consortium lists its members)', async () => {
    const rec = await record(race);
    const awards = rec.releases.filter((r: any) => r.tag.includes('award'));
    expect(awards).toHaveLength(3);
    const r2 = awards.find((r: any) => r.awards[0].id === projects.r2);
    expect(r2.awards[0]).toMatchObject({ status: 'pending', value: { amount: 7_000_000, currency: 'CNY' } });
    // org-id.guide's list code for the unified social credit code is CN-USCI.
    expect(r2.awards[0].suppliers.map((s: any) => s.id)).toEqual([
      `CN-USCI-${teams[2].creditCode}`,
      `CN-USCI-${teams[3].creditCode}`,
    ]);
    expect(r2.parties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: `CN-USCI-${teams[2].creditCode}`,
          identifier: { scheme: 'CN-USCI', id: teams[2].creditCode, legalName: expect.any(String) },
          roles: ['supplier', 'payee'],
        }),
        expect.objectContaining({ id: `CN-USCI-${teams[3].creditCode}`, roles: ['supplier'] }),
      ]),
    );
    const r1 = awards.find((r: any) => r.awards[0].id === projects.r1);
    expect(r1.awards[0].value).toEqual({ amount: 8_000_000.01, currency: 'CNY' });
  });

  it('objection upheld: awardCancellation; publicity over: awardUpdate active + contract active with its milestones scheduled in implementation', async () => {
    const rec = await record(race);
    const cancellation = rec.releases.find(
      (r: any) => r.tag.includes('awardCancellation') && r.awards.some((a: any) => a.id === projects.r1),
    );
    expect(cancellation.awards).toEqual([expect.objectContaining({ id: projects.r1, status: 'cancelled' })]);
    const contract = rec.releases.find((r: any) => r.tag.includes('contract') && r.contracts[0].id === projects.r0);
    expect(contract.tag).toEqual(['awardUpdate', 'contract']);
    expect(contract.awards).toEqual([{ id: projects.r0, status: 'active' }]);
    const { rows: milestones } = await db.query(
      `SELECT id, tranche_fen::bigint AS fen, due_at FROM project_milestones WHERE project_id = $1 ORDER BY seq`,
      [projects.r0],
    );
    // Delivery milestones are implementation milestones (updated in place as they are met), never
    // `contracts[].milestones` too; and `Milestone.value` (OCDS 1.2) is not published in 1.1: the
    // tranche is in the description, in fen-exact CNY.
    expect(contract.contracts[0].milestones).toBeUndefined();
    expect(contract.contracts[0]).toMatchObject({
      id: projects.r0,
      awardID: projects.r0,
      status: 'active',
      value: { amount: 9_000_000, currency: 'CNY' },
      implementation: {
        milestones: milestones.map((m) => ({
          id: m.id,
          title: expect.any(String),
          type: 'delivery',
          status: 'scheduled',
          dueDate: m.due_at.toISOString(),
          description: expect.stringContaining((Number(m.fen) / 100).toFixed(2)),
        })),
      },
    });
    for (const m of contract.contracts[0].implementation.milestones) expect(m.value).toBeUndefined();
  });

  it('the gate: the stopped project’s contract is terminated; awarding finished completes the tender; the record compiles it all', async () => {
    const rec = await record(race);
    const gate = rec.releases.find((r: any) => r.tag.includes('contractTermination'));
    expect(gate.contracts).toEqual([expect.objectContaining({ id: projects.r2, awardID: projects.r2, status: 'terminated' })]);
    const compiled = rec.compiledRelease;
    expect(compiled.tender).toMatchObject({ id: race, status: 'complete', numberOfTenderers: 4 });
    const status = (list: any[]) => Object.fromEntries(list.map((x) => [x.id, x.status]));
    expect(status(compiled.awards)).toEqual({ [projects.r0]: 'active', [projects.r1]: 'cancelled', [projects.r2]: 'active' });
    expect(status(compiled.contracts)).toEqual({ [projects.r0]: 'active', [projects.r2]: 'terminated' });
    // The open call was completed by its award (its only slot), not by a separate decision.
    const callRecord = await record(call);
    const completing = callRecord.releases.find((r: any) => r.tag.includes('award'));
    expect(completing.tag).toEqual(['award', 'tenderUpdate']);
    expect(callRecord.compiledRelease.tender.status).toBe('complete');
    expect(rec.releases.filter((r: any) => r.tag.includes('tenderUpdate')).map((r: any) => r.tender.status)).toEqual([
      'active',
      'complete',
    ]);
    // Parties merge by id: the buyer once, each supplier once.
    expect(new Set(compiled.parties.map((p: any) => p.id)).size).toBe(compiled.parties.length);
  });

  it('implementation: milestone outcomes (met, partiallyMet) and a transaction per paid tranche; compiled beside the plan', async () => {
    const rec = await record(call);
    const impl = rec.releases.filter((r: any) => r.tag.includes('implementation'));
    expect(impl).toHaveLength(4);
    const compiled = rec.compiledRelease.contracts.find((c: any) => c.id === projects.c0);
    expect(compiled.status).toBe('active');
    // One place per milestone: the compiled record cannot say `scheduled` and `met` of the same one.
    expect(compiled.milestones).toBeUndefined();
    const ids = JSON.stringify(rec.compiledRelease).match(new RegExp(callMilestones[0].id, 'g')) ?? [];
    expect(ids).toHaveLength(1);
    expect(compiled.implementation.milestones).toEqual([
      expect.objectContaining({
        id: callMilestones[0].id,
        status: 'met',
        dueDate: expect.any(String),
        dateMet: expect.any(String),
        description: expect.stringContaining((callMilestones[0].trancheFen / 100).toFixed(2)),
      }),
      expect.objectContaining({
        id: callMilestones[1].id,
        status: 'partiallyMet',
        dueDate: expect.any(String),
        description: expect.stringContaining('2000000.00'),
      }),
    ]);
    for (const m of compiled.implementation.milestones) expect(m.value).toBeUndefined();
    const { rows: paid } = await db.query(
      `SELECT id, amount_fen::bigint AS fen FROM disbursements WHERE project_id = $1 AND status = 'paid' ORDER BY paid_at`,
      [projects.c0],
    );
    expect(compiled.implementation.transactions).toEqual(
      paid.map((d) => ({
        id: d.id,
        date: expect.any(String),
        value: { amount: Number(d.fen) / 100, currency: 'CNY' },
        payer: { id: rec.compiledRelease.buyer.id, name: expect.any(String) },
        payee: { id: `CN-USCI-${teams[1].creditCode}`, name: expect.any(String) },
      })),
    );
    const total = compiled.implementation.transactions.reduce((s: number, x: any) => s + Math.round(x.value.amount * 100), 0);
    expect(total).toBe(700_000_000);
  });

  it('statistics: counts and money by industry, mechanism, track and year, against hand-computed sums', async () => {
    const res = await t.http.get(`${OD}/stats`).expect(200);
    const s = res.body;
    // Hand-computed from the scenario: two challenges, 4 + 2 live bids, 4 awards (one revoked
    // later: still an award made), 9,000,000 + 8,000,000.01 + 7,000,000 + 10,000,000 CNY awarded.
    const awardedFen = 900_000_000 + 800_000_001 + 700_000_000 + 1_000_000_000;
    const paidFen = callMilestones[0].trancheFen + 200_000_000;
    expect(paidFen).toBe(700_000_000);
    expect(s.totals).toEqual({ challenges: 2, budgetFen: 14_000_000_000, bids: 6, awards: 4, awardedFen, paidFen });
    const by = (list: any[]) => Object.fromEntries(list.map(({ key, ...rest }: any) => [key, rest]));
    expect(by(s.byIndustry)).toEqual({
      quantum_information: { challenges: 1, budgetFen: 9_000_000_000, bids: 4, awards: 3, awardedFen: 2_400_000_001, paidFen: 0 },
      optical_comm_computing: { challenges: 1, budgetFen: 5_000_000_000, bids: 2, awards: 1, awardedFen: 1_000_000_000, paidFen },
    });
    expect(by(s.byMechanism)).toEqual({
      horse_race: expect.objectContaining({ challenges: 1, awards: 3, awardedFen: 2_400_000_001 }),
      open_call: expect.objectContaining({ challenges: 1, awards: 1, awardedFen: 1_000_000_000, paidFen }),
    });
    expect(by(s.byTrack)).toEqual({
      core_tech: { challenges: 2, budgetFen: 14_000_000_000, bids: 6, awards: 4, awardedFen, paidFen },
    });
    expect(by(s.byField)).toEqual({
      test_instruments: expect.objectContaining({ challenges: 1, bids: 4 }),
      key_components: expect.objectContaining({ challenges: 1, bids: 2 }),
    });
    const year = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
    expect(by(s.byYear)).toEqual({
      [year]: { challenges: 2, budgetFen: 14_000_000_000, bids: 6, awards: 4, awardedFen, paidFen },
    });
    // Both challenges are awarded (every slot filled or awarding finished): the status groups sum to the totals.
    expect(by(s.byStatus)).toEqual({
      awarded: { challenges: 2, budgetFen: 14_000_000_000, bids: 6, awards: 4, awardedFen, paidFen },
    });
    // Horse race: 3 projects awarded; 2 became active (r1 was revoked in publicity); 1 passed gate 1.
    expect(s.horseRace).toEqual({
      projects: 3,
      stages: [
        { stage: 'awarded', projects: 3, shareBp: 10_000 },
        { stage: 'active', projects: 2, shareBp: 6_666 },
        { stage: 'stage_1', projects: 1, shareBp: 3_333 },
        { stage: 'completed', projects: 0, shareBp: 0 },
      ],
    });
  });

  it('sealed-bid canary: nothing of a proposal reaches open data, before or after awards', async () => {
    const texts: string[] = [];
    for (const url of [
      `${OD}/ocds/releases?limit=1000`,
      `${OD}/ocds/releases.jsonl`,
      `${OD}/stats`,
      `${OD}/ocds/records/${ocidOf(race)}`,
      `${OD}/ocds/records/${ocidOf(call)}`,
    ]) {
      const res = await t.http
        .get(url)
        .buffer(true)
        .parse((r, cb) => {
          let text = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (text += c));
          r.on('end', () => cb(null, text));
        });
      expect(res.status).toBe(200);
      texts.push(res.body as string);
    }
    for (const text of texts) expect(text).not.toContain(canary);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM bids WHERE proposal::text LIKE $1`, [`%${canary}%`]);
    expect(rows[0].n).toBe(2);
  });
});
