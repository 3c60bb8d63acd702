import { Client } from 'pg';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { ChallengeCloseJob } from '@app/challenges';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';

/**
 * Consortium consent: naming an organisation as a member asks its team users to accept; answers
 * are audited; a bid a member has not accepted is not opened by the real close job (it is withdrawn
 * with the reason and listed as not opened); the lead sees each member's state on its bid.
 */
jest.setTimeout(120_000);
const API = '/api/v1';
const CANARY = 'SEALED-CANARY-7f3a';
type Team = Session & { creditCode: string };

describe('consortium consent', () => {
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let agency: Session;
  let lead: Team;
  let m1: Team;
  let m2: Team;
  let other: Team;
  let challengeId: string;
  let bidId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' } });
    worker = await createTestWorker(t.config);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    [lead, m1, m2, other] = [
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
    ];
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await t?.close();
  });

  const consortium = (leadTeam: Team, members: [Team, number][]) => [
    { creditCode: leadTeam.creditCode, role: 'lead', sharePercent: 100 - members.reduce((s, [, p]) => s + p, 0) },
    ...members.map(([m, sharePercent]) => ({ creditCode: m.creditCode, role: 'member', sharePercent })),
  ];
  const submit = (who: Team, members: [Team, number][]) =>
    t.http
      .post(`${API}/challenges/${challengeId}/bids`)
      .set(bearer(who))
      .send(bidBody({ text: CANARY, consortium: consortium(who, members) }))
      .expect(201);
  const requests = async (who: Session) => (await t.http.get(`${API}/consent-requests`).set(bearer(who)).expect(200)).body.items;
  const requestOf = async (who: Session, bid: string) =>
    (await requests(who)).find((r: { bidId: string }) => r.bidId === bid) as
      { id: string; state: string; answerable: boolean } | undefined;
  const answer = (who: Session, id: string, verb: 'accept' | 'decline', body: object = {}) =>
    t.http.post(`${API}/consent-requests/${id}/${verb}`).set(bearer(who)).send(body);
  const leadView = async (who: Session, bid: string) =>
    (await t.http.get(`${API}/challenges/${challengeId}/bids/${bid}`).set(bearer(who)).expect(200)).body;
  const auditOf = async (bid: string, action: string) =>
    (
      await db.query(
        `SELECT actor_id, before, after, public FROM audit_entries WHERE subject_id = $1 AND action = $2 ORDER BY seq`,
        [bid, action],
      )
    ).rows;

  it('naming members asks each of them; the lead sees every state pending and the bid not yet complete', async () => {
    const res = await submit(lead, [
      [m1, 30],
      [m2, 10],
    ]);
    bidId = res.body.id;
    expect(res.body.consortiumConsent).toBe('pending');
    expect(
      res.body.consents.map((c: { organizationId: string; state: string; sharePercent: number }) => [
        c.organizationId,
        c.state,
        c.sharePercent,
      ]),
    ).toEqual([
      [m1.organizationId, 'pending', 30],
      [m2.organizationId, 'pending', 10],
    ]);
    expect((await auditOf(bidId, 'bid.submitted'))[0].after.consentsAsked).toEqual([m1.organizationId, m2.organizationId]);
  });

  it('the request shows the member the challenge, the lead and its own share — nothing sealed', async () => {
    const items = await requests(m1);
    expect(items).toEqual([
      {
        id: expect.any(String),
        bidId,
        challengeId,
        challengeTitle: challengeBody().title,
        bidDeadline: expect.any(String),
        leadOrganizationId: lead.organizationId,
        leadOrganizationName: expect.any(String),
        role: 'member',
        sharePercent: 30,
        state: 'pending',
        reason: null,
        askedAt: expect.any(String),
        decidedAt: null,
        answerable: true,
      },
    ]);
    const text = JSON.stringify(items);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(m2.organizationId as string);
  });

  it('only the member sees and answers it: 404 for other teams and the lead, 403 for other roles, 401 anonymous', async () => {
    const { id } = (await requestOf(m1, bidId)) as { id: string };
    expect(await requests(other)).toEqual([]);
    for (const who of [other, lead, m2]) {
      expect((await t.http.get(`${API}/consent-requests/${id}`).set(bearer(who)).expect(404)).body.code).toBe(
        'bids.consent_not_found',
      );
      expect((await answer(who, id, 'accept').expect(404)).body.code).toBe('bids.consent_not_found');
    }
    expect((await answer(agency, id, 'accept').expect(403)).headers['content-type']).toMatch(/problem\+json/);
    await t.http.get(`${API}/consent-requests`).set(bearer(agency)).expect(403);
    await t.http.post(`${API}/consent-requests/${id}/accept`).expect(401);
    expect((await answer(m1, id, 'decline', { reason: 'x'.repeat(1001) }).expect(400)).body.errors[0].field).toBe('reason');
    expect(await auditOf(bidId, 'bid.consent_accepted')).toEqual([]);
  });

  it('accepting and declining are audited decisions, without the reason or anything sealed', async () => {
    const r1 = (await requestOf(m1, bidId)) as { id: string };
    const r2 = (await requestOf(m2, bidId)) as { id: string };
    expect((await answer(m1, r1.id, 'accept').expect(200)).body).toMatchObject({
      state: 'accepted',
      decidedAt: expect.any(String),
    });
    await answer(m1, r1.id, 'accept').expect(200); // the same answer again is no new decision
    expect((await answer(m2, r2.id, 'decline', { reason: '份额太低 / share too low' }).expect(200)).body.state).toBe('declined');
    const accepted = await auditOf(bidId, 'bid.consent_accepted');
    expect(accepted).toEqual([
      {
        actor_id: m1.userId,
        before: { organizationId: m1.organizationId, consent: 'pending' },
        after: { organizationId: m1.organizationId, consent: 'accepted' },
        public: false,
      },
    ]);
    const declined = await auditOf(bidId, 'bid.consent_declined');
    expect(declined).toHaveLength(1);
    expect(declined[0].after).toEqual({ organizationId: m2.organizationId, consent: 'declined', reasonGiven: true });
    expect(JSON.stringify([accepted, declined])).not.toMatch(/share too low|SEALED/);
  });

  it('the lead sees each state, and the decline with its reason', async () => {
    const view = await leadView(lead, bidId);
    expect(view.consortiumConsent).toBe('declined');
    expect(view.consents.map((c: { state: string; reason: string | null }) => [c.state, c.reason])).toEqual([
      ['accepted', null],
      ['declined', '份额太低 / share too low'],
    ]);
  });

  it('a new version re-asks a member whose share changed (and a decliner); a member left out loses its request', async () => {
    const replaced = await t.http
      .put(`${API}/challenges/${challengeId}/bids/${bidId}`)
      .set(bearer(lead))
      .send(bidBody({ text: CANARY, consortium: consortium(lead, [[m1, 40]]) }))
      .expect(200);
    expect(replaced.body.consents.map((c: { organizationId: string; state: string }) => [c.organizationId, c.state])).toEqual([
      [m1.organizationId, 'pending'],
    ]);
    expect(await requestOf(m2, bidId)).toBeUndefined();
    expect((await auditOf(bidId, 'bid.replaced'))[0].after).toMatchObject({
      consentsAsked: [m1.organizationId],
      consentsRemoved: [m2.organizationId],
    });
    // Same terms again: the acceptance given in between stands.
    await answer(m1, ((await requestOf(m1, bidId)) as { id: string }).id, 'accept').expect(200);
    const again = await t.http
      .put(`${API}/challenges/${challengeId}/bids/${bidId}`)
      .set(bearer(lead))
      .send(bidBody({ text: `${CANARY} v3`, consortium: consortium(lead, [[m1, 40]]) }))
      .expect(200);
    expect(again.body.consortiumConsent).toBe('complete');
  });

  it('at the deadline the close opens only fully consented bids; the others are withdrawn and listed as not opened', async () => {
    // m2 (free again) is named by `other`'s bid and never answers; `lone` bids alone.
    const pendingBid = (await submit(other, [[m2, 20]])).body.id as string;
    const lone = await registerTeam(t.http);
    const loneBid = (await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(lone)).send(bidBody()).expect(201))
      .body.id as string;
    const pendingRequest = (await requestOf(m2, pendingBid)) as { id: string };
    await passDeadline(t.databaseUrl, challengeId);
    // After the deadline (database clock), before the close: refused.
    expect((await answer(m2, pendingRequest.id, 'accept').expect(409)).body.code).toBe('bids.consent_closed');
    await worker.app.get(ChallengeCloseJob).handle({ challengeId });

    const opening = (await t.http.get(`${API}/challenges/${challengeId}/opening`).set(bearer(agency)).expect(200)).body;
    expect(opening.bidCount).toBe(2);
    expect(opening.entries.map((e: { bidId: string }) => e.bidId).sort()).toEqual([bidId, loneBid].sort());
    expect(opening.notOpened).toEqual([
      expect.objectContaining({
        bidId: pendingBid,
        organizationId: other.organizationId,
        reason: 'consortium_consent_missing',
        missingOrganizationIds: [m2.organizationId],
      }),
    ]);
    const view = await leadView(other, pendingBid);
    expect(view).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'consortium_consent_missing',
      consortiumConsent: 'pending',
    });
    expect((await leadView(lead, bidId)).status).toBe('submitted');
    expect(await auditOf(pendingBid, 'bid.not_opened')).toEqual([
      {
        actor_id: null,
        before: { status: 'submitted' },
        after: { status: 'withdrawn', reason: 'consortium_consent_missing', missingOrganizationIds: [m2.organizationId] },
        public: false,
      },
    ]);
    // The not-opened bid's lead sees its own entry only.
    const own = (await t.http.get(`${API}/challenges/${challengeId}/opening`).set(bearer(other)).expect(200)).body;
    expect(own.entries).toEqual([]);
    expect(own.notOpened.map((e: { bidId: string }) => e.bidId)).toEqual([pendingBid]);
    // After the close, answers are refused (409) and the request leaves the member's list.
    expect((await answer(m2, pendingRequest.id, 'accept').expect(409)).body.code).toBe('bids.consent_closed');
    expect(await requestOf(m2, pendingBid)).toBeUndefined();
    expect((await requestOf(m1, bidId))?.answerable).toBe(false);
  });

  it('a bid with a declined member is not opened either', async () => {
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    const second = c.body.id as string;
    await t.http.post(`${API}/challenges/${second}/publish`).set(bearer(agency)).expect(200);
    const res = await t.http
      .post(`${API}/challenges/${second}/bids`)
      .set(bearer(lead))
      .send(bidBody({ consortium: consortium(lead, [[m1, 25]]) }))
      .expect(201);
    const r = (await requestOf(m1, res.body.id)) as { id: string };
    await answer(m1, r.id, 'decline').expect(200);
    await passDeadline(t.databaseUrl, second);
    await worker.app.get(ChallengeCloseJob).handle({ challengeId: second });
    const opening = (await t.http.get(`${API}/challenges/${second}/opening`).set(bearer(agency)).expect(200)).body;
    expect(opening).toMatchObject({
      bidCount: 0,
      entries: [],
      notOpened: [{ bidId: res.body.id, missingOrganizationIds: [m1.organizationId] }],
    });
    const { rows } = await db.query(`SELECT status, withdrawn_reason FROM bids WHERE id = $1`, [res.body.id]);
    expect(rows).toEqual([{ status: 'withdrawn', withdrawn_reason: 'consortium_consent_missing' }]);
  });
});
