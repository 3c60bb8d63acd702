import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService, GENESIS_HASH, GLOBAL_CHAIN, entryHash } from '@app/audit';
import { Session, bearer, loginAdmin } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';

jest.setTimeout(60_000);

const PROBLEM = /^application\/problem\+json/;

describe('audit ledger', () => {
  let t: TestApp;
  let audit: AuditService;
  let dataSource: DataSource;
  const challengeA = randomUUID();
  const challengeB = randomUUID();
  const actor = randomUUID();

  /** One decision, recorded in its own transaction, as a feature does it. */
  const record = (
    challengeId: string | null,
    action: string,
    extra: { public?: boolean; before?: Record<string, unknown>; after?: Record<string, unknown> } = {},
  ) =>
    dataSource.transaction((em) =>
      audit.record(em, {
        challengeId,
        actorId: actor,
        action,
        subjectType: 'challenge',
        subjectId: challengeId ?? 'policy',
        before: extra.before ?? { status: 'draft' },
        after: extra.after ?? { status: 'published', at: new Date('2025-03-01T08:00:00Z') },
        public: extra.public ?? true,
      }),
    );

  /** A superuser connection to the test's database (it can bypass the trigger). */
  async function asSuperuser<T>(work: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en' });
    audit = t.app.get(AuditService);
    dataSource = t.app.get(DataSource);
    for (let i = 1; i <= 5; i++) await record(challengeA, `test.a${i}`, { public: i !== 3 });
    for (let i = 1; i <= 3; i++) await record(challengeB, `test.b${i}`);
    await record(null, 'test.global1', { public: false });
  });
  afterAll(() => t?.close());

  it('numbers each chain from 1 and links every entry to the one before by its SHA-256 hash', async () => {
    const rows = await dataSource.query(`SELECT * FROM audit_entries WHERE chain = $1 ORDER BY seq`, [challengeA]);
    expect(rows.map((r: { seq: string }) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const recomputed = entryHash({
        id: r.id,
        chain: r.chain,
        seq: Number(r.seq),
        challengeId: r.challenge_id,
        actorId: r.actor_id,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        before: r.before,
        after: r.after,
        public: r.public,
        recordedAt: new Date(r.recorded_at).toISOString(),
        prevHash: r.prev_hash,
      });
      expect(r.hash).toBe(recomputed);
      if (i > 0) expect(r.prev_hash).toBe(rows[i - 1].hash);
    }
    expect(rows[0].after).toEqual({ status: 'published', at: '2025-03-01T08:00:00.000Z' });
  });

  it('keeps one chain per challenge and one global chain', async () => {
    const chains = await dataSource.query(
      `SELECT chain, count(*)::int AS n, max(seq)::int AS last FROM audit_entries GROUP BY chain ORDER BY chain`,
    );
    expect(chains).toEqual(
      expect.arrayContaining([
        { chain: challengeA, n: 5, last: 5 },
        { chain: challengeB, n: 3, last: 3 },
        { chain: GLOBAL_CHAIN, n: 1, last: 1 },
      ]),
    );
  });

  it('verifies every chain', async () => {
    const res = await t.http.get('/api/v1/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true, chains: 3, entries: 9, firstBroken: null, broken: [] });
  });

  it('refuses to record outside a transaction', async () => {
    await expect(
      audit.record(dataSource.manager, { challengeId: null, actorId: null, action: 'x', subjectType: 'y', subjectId: 'z' }),
    ).rejects.toThrow(/transaction/);
  });

  it('rolls the entry back with the change it records', async () => {
    const lonely = randomUUID();
    await expect(
      dataSource.transaction(async (em) => {
        await audit.record(em, {
          challengeId: lonely,
          actorId: null,
          action: 'test.rolled_back',
          subjectType: 'challenge',
          subjectId: lonely,
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await dataSource.query(`SELECT 1 FROM audit_entries WHERE chain = $1`, [lonely])).toHaveLength(0);
  });

  it('appends concurrently to one chain without gaps or forks', async () => {
    const busy = randomUUID();
    await Promise.all(Array.from({ length: 15 }, (_, i) => record(busy, `test.c${i}`)));
    const rows = await dataSource.query(`SELECT seq::int AS seq FROM audit_entries WHERE chain = $1 ORDER BY seq`, [busy]);
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect((await audit.verify()).ok).toBe(true);
  });

  it('does not make one challenge wait for another’s open transaction', async () => {
    const held = randomUUID();
    const other = randomUUID();
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await audit.record(runner.manager, {
        challengeId: held,
        actorId: null,
        action: 'test.held',
        subjectType: 'challenge',
        subjectId: held,
      });
      // Another challenge's chain: not blocked by the open transaction.
      const started = Date.now();
      await record(other, 'test.other');
      expect(Date.now() - started).toBeLessThan(1000);
      // The same chain: waits until the holder commits.
      let sameDone = false;
      const same = record(held, 'test.same').then(() => (sameDone = true));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(sameDone).toBe(false);
      await runner.commitTransaction();
      await same;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    const seqs = await dataSource.query(`SELECT action, seq::int AS seq FROM audit_entries WHERE chain = $1 ORDER BY seq`, [
      held,
    ]);
    expect(seqs).toEqual([
      { action: 'test.held', seq: 1 },
      { action: 'test.same', seq: 2 },
    ]);
  });

  describe('chained at COMMIT (recordAtCommit, the bid writes)', () => {
    const atCommit = (challengeId: string, action: string) =>
      dataSource.transaction((em) =>
        audit.recordAtCommit(em, { challengeId, actorId: actor, action, subjectType: 'bid', subjectId: randomUUID() }),
      );
    const seqsOf = (chain: string) =>
      dataSource.query(`SELECT action, seq::int AS seq FROM audit_entries WHERE chain = $1 ORDER BY seq`, [chain]);

    it('chains the entry when the transaction commits, hashed as any entry, and leaves nothing pending', async () => {
      const chain = randomUUID();
      await record(chain, 'test.first');
      await atCommit(chain, 'test.at_commit');
      expect(await seqsOf(chain)).toEqual([
        { action: 'test.first', seq: 1 },
        { action: 'test.at_commit', seq: 2 },
      ]);
      const [row] = await dataSource.query(
        `SELECT id, chain, seq::int AS seq, challenge_id AS "challengeId", actor_id AS "actorId", action, subject_type AS "subjectType",
                subject_id AS "subjectId", before, after, public, recorded_at AS "recordedAt", prev_hash AS "prevHash", hash
           FROM audit_entries WHERE chain = $1 AND seq = 2`,
        [chain],
      );
      expect(entryHash({ ...row, recordedAt: row.recordedAt.toISOString() })).toBe(row.hash);
      expect(await dataSource.query(`SELECT 1 FROM audit_pending`)).toHaveLength(0);
      expect((await audit.verifyChallenge(chain)).ok).toBe(true);
    });

    it('records nothing when the change rolls back', async () => {
      const chain = randomUUID();
      await expect(
        dataSource.transaction(async (em) => {
          await audit.recordAtCommit(em, {
            challengeId: chain,
            actorId: null,
            action: 'test.lost',
            subjectType: 'bid',
            subjectId: 'x',
          });
          throw new Error('the bid was refused');
        }),
      ).rejects.toThrow('the bid was refused');
      expect(await seqsOf(chain)).toEqual([]);
      expect(await dataSource.query(`SELECT 1 FROM audit_pending`)).toHaveLength(0);
    });

    it('comes after the same transaction’s record, whatever the order of the calls', async () => {
      const chain = randomUUID();
      await dataSource.transaction(async (em) => {
        await audit.recordAtCommit(em, {
          challengeId: chain,
          actorId: null,
          action: 'test.called_first',
          subjectType: 'bid',
          subjectId: 'x',
        });
        await audit.record(em, {
          challengeId: chain,
          actorId: null,
          action: 'test.called_second',
          subjectType: 'bid',
          subjectId: 'x',
        });
      });
      expect(await seqsOf(chain)).toEqual([
        { action: 'test.called_second', seq: 1 },
        { action: 'test.called_first', seq: 2 },
      ]);
    });

    it('interleaves with record under concurrency without gaps, forks or anything left pending', async () => {
      const chain = randomUUID();
      await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? record(chain, `test.r${i}`) : atCommit(chain, `test.p${i}`))),
      );
      const seqs = await seqsOf(chain);
      expect(seqs.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(new Set(seqs.map((r: { action: string }) => r.action)).size).toBe(30);
      expect(await dataSource.query(`SELECT 1 FROM audit_pending`)).toHaveLength(0);
      expect((await audit.verifyChallenge(chain)).ok).toBe(true);
    });
  });

  describe('GET /api/v1/audit', () => {
    it('lists a challenge’s public entries in chain order, page by page', async () => {
      const first = await t.http.get(`/api/v1/audit?challengeId=${challengeA}&limit=2`).expect(200);
      expect(first.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
      expect(first.body.items[0]).toMatchObject({
        chain: challengeA,
        challengeId: challengeA,
        action: 'test.a1',
        // Not an action known to be taken by staff: the public view names no actor (public-actor.ts).
        actorId: null,
        before: { status: 'draft' },
        after: { status: 'published' },
        prevHash: GENESIS_HASH,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        recordedAt: expect.stringMatching(/Z$/),
      });
      const second = await t.http
        .get(`/api/v1/audit?challengeId=${challengeA}&limit=2&cursor=${first.body.nextCursor}`)
        .expect(200);
      // seq 3 is not public.
      expect(second.body.items.map((e: { seq: number }) => e.seq)).toEqual([4, 5]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('lists public entries of every chain without repeating or skipping, and never the private ones', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string; action: string }[]; nextCursor: string | null } } = await t.http
          .get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        seen.push(...res.body.items.map((e) => e.id));
        expect(res.body.items.every((e) => e.action !== 'test.global1' && e.action !== 'test.a3')).toBe(true);
        cursor = res.body.nextCursor;
      } while (cursor);
      const publicCount = (await dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE public`))[0].n;
      expect(seen).toHaveLength(publicCount);
      expect(new Set(seen).size).toBe(publicCount);
    });

    it('answers 400 problem+json for a malformed challenge id or cursor', async () => {
      const bad = await t.http.get('/api/v1/audit?challengeId=nope').expect(400);
      expect(bad.headers['content-type']).toMatch(PROBLEM);
      expect(bad.body.errors).toEqual([{ field: 'challengeId', message: 'must be a UUID' }]);
      const cursor = await t.http.get(`/api/v1/audit?challengeId=${challengeA}&cursor=abc`).expect(400);
      expect(cursor.body.code).toBe('invalid_cursor');
      const global = (await t.http.get('/api/v1/audit?limit=1').expect(200)).body.nextCursor;
      await t.http.get(`/api/v1/audit?challengeId=${challengeA}&cursor=${global}`).expect(400);
    });
  });

  describe('append-only', () => {
    it.each([
      ['UPDATE', `UPDATE audit_entries SET action = 'x'`],
      ['DELETE', `DELETE FROM audit_entries`],
      ['TRUNCATE', `TRUNCATE audit_entries`],
    ])('refuses %s, even to a superuser, while the trigger is on', async (op, sql) => {
      await asSuperuser(async (c) => {
        await expect(c.query(sql)).rejects.toThrow(new RegExp(`append-only: ${op} is refused`));
      });
      await expect(dataSource.query(sql)).rejects.toThrow(/append-only/);
    });
  });

  describe('tampering, with the trigger bypassed by a superuser', () => {
    // Entries before a chain's checkpoint were verified when appended; the full recompute re-checks them.
    let admin: Session;
    const fullVerify = () => t.http.get('/api/v1/audit/verify?full=true').set(bearer(admin));
    beforeAll(async () => {
      admin = await loginAdmin(t.http);
    });

    it('reports an altered entry at its seq, and nothing once it is put back', async () => {
      const [row] = await dataSource.query(`SELECT id, after FROM audit_entries WHERE chain = $1 AND seq = 2`, [challengeB]);
      await asSuperuser(async (c) => {
        await c.query(`SET session_replication_role = replica`);
        await c.query(`UPDATE audit_entries SET after = $2 WHERE id = $1`, [row.id, JSON.stringify({ status: 'cancelled' })]);
      });
      const res = await fullVerify().expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.firstBroken).toEqual({ chain: challengeB, seq: 2, entryId: row.id, reason: 'hash_mismatch' });
      expect(res.body.broken).toHaveLength(1);

      await asSuperuser(async (c) => {
        await c.query(`SET session_replication_role = replica`);
        await c.query(`UPDATE audit_entries SET after = $2 WHERE id = $1`, [row.id, JSON.stringify(row.after)]);
      });
      expect((await fullVerify().expect(200)).body.ok).toBe(true);
    });

    it('reports a deleted entry by its missing seq', async () => {
      const [row] = await dataSource.query(`SELECT * FROM audit_entries WHERE chain = $1 AND seq = 3`, [challengeA]);
      await asSuperuser(async (c) => {
        await c.query(`ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete`);
        try {
          await c.query(`DELETE FROM audit_entries WHERE id = $1`, [row.id]);
        } finally {
          await c.query(`ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete`);
        }
      });
      const res = await fullVerify().expect(200);
      expect(res.body).toMatchObject({
        ok: false,
        firstBroken: { chain: challengeA, seq: 3, entryId: null, reason: 'missing_entry' },
      });
      // The trigger is on again.
      await expect(dataSource.query(`DELETE FROM audit_entries WHERE chain = $1`, [challengeA])).rejects.toThrow(/append-only/);

      // Put it back (INSERT is allowed) and the chain verifies again.
      await dataSource.query(`INSERT INTO audit_entries SELECT * FROM json_populate_record(NULL::audit_entries, $1::json)`, [
        JSON.stringify(row),
      ]);
      expect((await fullVerify().expect(200)).body.ok).toBe(true);
    });

    it('reports entries deleted from the end of a chain', async () => {
      const [last] = await dataSource.query(`SELECT id FROM audit_entries WHERE chain = $1 AND seq = 3`, [challengeB]);
      await asSuperuser(async (c) => {
        await c.query(`SET session_replication_role = replica`);
        await c.query(`DELETE FROM audit_entries WHERE id = $1`, [last.id]);
      });
      const res = await fullVerify().expect(200);
      expect(res.body.firstBroken).toEqual({ chain: challengeB, seq: 3, entryId: null, reason: 'missing_entry' });
    });
  });
});
