import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService, LedgerReader, mayReadEntry } from '@app/audit';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { pdfOf } from './support/document-files';
import { Session, bearer, createStaff, loginAdmin, registerAgency, registerTeam } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';

jest.setTimeout(120_000);
const API = '/api/v1';

type Entry = { id: string; seq: number; action: string; actorId: string | null; public: boolean; challengeId: string | null };
type Who = 'auditor' | 'agency' | 'other agency' | 'team' | 'public';

/**
 * Issue 18, "an auditor's view of the whole ledger": the access table (auditor, the challenge's
 * agency, another agency, a team, the public) × (before, after the bid deadline), for ledger
 * entries and for sealed content (bids, scores, bid documents); auditors never write; and
 * verification from checkpoints, which still catches tampering after the checkpoint.
 */
describe('audit access', () => {
  let t: TestApp;
  let db: Client;
  let dir: string;
  let admin: Session;
  let auditor: Session;
  let agency: Session;
  let otherAgency: Session;
  let team: Session;
  let reviewer: Session;
  let challengeId: string;
  let bidId: string;
  let documentId: string;
  const sessions = (): Record<Who, Session | undefined> => ({
    auditor,
    agency,
    'other agency': otherAgency,
    team,
    public: undefined,
  });
  const as = <T extends { set(h: Record<string, string>): T }>(req: T, s?: Session): T => (s ? req.set(bearer(s)) : req);

  /** Every entry `s` may read, following cursors to the end. */
  async function readAll(query: string, s?: Session): Promise<Entry[]> {
    const out: Entry[] = [];
    let cursor: string | null = null;
    do {
      const url = `${API}/audit?limit=7&${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const res: { body: { items: Entry[]; nextCursor: string | null } } = await as(t.http.get(url), s).expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  }

  /** What ledger-access.ts allows, computed from the stored rows (the SQL must say the same). */
  async function expectedIds(reader: LedgerReader, owned: boolean, unsealed: boolean): Promise<string[]> {
    const rows = await db.query(`SELECT id, action, public, challenge_id FROM audit_entries WHERE chain = $1 ORDER BY seq`, [
      challengeId,
    ]);
    return rows.rows
      .filter((r) =>
        mayReadEntry(reader, { public: r.public, action: r.action, challengeId: r.challenge_id }, { unsealed, owned }),
      )
      .map((r) => r.id);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiebang-audit-access-'));
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', DOCUMENTS_DIR: dir } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    auditor = await createStaff(t.http, admin, 'auditor');
    agency = await createStaff(t.http, admin, 'agency', (await registerAgency(t.http, admin)).id);
    otherAgency = await createStaff(t.http, admin, 'agency', (await registerAgency(t.http, admin)).id);
    reviewer = await createStaff(t.http, admin, 'reviewer');
    team = await registerTeam(t.http);
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
    challengeId = c.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    await t.http
      .post(`${API}/challenges/${challengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId] })
      .expect(200);
    const doc = await t.http
      .post(`${API}/documents`)
      .set(bearer(team))
      .attach('file', pdfOf(4_000), { filename: '申报书.pdf', contentType: 'application/octet-stream' })
      .expect(201);
    documentId = doc.body.id;
    const bid = await t.http
      .post(`${API}/challenges/${challengeId}/bids`)
      .set(bearer(team))
      .send(bidBody({ documents: [{ documentId, role: 'application' }] }))
      .expect(201);
    bidId = bid.body.id;
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the auditor role', () => {
    it('is created by an admin only, and can never write', async () => {
      const body = { email: 'a2@example.test', password: 'auditor-password-123', displayName: '监督员', role: 'auditor' };
      await t.http.post(`${API}/users`).set(bearer(agency)).send(body).expect(403);
      const me = await t.http.get(`${API}/me`).set(bearer(auditor)).expect(200);
      expect(me.body.role).toBe('auditor');
      const writes = [
        t.http.post(`${API}/challenges`).send(challengeBody()),
        t.http.post(`${API}/challenges/${challengeId}/bids`).send(bidBody()),
        t.http.put(`${API}/challenges/${challengeId}/criteria`).send({}),
        t.http.post(`${API}/users`).send(body),
        t.http.post(`${API}/bids/${bidId}/scores`).send({}),
        t.http.post(`${API}/documents`),
      ];
      for (const req of writes) {
        const res = await req.set(bearer(auditor)).expect(403);
        expect(res.body.code).toBe('identity.read_only_role');
      }
    });
  });

  describe('before the deadline', () => {
    it('shows each reader exactly the entries ledger-access.ts allows; who bid is sealed to all, auditors included', async () => {
      const cases: [Who, LedgerReader, boolean][] = [
        ['auditor', 'auditor', false],
        ['agency', 'agency', true],
        ['other agency', 'agency', false],
        ['team', 'public', false],
        ['public', 'public', false],
      ];
      for (const [who, reader, owned] of cases) {
        const seen = await readAll(`challengeId=${challengeId}`, sessions()[who]);
        expect([who, seen.map((e) => e.id)]).toEqual([who, await expectedIds(reader, owned, false)]);
        expect([who, seen.filter((e) => e.action.startsWith('bid.'))]).toEqual([who, []]);
      }
      const forAuditor = await readAll(`challengeId=${challengeId}`, auditor);
      // Not sealed: the auditor sees the non-public reviewer assignment at once.
      expect(forAuditor.some((e) => e.action === 'review.reviewers_assigned' && !e.public)).toBe(true);
      expect((await readAll('kind=bid', auditor)).filter((e) => e.challengeId === challengeId)).toEqual([]);
    });

    it('keeps bids, scores and bid documents sealed to everyone but the bidder', async () => {
      for (const [who, s] of Object.entries(sessions()) as [Who, Session | undefined][]) {
        const list = await as(t.http.get(`${API}/challenges/${challengeId}/bids`), s).expect(200);
        expect([who, list.body.count, list.body.items.length]).toEqual([who, 1, who === 'team' ? 1 : 0]);
        const one = await as(t.http.get(`${API}/bids/${bidId}`), s);
        expect([who, one.status]).toEqual([who, who === 'team' ? 200 : who === 'public' ? 401 : 404]);
        // The download route is public; who may not read a file does not learn it exists (404).
        const file = await as(t.http.get(`${API}/documents/${documentId}/content`), s);
        expect([who, file.status]).toEqual([who, who === 'team' ? 200 : 404]);
      }
      const ranking = await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(auditor));
      expect(ranking.status).toBe(409);
      expect(ranking.body.code).toBe('bids.review_not_open');
    });
  });

  describe('after the deadline', () => {
    beforeAll(() => passDeadline(t.databaseUrl, challengeId));

    it('opens every entry to auditors and the challenge’s own agency, and nothing more to anyone else', async () => {
      const cases: [Who, LedgerReader, boolean][] = [
        ['auditor', 'auditor', false],
        ['agency', 'agency', true],
        ['other agency', 'agency', false],
        ['team', 'public', false],
        ['public', 'public', false],
      ];
      const all = (await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE chain = $1`, [challengeId])).rows[0].n;
      for (const [who, reader, owned] of cases) {
        const seen = await readAll(`challengeId=${challengeId}`, sessions()[who]);
        const expected = await expectedIds(reader, owned, true);
        expect([who, seen.map((e) => e.id)]).toEqual([who, expected]);
        const sees = seen.some((e) => e.action === 'bid.submitted');
        expect([who, sees]).toEqual([who, who === 'auditor' || who === 'agency']);
        if (who === 'auditor' || who === 'agency') expect(seen).toHaveLength(all);
      }
      // Auditors see who acted; the agency sees the public rule's actor (none for a team's act).
      const byAuditor = (await readAll(`challengeId=${challengeId}&action=bid.submitted`, auditor))[0];
      expect(byAuditor.actorId).toBe(team.userId);
      expect((await readAll(`challengeId=${challengeId}&action=bid.submitted`, agency))[0].actorId).toBeNull();
    });

    it('filters by kind, action, actor and date range across chains, page by page', async () => {
      const bidsSeen = await readAll('kind=bid', auditor);
      expect(bidsSeen.map((e) => e.action)).toContain('bid.submitted');
      expect(bidsSeen.every((e) => e.action.startsWith('bid.'))).toBe(true);
      expect(await readAll('kind=bid', otherAgency)).toEqual([]);
      expect((await readAll('kind=bid', agency)).map((e) => e.challengeId)).toEqual([challengeId]);

      const byTeam = await readAll(`actorId=${team.userId}`, auditor);
      expect(byTeam.length).toBeGreaterThan(0);
      expect(byTeam.every((e) => e.actorId === team.userId)).toBe(true);
      // Nobody else may learn a private person's acts through the actor filter.
      expect(await readAll(`actorId=${team.userId}`)).toEqual([]);
      expect(await readAll(`actorId=${team.userId}`, agency)).toEqual([]);

      const everything = await readAll('', auditor);
      expect(new Set(everything.map((e) => e.id)).size).toBe(everything.length);
      const total = (await db.query(`SELECT count(*)::int AS n FROM audit_entries`)).rows[0].n;
      expect(everything).toHaveLength(total);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect(await readAll(`from=${future}`, auditor)).toEqual([]);
      expect(await readAll(`to=2020-01-01T00:00:00Z`, auditor)).toEqual([]);
      expect((await readAll(`from=2020-01-01T00:00:00Z&to=${future}`, auditor)).length).toBe(total);

      for (const [q, field] of [
        ['actorId=x', 'actorId'],
        ['from=yesterday', 'from'],
        ['kind=BID', 'kind'],
        ['action=bid', 'action'],
      ]) {
        const res = await t.http.get(`${API}/audit?${q}`).set(bearer(auditor)).expect(400);
        expect(res.body.errors[0].field).toBe(field);
      }
    });

    it('opens bids, scores and bid documents to auditors and the agency, not to another agency or the public', async () => {
      const allowed: Who[] = ['auditor', 'agency', 'team'];
      for (const [who, s] of Object.entries(sessions()) as [Who, Session | undefined][]) {
        const list = await as(t.http.get(`${API}/challenges/${challengeId}/bids`), s).expect(200);
        expect([who, list.body.items.length]).toEqual([who, allowed.includes(who) ? 1 : 0]);
        const one = await as(t.http.get(`${API}/challenges/${challengeId}/bids/${bidId}`), s);
        expect([who, one.status]).toEqual([who, allowed.includes(who) ? 200 : who === 'public' ? 401 : 404]);
        const file = await as(t.http.get(`${API}/documents/${documentId}/content`), s);
        expect([who, file.status]).toEqual([who, allowed.includes(who) ? 200 : 404]);
      }
      const ranking = await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(auditor)).expect(200);
      expect(ranking.body.items.map((i: { bidId: string }) => i.bidId)).toEqual([bidId]);
      await t.http.get(`${API}/challenges/${challengeId}/ranking`).set(bearer(otherAgency)).expect(403);
      const panel = await t.http.get(`${API}/challenges/${challengeId}/reviewers`).set(bearer(auditor)).expect(200);
      expect(JSON.stringify(panel.body)).toContain(reviewer.userId);
      // …and still cannot score or change anything.
      await t.http.post(`${API}/bids/${bidId}/scores`).set(bearer(auditor)).send({}).expect(403);
    });
  });

  describe('verification from checkpoints', () => {
    let audit: AuditService;
    let dataSource: DataSource;
    const append = (action: string) =>
      dataSource.transaction((em) =>
        audit.record(em, { challengeId, actorId: null, action, subjectType: 'test', subjectId: 'x', public: true }),
      );
    async function asSuperuser(work: (c: Client) => Promise<unknown>): Promise<void> {
      const c = new Client({ connectionString: t.databaseUrl });
      await c.connect();
      try {
        await c.query(`SET session_replication_role = replica`);
        await work(c);
      } finally {
        await c.end();
      }
    }
    const verify = (path = '/audit/verify') => t.http.get(`${API}${path}`).expect(200);

    beforeAll(() => {
      audit = t.app.get(AuditService);
      dataSource = t.app.get(DataSource);
    });

    it('hashes only what was appended since the last pass', async () => {
      const first = (await verify()).body;
      expect(first).toMatchObject({ ok: true, broken: [] });
      const again = (await verify()).body;
      expect(again).toMatchObject({ ok: true, checked: 0, entries: first.entries, chains: first.chains });
      await append('test.one');
      await append('test.two');
      expect((await verify()).body).toMatchObject({ ok: true, checked: 2, entries: first.entries + 2 });
      const one = (await verify(`/audit/verify/challenges/${challengeId}`)).body;
      expect(one).toMatchObject({ ok: true, chains: 1, checked: 0 });
    });

    it('still catches an entry altered after the checkpoint, on both verify routes, and advances once it is put back', async () => {
      const entry = await append('test.after_checkpoint');
      await asSuperuser((c) => c.query(`UPDATE audit_entries SET after = '{"forged":true}' WHERE id = $1`, [entry.id]));
      const expected = { chain: challengeId, seq: entry.seq, entryId: entry.id, reason: 'hash_mismatch' };
      expect((await verify()).body).toMatchObject({ ok: false, firstBroken: expected });
      expect((await verify(`/audit/verify/challenges/${challengeId}`)).body).toMatchObject({ ok: false, firstBroken: expected });
      // A broken chain keeps its checkpoint: it is reported again on the next call.
      expect((await verify()).body.ok).toBe(false);
      await asSuperuser((c) => c.query(`UPDATE audit_entries SET after = NULL WHERE id = $1`, [entry.id]));
      expect((await verify()).body).toMatchObject({ ok: true, checked: 1 });
      expect((await verify()).body).toMatchObject({ ok: true, checked: 0 });
    });

    it('catches the checkpointed entry deleted or its hash rewritten, and a deletion at the end of the chain', async () => {
      const [row] = (await db.query(`SELECT * FROM audit_entries WHERE chain = $1 ORDER BY seq DESC LIMIT 1`, [challengeId]))
        .rows;
      await asSuperuser((c) => c.query(`UPDATE audit_entries SET hash = $2 WHERE id = $1`, [row.id, 'e'.repeat(64)]));
      expect((await verify()).body.firstBroken).toEqual({
        chain: challengeId,
        seq: Number(row.seq),
        entryId: row.id,
        reason: 'hash_mismatch',
      });
      await asSuperuser((c) => c.query(`DELETE FROM audit_entries WHERE id = $1`, [row.id]));
      expect((await verify(`/audit/verify/challenges/${challengeId}`)).body.firstBroken).toEqual({
        chain: challengeId,
        seq: Number(row.seq),
        entryId: null,
        reason: 'missing_entry',
      });
      // Put back as it was (triggers off: the open-data event of the entry is still there).
      await asSuperuser((c) =>
        c.query(`INSERT INTO audit_entries SELECT * FROM json_populate_record(NULL::audit_entries, $1::json)`, [
          JSON.stringify(row),
        ]),
      );
      expect((await verify()).body.ok).toBe(true);
    });

    it('leaves the full recompute to auditors and admins; it also re-checks what lies before a checkpoint', async () => {
      const problem = await t.http.get(`${API}/audit/verify?full=true`).expect(403);
      expect(problem.body.code).toBe('audit.full_verify_forbidden');
      await t.http.get(`${API}/audit/verify?full=true`).set(bearer(agency)).expect(403);
      await t.http.get(`${API}/audit/verify?full=maybe`).set(bearer(auditor)).expect(400);
      const [early] = (await db.query(`SELECT * FROM audit_entries WHERE chain = $1 AND seq = 1`, [challengeId])).rows;
      await asSuperuser((c) => c.query(`UPDATE audit_entries SET subject_id = 'forged' WHERE id = $1`, [early.id]));
      try {
        const full = await t.http.get(`${API}/audit/verify?full=true`).set(bearer(auditor)).expect(200);
        expect(full.body.firstBroken).toEqual({ chain: challengeId, seq: 1, entryId: early.id, reason: 'hash_mismatch' });
        expect(full.body.checked).toBe(full.body.entries);
      } finally {
        await asSuperuser((c) => c.query(`UPDATE audit_entries SET subject_id = $2 WHERE id = $1`, [early.id, early.subject_id]));
      }
      expect((await t.http.get(`${API}/audit/verify?full=true`).set(bearer(admin)).expect(200)).body.ok).toBe(true);
    });

    it('answers 400 for a malformed challenge id, and an empty chain as intact', async () => {
      await t.http.get(`${API}/audit/verify/challenges/nope`).expect(400);
      const none = await verify('/audit/verify/challenges/00000000-0000-4000-8000-000000000000');
      expect(none.body).toMatchObject({ ok: true, chains: 0, entries: 0, checked: 0 });
    });
  });
});
