import { Client } from 'pg';
import { bidBody, challengeBody, isoIn, passDeadline } from '@app/bids/testing/fixtures';
import { ChallengeCloseJob } from '@app/challenges';
import { eventually } from '@app/milestones/testing/seed';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';

/**
 * Bid drafts: a team saves its unfinished bid and resumes it later. Sealed for its organisation
 * alone (nobody else reads it, the database holds only ciphertext, no log line carries it), gone
 * when the bid is submitted and when the challenge closes, and a team with a draft but no bid is
 * reminded of the deadline like a team that withdrew.
 */
jest.setTimeout(120_000);
const API = '/api/v1';
const CANARY = 'DRAFT-CANARY-91c2';
const HOUR = 3_600_000;

describe('bid drafts', () => {
  const logLines: string[] = [];
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let agency: Session;
  let team: Session;
  let other: Session;
  let challengeId: string;

  const draftUrl = (id = challengeId) => `${API}/challenges/${id}/bid-draft`;
  const form = { text: `我们的方案 ${CANARY}`, requested: '1200000', milestones: [{ title: '样机', tranche: '600000' }] };
  const publish = async (over: Record<string, unknown> = {}) => {
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody(over)).expect(201);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)).expect(200);
    return c.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', NOTICES_EVERY: 'PT0.5S' }, logLines });
    worker = await createTestWorker(t.config);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    [team, other] = [await registerTeam(t.http), await registerTeam(t.http)];
    challengeId = await publish();
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await t?.close();
  });

  it('a team saves a draft and reads it back with who saved it and when; saving again replaces it', async () => {
    const saved = await t.http.put(draftUrl()).set(bearer(team)).send({ content: form }).expect(200);
    expect(saved.body).toMatchObject({ challengeId, content: form, savedByName: expect.any(String) });
    const again = { ...form, requested: '1300000' };
    await t.http.put(draftUrl()).set(bearer(team)).send({ content: again }).expect(200);
    const read = (await t.http.get(draftUrl()).set(bearer(team)).expect(200)).body.draft;
    expect(read.content).toEqual(again);
    expect(Date.parse(read.savedAt)).toBeGreaterThanOrEqual(Date.parse(saved.body.savedAt));
    const list = await t.http.get(`${API}/bid-drafts`).set(bearer(team)).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ challengeId, challengeTitle: expect.any(String), savedAt: read.savedAt }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(CANARY);
  });

  it('is sealed: another team finds none, staff get 403, a visitor 401; the row holds ciphertext; no log line carries it', async () => {
    expect((await t.http.get(draftUrl()).set(bearer(other)).expect(200)).body).toEqual({ draft: null });
    await t.http.get(draftUrl()).set(bearer(agency)).expect(403);
    await t.http.put(draftUrl()).set(bearer(agency)).send({ content: form }).expect(403);
    await t.http.get(draftUrl()).expect(401);
    expect((await t.http.get(`${API}/bid-drafts`).set(bearer(other)).expect(200)).body.items).toEqual([]);
    const { rows } = await db.query(`SELECT * FROM bid_drafts WHERE challenge_id = $1`, [challengeId]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows[0])).not.toContain(CANARY);
    expect(Buffer.from(rows[0].sealed).includes(Buffer.from(CANARY))).toBe(false);
    // Another organisation's row copied over this one's does not open as theirs.
    await t.http
      .put(draftUrl())
      .set(bearer(other))
      .send({ content: { text: 'theirs' } })
      .expect(200);
    await db.query(
      `UPDATE bid_drafts d SET sealed = s.sealed, wrapped_key = s.wrapped_key
         FROM bid_drafts s WHERE d.challenge_id = $1 AND s.challenge_id = $1 AND d.organization_id = $2 AND s.organization_id = $3`,
      [challengeId, other.organizationId, team.organizationId],
    );
    const swapped = await t.http.get(draftUrl()).set(bearer(other)).expect(409);
    expect(swapped.body.code).toBe('bids.draft_unreadable');
    expect(logLines.join('\n')).not.toContain(CANARY);
    await t.http.delete(draftUrl()).set(bearer(other)).expect(204);
  });

  it('refuses content that is not an object or is over 64 KiB, naming the field, in the reader’s language', async () => {
    for (const content of [['a list'], 'text', null]) {
      const res = await t.http.put(draftUrl()).set(bearer(team)).send({ content }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('content');
    }
    const big = { text: '方'.repeat(30_000) };
    const zh = await t.http.put(draftUrl()).set(bearer(team)).send({ content: big }).expect(400);
    expect(zh.body).toMatchObject({ code: 'bids.draft_invalid', errors: [{ field: 'content' }] });
    expect(zh.body.errors[0].message).toContain('草稿内容不能超过 64 KiB');
    const en = await t.http.put(draftUrl()).set(bearer(team)).set('Accept-Language', 'en').send({ content: big }).expect(400);
    expect(en.body.errors[0].message).toContain('at most 64 KiB');
    // The draft saved before is untouched.
    expect((await t.http.get(draftUrl()).set(bearer(team)).expect(200)).body.draft.content.text).toContain(CANARY);
  });

  it('submitting the bid takes the draft away; a failed submission leaves it', async () => {
    await t.http
      .post(`${API}/challenges/${challengeId}/bids`)
      .set(bearer(team))
      .send(bidBody({ requestedFundingFen: -1 }))
      .expect(400);
    expect((await t.http.get(draftUrl()).set(bearer(team)).expect(200)).body.draft).not.toBeNull();
    await t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(team)).send(bidBody()).expect(201);
    expect((await t.http.get(draftUrl()).set(bearer(team)).expect(200)).body).toEqual({ draft: null });
    expect((await t.http.get(`${API}/bid-drafts`).set(bearer(team)).expect(200)).body.items).toEqual([]);
  });

  it('discarding is idempotent', async () => {
    await t.http.put(draftUrl()).set(bearer(other)).send({ content: form }).expect(200);
    await t.http.delete(draftUrl()).set(bearer(other)).expect(204);
    await t.http.delete(draftUrl()).set(bearer(other)).expect(204);
    expect((await t.http.get(draftUrl()).set(bearer(other)).expect(200)).body).toEqual({ draft: null });
  });

  it('a team with a draft and no bid is reminded of the deadline; one that submitted (even with a new draft) is not', async () => {
    const soon = await publish({ title: '草稿提醒榜单', bidDeadline: isoIn(20 * HOUR) });
    // The deadline is inside the reminder band from the start and the sweep runs every 0.5 s, so the
    // team bids first and only then keeps a draft (of its next revision): it never has a draft without
    // a bid for the sweep to see.
    await t.http.post(`${API}/challenges/${soon}/bids`).set(bearer(team)).send(bidBody()).expect(201);
    await t.http.put(draftUrl(soon)).set(bearer(team)).send({ content: form }).expect(200);
    await t.http.put(draftUrl(soon)).set(bearer(other)).send({ content: form }).expect(200);
    const remindersOf = async (who: Session) =>
      (await t.http.get(`${API}/notifications?limit=100`).set(bearer(who)).expect(200)).body.items.filter(
        (n: { kind: string; params: { challengeId: string } }) =>
          n.kind === 'bid.deadline_approaching' && n.params.challengeId === soon,
      );
    const [n] = await eventually(async () => {
      const found = await remindersOf(other);
      return found.length ? found : null;
    });
    expect(n.params).toMatchObject({ challengeTitle: '草稿提醒榜单' });
    expect(await remindersOf(team)).toEqual([]);
  });

  it('the close deletes every draft of the challenge; after the deadline nothing is saved', async () => {
    const closing = await publish();
    await t.http.put(draftUrl(closing)).set(bearer(other)).send({ content: form }).expect(200);
    await passDeadline(t.databaseUrl, closing);
    const late = await t.http.put(draftUrl(closing)).set(bearer(other)).send({ content: form }).expect(409);
    expect(late.body.code).toBe('bids.deadline_passed');
    expect((await t.http.get(draftUrl(closing)).set(bearer(other)).expect(200)).body).toEqual({ draft: null });
    await worker.app.get(ChallengeCloseJob).handle({ challengeId: closing });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM bid_drafts WHERE challenge_id = $1`, [closing]);
    expect(rows[0].n).toBe(0);
  });
});
