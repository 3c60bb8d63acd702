import { Client } from 'pg';
import { BUILT_IN_CRITERION_NAMES } from '@app/bids/criteria-rules';
import { DEFAULT_CRITERIA, ScoreSheet, rankBids } from '@app/bids/ranking';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

// Set-up registers many organisations and users (argon2 hashing): longer than Jest's default.
jest.setTimeout(60_000);
const API = '/api/v1';
type Team = Session & { creditCode: string };

/**
 * Review: reviewers, conflicts of interest (automatic and declared), scores, closing the panel, the
 * ranking (checked against hand-computed numbers) and the shortlist.
 */
describe('bid review', () => {
  let t: TestApp;
  let db: Client;
  let admin: Session;
  let agency: Session;
  let otherAgency: Session;
  let a: Team;
  let b: Team;
  let c: Team;
  let member: Team;
  let r: Session[]; // r[0..3] plain, r[4] belongs to the consortium member's organisation
  let outsider: Session; // a reviewer not on the panel
  let challengeId: string;
  const bid: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { MIN_BID_WINDOW: 'PT1S' } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    [a, b, c, member] = [
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
    ];
    r = [];
    for (let i = 0; i < 4; i++) r.push(await createStaff(t.http, admin, 'reviewer'));
    r.push(await createStaff(t.http, admin, 'reviewer', member.organizationId as string));
    outsider = await createStaff(t.http, admin, 'reviewer');
    const created = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = created.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    const submit = async (who: Team, body: object) =>
      (await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(who)).send(body).expect(201)).body.id as string;
    bid.A = await submit(
      a,
      bidBody({
        requestedFundingFen: 900_000_000,
        consortium: [
          { creditCode: a.creditCode, role: 'lead', sharePercent: 60 },
          { creditCode: member.creditCode, role: 'member', sharePercent: 40 },
        ],
      }),
    );
    bid.B = await submit(b, bidBody());
    bid.C = await submit(c, bidBody());
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const defaultCriteriaViews = DEFAULT_CRITERIA.map((c) => ({
    ...c,
    name: null,
    description: null,
    label: BUILT_IN_CRITERION_NAMES[c.key],
  }));

  const score = (who: Session, bidId: string, technical: number, team: number, plan: number) =>
    t.http
      .post(`${API}/bids/${bidId}/scores`)
      .set(bearer(who))
      .send({
        scores: [
          { criterion: 'technical', score: technical },
          { criterion: 'team', score: team },
          { criterion: 'plan', score: plan },
        ],
      });

  describe('before the deadline', () => {
    it('criteria: public defaults; the agency sets its own (weights add up to 100)', async () => {
      const res = await t.http.get(`${API}/challenges/${challengeId}/criteria`).expect(200);
      // Each with its built-in name in both languages: people never read the key.
      expect(res.body).toEqual({ challengeId, criteria: defaultCriteriaViews, custom: false });
      expect(res.body.criteria[0].label).toEqual({ zh: '技术方案', en: 'Technical approach' });
      const bad = await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({ criteria: [{ key: 'technical', weight: 50, minScore: 60 }] })
        .expect(400);
      expect(bad.body.errors).toEqual([{ field: 'criteria', message: 'weights must add up to 100 (they add up to 50)' }]);
      await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(otherAgency))
        .send({ criteria: DEFAULT_CRITERIA })
        .expect(403);
      const set = await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({ criteria: [{ key: 'technical', weight: 100, minScore: 0 }] })
        .expect(200);
      expect(set.body.custom).toBe(true);
      // back to the defaults (as given explicitly)
      await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({ criteria: DEFAULT_CRITERIA })
        .expect(200);
    });

    it('criteria have names and descriptions; keys are made from the position when not given', async () => {
      const named = await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({
          criteria: [
            { key: 'technical', name: '技术路线', description: '路线是否可行', weight: 50, minScore: 60 },
            { name: ' 产业化前景 ', weight: 30, minScore: 0 },
            { name: '成本', description: '  ', weight: 20, minScore: 0 },
          ],
        })
        .expect(200);
      expect(named.body).toEqual({
        challengeId,
        custom: true,
        criteria: [
          {
            key: 'technical',
            name: '技术路线',
            description: '路线是否可行',
            label: { zh: '技术路线', en: '技术路线' },
            weight: 50,
            minScore: 60,
          },
          {
            key: 'c2',
            name: '产业化前景',
            description: null,
            label: { zh: '产业化前景', en: '产业化前景' },
            weight: 30,
            minScore: 0,
          },
          { key: 'c3', name: '成本', description: null, label: { zh: '成本', en: '成本' }, weight: 20, minScore: 0 },
        ],
      });
      expect((await t.http.get(`${API}/challenges/${challengeId}/criteria`).expect(200)).body).toEqual(named.body);
      // A criterion outside the defaults needs a name; a blank or over-long one is refused.
      const unnamed = await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({
          criteria: [
            { key: 'technical', weight: 50, minScore: 0 },
            { key: 'impact', weight: 50, minScore: 0 },
          ],
        })
        .expect(400);
      expect(unnamed.body).toMatchObject({
        code: 'bids.invalid_criteria',
        errors: [{ field: 'criteria[1].name', message: 'required' }],
      });
      const blank = await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({ criteria: [{ name: '   ', weight: 100, minScore: 0 }] })
        .expect(400);
      expect(blank.body.errors).toEqual([{ field: 'criteria[0].name', message: 'must not be blank' }]);
      await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({ criteria: [{ name: '名'.repeat(61), weight: 100, minScore: 0 }] })
        .expect(400);
      // A row stored before criteria had names shows its key (the defaults' keys their built-in names).
      await db.query(`UPDATE review_panels SET criteria = $2::jsonb WHERE challenge_id = $1`, [
        challengeId,
        JSON.stringify([
          { key: 'team', weight: 50, minScore: 0 },
          { key: 'impact', weight: 50, minScore: 0 },
        ]),
      ]);
      const old = await t.http.get(`${API}/challenges/${challengeId}/criteria`).expect(200);
      expect(old.body.criteria.map((c: { name: string | null; label: object }) => [c.name, c.label])).toEqual([
        [null, { zh: '团队能力', en: 'Team capability' }],
        [null, { zh: 'impact', en: 'impact' }],
      ]);
      await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({ criteria: DEFAULT_CRITERIA })
        .expect(200);
      expect((await t.http.get(`${API}/challenges/${challengeId}/criteria`).expect(200)).body.custom).toBe(false);
    });

    it('the agency assigns reviewers (only reviewer users; twice is harmless)', async () => {
      const notReviewer = await t.http
        .post(`${API}/challenges/${challengeId}/reviewers`)
        .set(bearer(agency))
        .send({ userIds: [a.userId] })
        .expect(400);
      expect(notReviewer.body.errors).toEqual([{ field: 'userIds[0]', message: 'is not a reviewer' }]);
      await t.http
        .post(`${API}/challenges/${challengeId}/reviewers`)
        .set(bearer(otherAgency))
        .send({ userIds: [r[0].userId] })
        .expect(403);
      await t.http
        .post(`${API}/challenges/${challengeId}/reviewers`)
        .set(bearer(a))
        .send({ userIds: [r[0].userId] })
        .expect(403);
      await t.http
        .post(`${API}/challenges/${challengeId}/reviewers`)
        .set(bearer(agency))
        .send({ userIds: [r[0].userId, r[1].userId] })
        .expect(200);
      const res = await t.http
        .post(`${API}/challenges/${challengeId}/reviewers`)
        .set(bearer(agency))
        .send({ userIds: r.map((x) => x.userId) })
        .expect(200);
      expect(res.body.items.map((x: { userId: string }) => x.userId).sort()).toEqual(r.map((x) => x.userId).sort());
      await t.http.get(`${API}/challenges/${challengeId}/reviewers`).set(bearer(r[0])).expect(200);
      await t.http.get(`${API}/challenges/${challengeId}/reviewers`).set(bearer(outsider)).expect(403);
    });

    it('my scores: an assigned reviewer has none before the deadline; nobody else may ask', async () => {
      const mine = await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(r[0])).expect(200);
      expect(mine.body).toEqual({ challengeId, panelClosedAt: null, criteria: defaultCriteriaViews, sheets: [], conflicts: [] });
      await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(outsider)).expect(403);
      await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(a)).expect(403);
      await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(agency)).expect(403);
      await t.http.get(`${API}/challenges/${challengeId}/my-scores`).expect(401);
    });

    it('no scoring, ranking or closing while bids are sealed (409)', async () => {
      expect((await score(r[0], bid.A, 80, 80, 80)).status).toBe(409);
      await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(agency)).expect(409);
      await t.http.post(`${API}/challenges/${challengeId}/panel/close`).set(bearer(agency)).expect(409);
      await t.http.get(`${API}/bids/${bid.A}`).set(bearer(r[0])).expect(404);
    });
  });

  describe('after the deadline', () => {
    beforeAll(async () => {
      await passDeadline(t.databaseUrl, challengeId);
    });

    it('criteria are frozen', async () => {
      await t.http
        .put(`${API}/challenges/${challengeId}/criteria`)
        .set(bearer(agency))
        .send({ criteria: DEFAULT_CRITERIA })
        .expect(409);
    });

    it('automatic conflict: a reviewer from a consortium member’s organisation neither sees nor scores that bid (403)', async () => {
      const get = await t.http.get(`${API}/challenges/${challengeId}/bids/${bid.A}`).set(bearer(r[4])).expect(403);
      expect(get.body.code).toBe('bids.conflict_of_interest');
      expect((await score(r[4], bid.A, 90, 90, 90)).status).toBe(403);
      const list = await t.http.get(`${API}/challenges/${challengeId}/bids`).set(bearer(r[4])).expect(200);
      expect(list.body.count).toBe(3);
      expect(list.body.items.map((x: { id: string }) => x.id).sort()).toEqual([bid.B, bid.C].sort());
      // the others on the panel see all three
      const all = await t.http.get(`${API}/challenges/${challengeId}/bids`).set(bearer(r[0])).expect(200);
      expect(all.body.items).toHaveLength(3);
    });

    it('declared conflict: from then on 403; a reviewer not on the panel gets 403 for scores and 404 for the bid', async () => {
      const res = await t.http
        .post(`${API}/bids/${bid.C}/conflicts`)
        .set(bearer(r[3]))
        .send({ reason: '曾与该团队合作' })
        .expect(201);
      expect(res.body).toMatchObject({ bidId: bid.C, reviewerId: r[3].userId, reason: '曾与该团队合作' });
      expect((await score(r[3], bid.C, 50, 50, 50)).status).toBe(403);
      await t.http.get(`${API}/bids/${bid.C}`).set(bearer(r[3])).expect(403);
      expect((await score(outsider, bid.A, 50, 50, 50)).status).toBe(403);
      await t.http.get(`${API}/bids/${bid.A}`).set(bearer(outsider)).expect(404);
      await t.http.post(`${API}/bids/${bid.A}/conflicts`).set(bearer(outsider)).send({ reason: 'x' }).expect(404);
    });

    it('scores: once per reviewer and bid, revisable (201 then 200); the criteria must match', async () => {
      const first = await score(r[0], bid.A, 10, 10, 10).expect(201);
      expect(first.body).toMatchObject({ bidId: bid.A, reviewerId: r[0].userId, revision: 1 });
      const revised = await score(r[0], bid.A, 90, 70, 60).expect(200);
      expect(revised.body).toMatchObject({ revision: 2, scores: { technical: 90, team: 70, plan: 60 } });
      const bad = await t.http
        .post(`${API}/bids/${bid.A}/scores`)
        .set(bearer(r[0]))
        .send({ scores: [{ criterion: 'novelty', score: 50 }] })
        .expect(400);
      expect(bad.body.errors).toEqual([{ field: 'scores[0].criterion', message: 'must be one of technical, team, plan' }]);
      await t.http
        .post(`${API}/bids/${bid.A}/scores`)
        .set(bearer(r[0]))
        .send({ scores: [{ criterion: 'technical', score: 101 }] })
        .expect(400);
    });

    it('my scores: the reviewer’s own sheet and declared conflicts, never another reviewer’s', async () => {
      const mine = await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(r[0])).expect(200);
      expect(mine.body).toEqual({
        challengeId,
        panelClosedAt: null,
        criteria: defaultCriteriaViews,
        sheets: [
          {
            bidId: bid.A,
            scores: { technical: 90, team: 70, plan: 60 },
            comment: null,
            revision: 2,
            updatedAt: expect.any(String),
          },
        ],
        conflicts: [],
      });
      // r[1] has scored nothing yet: r[0]'s sheet is not theirs to see
      expect((await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(r[1])).expect(200)).body.sheets).toEqual(
        [],
      );
      const conflicted = await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(r[3])).expect(200);
      expect(conflicted.body.sheets).toEqual([]);
      expect(conflicted.body.conflicts).toEqual([
        { bidId: bid.C, organizationName: expect.any(String), reason: '曾与该团队合作', declaredAt: expect.any(String) },
      ]);
      const orgC = await t.http.get(`${API}/organizations/${c.organizationId}`).set(bearer(agency)).expect(200);
      expect(conflicted.body.conflicts[0].organizationName).toBe(orgC.body.name);
      await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(outsider)).expect(403);
      await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(a)).expect(403);
      await t.http.get(`${API}/challenges/00000000-0000-4000-8000-000000000000/my-scores`).set(bearer(r[0])).expect(404);
    });

    it('the panel cannot close until every assigned, unconflicted reviewer scored every bid', async () => {
      const res = await t.http.post(`${API}/challenges/${challengeId}/panel/close`).set(bearer(agency)).expect(409);
      // 3 bids × 5 reviewers − 2 conflicts − 1 sheet given = 12
      expect(res.body).toMatchObject({ code: 'bids.panel_incomplete', missingCount: 12 });
    });

    it('with every sheet in, it closes; then no score changes', async () => {
      // A (r0–r3; r4 conflicted): technical 90, 80, 70, 20 → trimmed mean(70, 80) = 75; team 70; plan 60 → 71
      await score(r[1], bid.A, 80, 70, 60).expect(201);
      await score(r[2], bid.A, 70, 70, 60).expect(201);
      await score(r[3], bid.A, 20, 70, 60).expect(201);
      // B (r0–r4): technical 80; team 40, 40, 40, 40, 100 → trimmed 40 (< 50: not eligible); plan 70 → 70
      for (const [i, team] of [40, 40, 40, 40, 100].entries()) await score(r[i], bid.B, 80, team, 70).expect(201);
      // C (r0, r1, r2, r4; r3 declared a conflict): technical 70, 75, 80, 85 → trimmed 77.5; team 60; plan 60 → 70.5
      for (const [i, technical] of [
        [0, 70],
        [1, 75],
        [2, 80],
        [4, 85],
      ]) {
        await score(r[i], bid.C, technical, 60, 60).expect(201);
      }
      await t.http.post(`${API}/challenges/${challengeId}/panel/close`).set(bearer(otherAgency)).expect(403);
      const closed = await t.http.post(`${API}/challenges/${challengeId}/panel/close`).set(bearer(agency)).expect(200);
      expect(closed.body).toMatchObject({ reviewers: 5, bids: 3, scores: 13, closedAt: expect.any(String) });
      expect((await score(r[0], bid.A, 99, 99, 99)).status).toBe(409);
      await t.http.post(`${API}/challenges/${challengeId}/panel/close`).set(bearer(agency)).expect(409);
    });

    it('my scores once the panel has closed: the reviewer’s own sheets, read-only, with the close time', async () => {
      const mine = await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(r[4])).expect(200);
      expect(mine.body.panelClosedAt).toEqual(expect.any(String));
      // r[4] (automatic conflict on A) scored B with team 100 and C with technical 85: exactly those, nobody else's
      expect(mine.body.sheets.map((x: { bidId: string; scores: object }) => [x.bidId, x.scores]).sort()).toEqual(
        [
          [bid.B, { technical: 80, team: 100, plan: 70 }],
          [bid.C, { technical: 85, team: 60, plan: 60 }],
        ].sort(),
      );
      expect(mine.body.conflicts).toEqual([]);
      const r0 = await t.http.get(`${API}/challenges/${challengeId}/my-scores`).set(bearer(r[0])).expect(200);
      expect(r0.body.sheets.map((x: { scores: { technical: number } }) => x.scores.technical).sort()).toEqual([70, 80, 90]);
    });

    it('ranking: hand-computed scores, best first, eligibility by minimum scores', async () => {
      const res = await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(agency)).expect(200);
      expect(res.body).toMatchObject({
        normalize: 'none',
        panelClosed: true,
        criteria: defaultCriteriaViews,
        tieBreak: expect.stringContaining('lower requested funding'),
        tieBreakOrder: [
          'eligible_first',
          'higher_score',
          'higher_lead_criterion',
          'lower_requested_funding',
          'earlier_submission',
          'bid_id',
        ],
      });
      // Each item names its organisation (the agency needs no request per bid to read the ranking).
      for (const item of res.body.items) {
        const org = await t.http.get(`${API}/organizations/${item.organizationId}`).set(bearer(agency)).expect(200);
        expect(item.organizationName).toBe(org.body.name);
      }
      expect(res.body.items).toEqual([
        expect.objectContaining({
          bidId: bid.A,
          rank: 1,
          score: 71,
          scores: { technical: 75, team: 70, plan: 60 },
          eligible: true,
          reviewers: 4,
        }),
        expect.objectContaining({
          bidId: bid.C,
          rank: 2,
          score: 70.5,
          scores: { technical: 77.5, team: 60, plan: 60 },
          eligible: true,
          reviewers: 4,
        }),
        expect.objectContaining({
          bidId: bid.B,
          rank: 3,
          score: 70,
          scores: { technical: 80, team: 40, plan: 70 },
          eligible: false,
          failedCriteria: ['team'],
          reviewers: 5,
        }),
      ]);
      // reviewers see it once the panel has closed; others never
      await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(r[0])).expect(200);
      await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(outsider)).expect(403);
      await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(otherAgency)).expect(403);
      await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(a)).expect(403);
    });

    it('ranking with z-score normalisation matches the pure ranking of the stored sheets', async () => {
      const res = await t.http.get(`${API}/challenges/${challengeId}/ranking?normalize=z`).set(bearer(agency)).expect(200);
      const { rows } = await db.query(`SELECT bid_id, reviewer_id, scores FROM bid_scores WHERE challenge_id = $1`, [
        challengeId,
      ]);
      const sheets: ScoreSheet[] = rows.map((x) => ({ bidId: x.bid_id, reviewerId: x.reviewer_id, scores: x.scores }));
      const bids = (
        await db.query(`SELECT id, requested_funding_fen, submitted_at FROM bids WHERE challenge_id = $1`, [challengeId])
      ).rows.map((x) => ({
        bidId: x.id,
        requestedFundingFen: Number(x.requested_funding_fen),
        submittedAt: x.submitted_at.getTime(),
      }));
      const expected = rankBids(DEFAULT_CRITERIA, bids, sheets, 'z');
      expect(res.body.items.map((x: { bidId: string; rank: number }) => [x.bidId, x.rank])).toEqual(
        expected.map((x) => [x.bidId, x.rank]),
      );
      res.body.items.forEach((item: { score: number }, i: number) =>
        expect(item.score).toBeCloseTo(expected[i].score as number, 4),
      );
    });

    it('shortlisting moves eligible bids to shortlisted (an ineligible one is refused)', async () => {
      const refused = await t.http
        .post(`${API}/challenges/${challengeId}/shortlist`)
        .set(bearer(agency))
        .send({ bidIds: [bid.B] })
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'bids.not_eligible', bidIds: [bid.B] });
      await t.http
        .post(`${API}/challenges/${challengeId}/shortlist`)
        .set(bearer(otherAgency))
        .send({ bidIds: [bid.A] })
        .expect(403);
      await t.http
        .post(`${API}/challenges/${challengeId}/shortlist`)
        .set(bearer(agency))
        .send({ bidIds: [bid.A, bid.C] })
        .expect(200);
      const { rows } = await db.query(`SELECT id, status FROM bids WHERE challenge_id = $1`, [challengeId]);
      expect(Object.fromEntries(rows.map((x) => [x.id, x.status]))).toEqual({
        [bid.A]: 'shortlisted',
        [bid.B]: 'submitted',
        [bid.C]: 'shortlisted',
      });
      const audit = await db.query(`SELECT action FROM audit_entries WHERE challenge_id = $1 ORDER BY seq`, [challengeId]);
      const actions = audit.rows.map((x) => x.action);
      expect(actions.filter((x) => x === 'bid.shortlisted')).toHaveLength(2);
      expect(actions).toEqual(
        expect.arrayContaining([
          'review.criteria_set',
          'review.reviewers_assigned',
          'review.conflict_declared',
          'review.scored',
          'review.score_revised',
          'review.panel_closed',
        ]),
      );
    });
  });
});
