import { createTestApp, type TestApp } from './support/test-app';

/** GET /settings/public: the minimum bid window the web app's challenge wizard checks deadlines against. */
describe('public settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT36H' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers anyone with the configured minimum bid window, in milliseconds', async () => {
    const res = await t.http.get('/api/v1/settings/public').expect(200);
    expect(res.body).toEqual({ minBidWindowMs: 36 * 3_600_000 });
  });

  it('is not writable', async () => {
    const res = await t.http.post('/api/v1/settings/public').send({ minBidWindowMs: 0 });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
