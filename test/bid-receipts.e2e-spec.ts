import { bidBody, challengeBody } from '@app/bids/testing/fixtures';
import { TestApp, createTestApp } from './support/test-app';
import { bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(60_000);
const API = '/api/v1';

/** GET /bid-receipts/:hash: anyone holding a receipt checks it; the answer never says who bid or what. */
describe('bid receipt check', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' } });
  });
  afterAll(() => t?.close());

  it('answers the challenge, the server time and whether the bid is live; a replaced revision’s receipt says when it was superseded', async () => {
    const admin = await loginAdmin(t.http);
    const agency = await createStaff(t.http, admin, 'agency');
    const team = await registerTeam(t.http);
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)).expect(200);
    const bid = await t.http.post(`${API}/challenges/${c.body.id}/bids`).set(bearer(team)).send(bidBody()).expect(201);
    const { hash, serverTime } = bid.body.receipt;

    const checked = await t.http.get(`${API}/bid-receipts/${hash.toUpperCase()}`).expect(200);
    // Exactly these keys: no organisation, no amount, nothing of the sealed proposal.
    expect(checked.body).toEqual({ hash, challengeId: c.body.id, serverTime, state: 'live', replacedAt: null });

    const replaced = await t.http
      .put(`${API}/challenges/${c.body.id}/bids/${bid.body.id}`)
      .set(bearer(team))
      .send(bidBody({ requestedFundingFen: 800_000_000 }))
      .expect(200);
    expect(replaced.body.receipt.hash).not.toBe(hash);
    // Still a valid receipt, of a revision superseded by the next one: when, and nothing of either version
    // (not the new receipt's hash either).
    const superseded = await t.http.get(`${API}/bid-receipts/${hash}`).expect(200);
    expect(superseded.body).toEqual({
      hash,
      challengeId: c.body.id,
      serverTime,
      state: 'replaced',
      replacedAt: replaced.body.receipt.serverTime,
    });
    expect(JSON.stringify(superseded.body)).not.toContain(replaced.body.receipt.hash);

    // A third revision: the first receipt stays superseded by the second, the second by the third.
    const third = await t.http
      .put(`${API}/challenges/${c.body.id}/bids/${bid.body.id}`)
      .set(bearer(team))
      .send(bidBody({ requestedFundingFen: 700_000_000 }))
      .expect(200);
    expect((await t.http.get(`${API}/bid-receipts/${hash}`).expect(200)).body.replacedAt).toBe(replaced.body.receipt.serverTime);
    const second = await t.http.get(`${API}/bid-receipts/${replaced.body.receipt.hash}`).expect(200);
    expect(second.body).toMatchObject({ state: 'replaced', replacedAt: third.body.receipt.serverTime });

    await t.http.post(`${API}/challenges/${c.body.id}/bids/${bid.body.id}/withdraw`).set(bearer(team)).expect(200);
    const withdrawn = await t.http.get(`${API}/bid-receipts/${third.body.receipt.hash}`).expect(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', replacedAt: null });
    expect((await t.http.get(`${API}/bid-receipts/${hash}`).expect(200)).body.state).toBe('replaced');
  });

  it('answers 404 for a hash no revision of any bid carried', async () => {
    const res = await t.http.get(`${API}/bid-receipts/${'ab'.repeat(32)}`).expect(404);
    expect(res.body.code).toBe('bids.receipt_not_found');
  });

  it('refuses what is no SHA-256 with a 400 naming hash', async () => {
    for (const bad of ['abc', 'g'.repeat(64), 'a'.repeat(65)]) {
      const res = await t.http.get(`${API}/bid-receipts/${bad}`).expect(400);
      expect(res.body).toMatchObject({ code: 'bids.invalid_receipt_hash', errors: [{ field: 'hash' }] });
    }
  });
});
