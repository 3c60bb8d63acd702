import { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { SeededChallenge, seedClosedChallenges } from '@app/awards/testing/seed';
import { IDEMPOTENCY_LEASE_MS } from '@app/common/idempotency';
import { eventually } from '@app/milestones/testing/seed';
import { TestApp, createTestApp } from './support/test-app';
import { spawnApiProcess, stopWorkerProcess, waitingOnLocks, workerEnvFor } from './support/test-worker';
import { Session, bearer, createStaff, loginAdmin } from './support/factories';

/*
 * Idempotency-Key while the request that holds the key is running: a live holder keeps it (409 to
 * a repeat, however long it runs), a dead one loses it within seconds (the repeat runs). The award
 * is kept running by a lock this test holds on its challenge's row.
 */
jest.setTimeout(180_000);

const API = '/api/v1';
// A retry comes in this long, at most, after the holder's lease ran out.
const RETRY_EVERY_MS = 250;
const LATENCY_MS = 1_000;

describe('Idempotency-Key and the request that holds it', () => {
  let t: TestApp;
  let agency: Session;
  let db: Client;
  let redis: Redis;
  let challenges: SeededChallenge[];

  beforeAll(async () => {
    t = await createTestApp();
    agency = await createStaff(t.http, await loginAdmin(t.http), 'agency');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    redis = new Redis(t.config.redisUrl);
    challenges = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 2,
      bidsPerChallenge: 1,
      budgetFen: 3_000_000_000,
    });
  });
  afterAll(async () => {
    redis?.disconnect();
    await db?.end();
    await t?.close();
  });

  const awardPath = (c: SeededChallenge) => `${API}/challenges/${c.challengeId}/awards`;
  const awardBody = (c: SeededChallenge) => ({ bidId: c.bids[0].bidId, amountFen: 500_000_000 });
  const award = (c: SeededChallenge, key: string, body: object = awardBody(c)) =>
    t.http.post(awardPath(c)).set(bearer(agency)).set('Idempotency-Key', key).send(body);
  /** A repeat that must be refused at once (were it let through, it would wait on the row lock). */
  const refused = async (c: SeededChallenge, key: string) => (await award(c, key).timeout(5_000)).body;
  const keyOf = (key: string) =>
    `${t.config.redisPrefix}:idem:${agency.userId}:${createHash('sha256').update(key).digest('hex')}`;
  const projectsOf = async (c: SeededChallenge) =>
    (await db.query(`SELECT count(*)::int AS n FROM projects WHERE bid_id = $1`, [c.bids[0].bidId])).rows[0].n;

  /** Holds the challenge row, so an award of it waits in Postgres until `release`. */
  async function holdChallenge(c: SeededChallenge): Promise<{ release: () => Promise<void> }> {
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM challenges WHERE id = $1 FOR UPDATE', [c.challengeId]);
    return {
      release: async () => {
        await holder.query('COMMIT');
        await holder.end();
      },
    };
  }
  const awardWaiting = () =>
    eventually(async () => (await waitingOnLocks(db, '%FROM challenges c WHERE c.id = $1 FOR UPDATE%')) === 1, 30_000, 25);

  it('a live holder keeps its key while it runs, longer than a lease: 409, then its answer replays', async () => {
    const c = challenges[0];
    const lock = await holdChallenge(c);
    const first = award(c, 'live-1').then((res) => res);
    try {
      await awardWaiting();
      expect(await refused(c, 'live-1')).toMatchObject({ status: 409, code: 'idempotency.in_flight' });
      await new Promise((r) => setTimeout(r, IDEMPOTENCY_LEASE_MS + 1_500));
      expect(await refused(c, 'live-1')).toMatchObject({ status: 409, code: 'idempotency.in_flight' });
    } finally {
      await lock.release();
    }
    expect((await first).status).toBe(201);
    const replay = await award(c, 'live-1').expect(201);
    expect(replay.body).toEqual((await first).body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await award(c, 'live-1', { ...awardBody(c), amountFen: 400_000_000 })).body).toMatchObject({
      status: 422,
      code: 'idempotency.key_reused',
    });
    expect(await projectsOf(c)).toBe(1);
  });

  it('the key of an api process killed mid-request is free within a lease: the retry runs', async () => {
    const c = challenges[1];
    const { child, baseUrl } = await spawnApiProcess(workerEnvFor(t.config));
    let api: ChildProcess | undefined = child;
    const lock = await holdChallenge(c);
    try {
      // The request reaches the other api, claims the key and waits on the row; then that api dies.
      void fetch(`${baseUrl}${awardPath(c)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agency.token}`, 'idempotency-key': 'crash-1', 'content-type': 'application/json' },
        body: JSON.stringify(awardBody(c)),
      }).catch(() => undefined);
      await awardWaiting();
      expect(JSON.parse((await redis.get(keyOf('crash-1'))) as string)).toMatchObject({ s: 'p' });
      const killedAt = Date.now();
      await stopWorkerProcess(child, 'SIGKILL');
      api = undefined;
      // Its lease has not run out yet: to anyone else it still looks alive.
      expect(await refused(c, 'crash-1')).toMatchObject({ status: 409, code: 'idempotency.in_flight' });
      await lock.release();

      const retried = await eventually(
        async () => {
          const res = await award(c, 'crash-1');
          return res.status === 409 ? null : { res, at: Date.now() };
        },
        IDEMPOTENCY_LEASE_MS + LATENCY_MS + 5_000,
        RETRY_EVERY_MS,
      );
      expect(retried.res.status).toBe(201);
      expect(retried.res.headers['idempotent-replayed']).toBeUndefined();
      expect(retried.at - killedAt).toBeLessThanOrEqual(IDEMPOTENCY_LEASE_MS + RETRY_EVERY_MS + LATENCY_MS);
      expect(await projectsOf(c)).toBe(1);
      // And from now on the retry's answer is the one that replays.
      expect((await award(c, 'crash-1').expect(201)).headers['idempotent-replayed']).toBe('true');
    } finally {
      if (api) await stopWorkerProcess(api, 'SIGKILL');
    }
  });
});
