import { Client } from 'pg';
import { seedClosedChallenges } from '@app/awards/testing/seed';
import { OPEN_DATA_CONFIG, OpenDataConfig } from '@app/open-data';
import { TestApp, createTestApp } from './support/test-app';
import {
  Session,
  bearer,
  createStaff,
  loginAdmin,
  randomAgencyCreditCode,
  randomCreditCode,
  registerAgency,
  registerTeam,
  uniqueEmail,
} from './support/factories';
import { OcdsFeedChecker } from './support/ocds-feed';

const API = '/api/v1';
const DAY = 86_400_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function challengeBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '超导量子计算芯片关键技术攻关',
    summary: '研制可扩展的超导量子计算芯片，突破高保真度双比特门。',
    industry: 'quantum_information',
    field: 'key_components',
    mechanism: 'open_call',
    track: 'core_tech',
    budgetFen: 2_000_000_000,
    maxAwardFen: 2_000_000_000,
    objectives: [{ metric: '量子比特数', target: 100, unit: 'qubits' }],
    eligibility: { orgKinds: ['enterprise', 'university'], consortiumAllowed: true, maxMembers: 5 },
    bidDeadline: iso(30 * DAY),
    projectEndsAt: iso(400 * DAY),
    ...over,
  };
}

jest.setTimeout(120_000);

describe('agencies are organisations', () => {
  let t: TestApp;
  let db: Client;
  let admin: Session;
  let agency: { id: string; name: string; creditCode: string };
  let officerA: Session;
  let officerB: Session;
  let otherOfficer: Session;
  let team: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await registerAgency(t.http, admin, { name: '深圳市科技创新局', creditCode: randomAgencyCreditCode('1') });
    officerA = await createStaff(t.http, admin, 'agency', agency.id);
    officerB = await createStaff(t.http, admin, 'agency', agency.id);
    otherOfficer = await createStaff(t.http, admin, 'agency'); // of another agency
    team = await registerTeam(t.http);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  describe('registering an agency (admin)', () => {
    it('refuses a malformed code, or a well-formed code not of the establishment administration, naming creditCode', async () => {
      const bad = await t.http
        .post(`${API}/agencies`)
        .set(bearer(admin))
        .send({ name: '某局', creditCode: '11440300MB2C9205XX' });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body).toMatchObject({ code: 'identity.invalid_credit_code', errors: [{ field: 'creditCode' }] });

      const enterprise = await t.http
        .post(`${API}/agencies`)
        .set(bearer(admin))
        .send({ name: '某公司', creditCode: randomCreditCode() });
      expect(enterprise.status).toBe(400);
      expect(enterprise.body).toMatchObject({ code: 'identity.not_an_agency_code', errors: [{ field: 'creditCode' }] });

      const blank = await t.http
        .post(`${API}/agencies`)
        .set(bearer(admin))
        .send({ name: ' ', creditCode: randomAgencyCreditCode() });
      expect(blank.status).toBe(400);
      expect(blank.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    });

    it('registers a public institution (事业单位), refuses the same code twice, and only for admins', async () => {
      const creditCode = randomAgencyCreditCode('2');
      const res = await t.http
        .post(`${API}/agencies`)
        .set(bearer(admin))
        .send({ name: '深圳市科技评估中心', creditCode })
        .expect(201);
      expect(res.body).toMatchObject({ kind: 'agency', creditCode, name: '深圳市科技评估中心', officers: [] });
      const again = await t.http.post(`${API}/agencies`).set(bearer(admin)).send({ name: '重复', creditCode }).expect(409);
      expect(again.body.code).toBe('identity.organization_exists');
      await t.http
        .post(`${API}/agencies`)
        .set(bearer(officerA))
        .send({ name: 'x', creditCode: randomAgencyCreditCode() })
        .expect(403);
      const pub = await t.http.get(`${API}/organizations/${res.body.id}`).expect(200);
      expect(pub.body).toMatchObject({ kind: 'agency', creditCode });
    });

    it('an applicant cannot register itself as an agency', async () => {
      const res = await t.http
        .post(`${API}/organizations`)
        .send({
          name: '冒充的局',
          kind: 'agency',
          creditCode: randomAgencyCreditCode(),
          admin: { email: uniqueEmail(), password: 'a-long-team-password-9', displayName: 'x' },
        })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    });

    it('an agency user must be an officer of an agency organisation, a team user a member of an applicant', async () => {
      const send = (body: Record<string, unknown>) =>
        t.http
          .post(`${API}/users`)
          .set(bearer(admin))
          .send({ email: uniqueEmail(), password: 'a-long-staff-password-9', displayName: '新人', ...body });
      const none = await send({ role: 'agency' }).expect(400);
      expect(none.body).toMatchObject({ code: 'identity.agency_organization_required', errors: [{ field: 'organizationId' }] });
      const applicant = await send({ role: 'agency', organizationId: team.organizationId }).expect(400);
      expect(applicant.body).toMatchObject({
        code: 'identity.organization_kind_mismatch',
        errors: [{ field: 'organizationId' }],
      });
      const teamInAgency = await send({ role: 'team', organizationId: agency.id }).expect(400);
      expect(teamInAgency.body.code).toBe('identity.organization_kind_mismatch');
    });
  });

  describe('two officers of one agency manage its challenges', () => {
    it('drafts, edits, publishes, answers and extends — and another agency’s officer gets 404 / 403', async () => {
      const draft = await t.http.post(`${API}/challenges`).set(bearer(officerA)).send(challengeBody()).expect(201);
      const id = draft.body.id as string;
      expect(draft.body).toMatchObject({ agencyId: officerA.userId, agencyOrganizationId: agency.id });

      // B sees and edits A's draft; the other agency may not know it exists.
      await t.http.get(`${API}/challenges/${id}`).set(bearer(officerB)).expect(200);
      await t.http.patch(`${API}/challenges/${id}`).set(bearer(officerB)).send({ title: '改过的标题' }).expect(200);
      const hidden = await t.http.patch(`${API}/challenges/${id}`).set(bearer(otherOfficer)).send({ title: 'x' }).expect(404);
      expect(hidden.body.code).toBe('challenges.not_found');
      const mine = await t.http.get(`${API}/challenges`).query({ mine: true }).set(bearer(officerB)).expect(200);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(id);
      const theirs = await t.http.get(`${API}/challenges`).query({ mine: true }).set(bearer(otherOfficer)).expect(200);
      expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(id);

      await t.http.post(`${API}/challenges/${id}/publish`).set(bearer(officerB)).expect(200);
      const notOwner = await t.http
        .post(`${API}/challenges/${id}/extend-deadline`)
        .set(bearer(otherOfficer))
        .send({ bidDeadline: iso(40 * DAY) })
        .expect(403);
      expect(notOwner.body.code).toBe('challenges.not_owner');

      const q = await t.http
        .post(`${API}/challenges/${id}/questions`)
        .set(bearer(team))
        .send({ text: '是否接受联合体？' })
        .expect(201);
      const seen = await t.http.get(`${API}/challenges/${id}/questions`).set(bearer(officerB)).expect(200);
      expect(seen.body.items.map((x: { id: string }) => x.id)).toEqual([q.body.id]); // unanswered: the agency sees it
      const refused = await t.http
        .post(`${API}/challenges/${id}/questions/${q.body.id}/answer`)
        .set(bearer(otherOfficer))
        .send({ text: '不' })
        .expect(403);
      expect(refused.body.code).toBe('challenges.not_owner');
      await t.http
        .post(`${API}/challenges/${id}/questions/${q.body.id}/answer`)
        .set(bearer(officerA))
        .send({ text: '接受，不超过 5 家。' })
        .expect(200);
      await t.http
        .post(`${API}/challenges/${id}/extend-deadline`)
        .set(bearer(officerB))
        .send({ bidDeadline: iso(40 * DAY) })
        .expect(200);

      // The ledger says which officer acted.
      const { rows } = await db.query(
        `SELECT action, actor_id FROM audit_entries WHERE challenge_id = $1 AND action LIKE 'challenge.%' ORDER BY seq`,
        [id],
      );
      const actorOf = (action: string) => rows.find((r) => r.action === action)?.actor_id;
      expect(actorOf('challenge.created')).toBe(officerA.userId);
      expect(actorOf('challenge.published')).toBe(officerB.userId);
      expect(actorOf('challenge.deadline_extended')).toBe(officerB.userId);
    });

    it('an officer taken out of the agency stops at once; added back, or moved to another agency, acts for that one', async () => {
      const c = await t.http.post(`${API}/challenges`).set(bearer(officerA)).send(challengeBody()).expect(201);
      const id = c.body.id as string;
      const edit = (who: Session) => t.http.patch(`${API}/challenges/${id}`).set(bearer(who)).send({ title: '再改一次' });

      const removed = await t.http
        .delete(`${API}/agencies/${agency.id}/officers/${officerB.userId}`)
        .set(bearer(admin))
        .expect(200);
      expect(removed.body.officers.map((o: { id: string }) => o.id)).toEqual([officerA.userId]);
      expect((await edit(officerB)).status).toBe(404); // a draft: not theirs to see any more
      const stray = await t.http.post(`${API}/challenges`).set(bearer(officerB)).send(challengeBody());
      expect(stray.status).toBe(403);
      expect(stray.body.code).toBe('challenges.agency_without_organization');

      const back = await t.http.put(`${API}/agencies/${agency.id}/officers/${officerB.userId}`).set(bearer(admin)).expect(200);
      expect(back.body.officers.map((o: { id: string }) => o.id).sort()).toEqual([officerA.userId, officerB.userId].sort());
      expect((await edit(officerB)).status).toBe(200);

      const other = await t.http.get(`${API}/users/${otherOfficer.userId}`).set(bearer(admin)).expect(200);
      await t.http.put(`${API}/agencies/${other.body.organizationId}/officers/${officerB.userId}`).set(bearer(admin)).expect(200);
      expect((await edit(officerB)).status).toBe(404);
      await t.http.put(`${API}/agencies/${agency.id}/officers/${officerB.userId}`).set(bearer(admin)).expect(200);

      const notAgency = await t.http.put(`${API}/agencies/${agency.id}/officers/${team.userId}`).set(bearer(admin)).expect(400);
      expect(notAgency.body).toMatchObject({ code: 'identity.not_an_agency_user', errors: [{ field: 'userId' }] });
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE action = 'user.organization_changed' AND subject_id = $1 AND actor_id = $2`,
        [officerB.userId, admin.userId],
      );
      expect(rows[0].n).toBe(4);
    });

    it('lists agencies with their officers, and verifies an agency that has no code yet', async () => {
      const list = await t.http.get(`${API}/agencies`).set(bearer(admin)).expect(200);
      expect(list.body.items.find((a: { id: string }) => a.id === agency.id)).toMatchObject({ officerCount: 2, kind: 'agency' });
      await t.http.get(`${API}/agencies`).set(bearer(officerA)).expect(403);

      // As the migration leaves an agency moved over from a user account: no code until an admin sets one.
      const { rows } = await db.query(`INSERT INTO organizations (name, kind) VALUES ('旧账号机构', 'agency') RETURNING id`);
      const unverified = rows[0].id as string;
      const before = await t.http.get(`${API}/agencies/${unverified}`).set(bearer(admin)).expect(200);
      expect(before.body.creditCode).toBeNull();
      const wrong = await t.http
        .patch(`${API}/agencies/${unverified}`)
        .set(bearer(admin))
        .send({ creditCode: randomCreditCode() });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].field).toBe('creditCode');
      const creditCode = randomAgencyCreditCode('3');
      const after = await t.http
        .patch(`${API}/agencies/${unverified}`)
        .set(bearer(admin))
        .send({ creditCode, name: '某市总工会' });
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ creditCode, name: '某市总工会' });
      await t.http.get(`${API}/agencies/${team.organizationId}`).set(bearer(admin)).expect(404);
    });
  });

  it('after the deadline: either officer reads the bids and awards; another agency may not; the project is the agency’s', async () => {
    const [seeded] = await seedClosedChallenges(db, {
      agencyId: officerA.userId,
      challenges: 1,
      bidsPerChallenge: 2,
      parallelSlots: 2,
      budgetFen: 5_000_000_000,
    });
    const bids = await t.http.get(`${API}/challenges/${seeded.challengeId}/bids`).set(bearer(officerB)).expect(200);
    expect(bids.body.items).toHaveLength(2);
    const theirs = await t.http.get(`${API}/challenges/${seeded.challengeId}/bids`).set(bearer(otherOfficer)).expect(200);
    expect(theirs.body.items).toHaveLength(0); // only their own, of which they have none

    const body = { bidId: seeded.bids[0].bidId, amountFen: 500_000_000 };
    const refused = await t.http.post(`${API}/challenges/${seeded.challengeId}/awards`).set(bearer(otherOfficer)).send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('challenges.not_owner');
    const awarded = await t.http.post(`${API}/challenges/${seeded.challengeId}/awards`).set(bearer(officerB)).send(body);
    expect(awarded.status).toBe(201);
    const projectId = awarded.body.id as string;
    await t.http.get(`${API}/projects/${projectId}`).set(bearer(officerA)).expect(200);
    await t.http.get(`${API}/projects/${projectId}`).set(bearer(otherOfficer)).expect(404);
    const { rows } = await db.query(`SELECT actor_id FROM audit_entries WHERE challenge_id = $1 AND action = 'award.granted'`, [
      seeded.challengeId,
    ]);
    expect(rows.map((r) => r.actor_id)).toEqual([officerB.userId]);
  });

  it('OCDS: the buyer and payer is the agency organisation, identified by its CN-USCI code', async () => {
    const c = await t.http.post(`${API}/challenges`).set(bearer(officerB)).send(challengeBody()).expect(201);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(officerA)).expect(200);
    const official = new OcdsFeedChecker(t.http);
    const ocid = `${t.app.get<OpenDataConfig>(OPEN_DATA_CONFIG).ocidPrefix}-${c.body.id}`;
    let release: any;
    for (let i = 0; i < 300 && !release; i++) {
      const res = await t.http.get(`${API}/open-data/ocds/releases`).query({ ocid });
      if (res.status === 200 && res.body.releases?.length) {
        await official.assert('releasePackage', res.body);
        release = res.body.releases[0];
      } else await sleep(200);
    }
    expect(release).toBeDefined();
    const id = `CN-USCI-${agency.creditCode}`;
    expect(release.buyer).toEqual({ id, name: agency.name });
    expect(release.tender.procuringEntity).toEqual({ id, name: agency.name });
    expect(release.parties[0]).toEqual({
      id,
      name: agency.name,
      identifier: { scheme: 'CN-USCI', id: agency.creditCode, legalName: agency.name },
      roles: ['buyer', 'procuringEntity', 'payer'],
    });
  });
});
