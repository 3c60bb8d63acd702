import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { ChallengeCloseJob, ChallengeCloseSteps } from '@app/challenges';
import { OPEN_DATA_CONFIG, OpenDataConfig } from '@app/open-data';
import { ocdsValidators } from '@app/open-data/testing/ocds-validator';
import { OcdsFeedChecker } from './support/ocds-feed';
import { ENQUIRIES_EXTENSION, PAGINATION_EXTENSION } from './support/ocds-official';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(180_000);
const API = '/api/v1';
const OD = `${API}/open-data`;
const DAY = 86_400_000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (generous: other engineers' tests share this machine). */
async function waitFor<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('open data (OCDS)', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let db: Client;
  let official: OcdsFeedChecker;
  let prefix: string;
  const ocds = ocdsValidators();

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S', QA_EXTENSION_WINDOW: 'PT1S' } });
    official = new OcdsFeedChecker(t.http);
    prefix = t.app.get<OpenDataConfig>(OPEN_DATA_CONFIG).ocidPrefix;
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const create = async (over: Record<string, unknown> = {}): Promise<string> => {
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody(over));
    if (c.status !== 201) throw new Error(`create: ${c.status} ${JSON.stringify(c.body)}`);
    return c.body.id as string;
  };
  const publish = (id: string) => t.http.post(`${API}/challenges/${id}/publish`).set(bearer(agency)).expect(200);
  const published = async (over: Record<string, unknown> = {}) => {
    const id = await create(over);
    await publish(id);
    return id;
  };
  const ocidOf = (challengeId: string) => `${prefix}-${challengeId}`;
  /** Runs the close job's handler in-process (the e2e app runs no worker). */
  const close = async (challengeId: string) => {
    await passDeadline(t.databaseUrl, challengeId);
    await new ChallengeCloseJob(t.app.get(DataSource), t.app.get(AuditService), new ChallengeCloseSteps()).handle({
      challengeId,
    });
  };

  /**
   * Reads the feed from `since` until a page comes back short; every package is checked against the
   * official OCDS 1.1.5 schemas (with its declared extensions) and every release against ours.
   */
  async function follow(
    query: Record<string, string | number> = {},
    since?: string,
  ): Promise<{ releases: any[]; since?: string }> {
    const releases: any[] = [];
    let cursor = since;
    const limit = Number(query.limit ?? 50);
    for (;;) {
      const res = await t.http
        .get(`${OD}/ocds/releases`)
        .query({ ...query, limit, ...(cursor ? { since: cursor } : {}) })
        .expect(200);
      await official.assert('releasePackage', res.body);
      ocds.assert('releasePackage', res.body);
      const page: any[] = res.body.releases ?? [];
      releases.push(...page);
      cursor = new URL(res.body.links.next).searchParams.get('since') ?? undefined;
      if (page.length < limit) return { releases, since: cursor };
    }
  }

  describe('tender phase: publish, amend, Q&A, close, cancel', () => {
    let a: string;
    let b: string;
    let draft: string;
    let teams: (Session & { creditCode: string })[];
    const canary = `CANARY-${randomBytes(12).toString('hex')}`;

    beforeAll(async () => {
      a = await published({ title: '光计算芯片 A', budgetFen: 5_000_000_012 });
      b = await published({
        title: '量子测控 B',
        industry: 'quantum_information',
        secondaryIndustry: 'optical_comm_computing',
        field: 'test_instruments',
        mechanism: 'horse_race',
        track: 'pm_major',
        parallelSlots: 3,
        budgetFen: 9_000_000_000,
        stages: [
          { name: '初赛', endsAt: isoIn(100 * DAY), advancingSlots: 2 },
          { name: '决赛', endsAt: isoIn(200 * DAY), advancingSlots: 1 },
        ],
      });
      draft = await create({ title: '草稿 never public' });
      // Deadline extended, then a Q&A answer.
      await t.http
        .post(`${API}/challenges/${a}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: isoIn(2 * 3_600_000), reason: '应申报方请求延期' })
        .expect(200);
      teams = [await registerTeam(t.http), await registerTeam(t.http), await registerTeam(t.http)];
      const q = await t.http
        .post(`${API}/challenges/${a}/questions`)
        .set(bearer(teams[0]))
        .send({ text: '是否接受联合体？' })
        .expect(201);
      await t.http
        .post(`${API}/challenges/${a}/questions/${q.body.id}/answer`)
        .set(bearer(agency))
        .send({ text: '接受，最多 3 家。' })
        .expect(200);
      // Three bids, one withdrawn; the canary is in a sealed proposal.
      await t.http
        .post(`${API}/challenges/${a}/bids`)
        .set(bearer(teams[0]))
        .send(bidBody({ text: canary }))
        .expect(201);
      await t.http.post(`${API}/challenges/${a}/bids`).set(bearer(teams[1])).send(bidBody()).expect(201);
      const gone = await t.http.post(`${API}/challenges/${a}/bids`).set(bearer(teams[2])).send(bidBody()).expect(201);
      await t.http.post(`${API}/challenges/${a}/bids/${gone.body.id}/withdraw`).set(bearer(teams[2])).expect(200);
      await t.http.post(`${API}/challenges/${b}/cancel`).set(bearer(agency)).send({ reason: '预算调整' }).expect(200);
    });

    it('publishes one release per public event, in order, each valid against OCDS 1.1.5 and our schema', async () => {
      const { releases } = await follow();
      for (const r of releases) ocds.assert('release', r);
      const mine = releases.filter((r) => r.ocid === ocidOf(a) || r.ocid === ocidOf(b));
      expect(mine.map((r) => [r.ocid === ocidOf(a) ? 'a' : 'b', r.tag[0]])).toEqual([
        ['a', 'tender'],
        ['b', 'tender'],
        ['a', 'tenderAmendment'],
        ['a', 'tenderUpdate'],
        ['b', 'tenderCancellation'],
      ]);
      expect(new Set(releases.map((r) => r.id)).size).toBe(releases.length);
      expect(releases.some((r) => r.ocid === ocidOf(draft))).toBe(false);
    });

    it('tender: the call as published — value in CNY from fen, period, method, criteria, eligibility, objectives', async () => {
      const { releases } = await follow({ ocid: ocidOf(a) });
      const tender = releases.find((r) => r.tag.includes('tender'));
      const [row] = (await db.query(`SELECT published_at FROM challenges WHERE id = $1`, [a])).rows;
      expect(tender).toMatchObject({
        ocid: ocidOf(a),
        date: row.published_at.toISOString(),
        initiationType: 'tender',
        buyer: { name: expect.any(String) },
        tender: {
          id: a,
          procuringEntity: tender.buyer,
          title: '光计算芯片 A',
          description: expect.stringContaining('光计算'),
          status: 'active',
          value: { amount: 50_000_000.12, currency: 'CNY' },
          procurementMethod: 'open',
          submissionMethod: ['electronicSubmission'],
          awardCriteria: 'ratedCriteria',
          eligibilityCriteria: expect.stringContaining('3'),
          tenderPeriod: { startDate: row.published_at.toISOString() },
          jiebang: {
            industry: 'optical_comm_computing',
            field: 'key_components',
            mechanism: 'open_call',
            track: 'core_tech',
            objectives: [
              { metric: '算力', target: 100, unit: 'TOPS' },
              { metric: '能效', target: 10, unit: 'TOPS/W' },
            ],
          },
        },
      });
      expect(tender.tender).not.toHaveProperty('items');
      expect(tender.parties).toEqual([
        expect.objectContaining({ id: tender.buyer.id, roles: ['buyer', 'procuringEntity', 'payer'] }),
      ]);
      // The first deadline, as published — not the extended one.
      const [first] = (
        await db.query(`SELECT after FROM audit_entries WHERE challenge_id = $1 AND action = 'challenge.published'`, [a])
      ).rows;
      expect(tender.tender.tenderPeriod.endDate).toBe(first.after.bidDeadline);
    });

    it('tenderAmendment: the extended deadline; the published answer is an enquiry (extension declared), not an amendment', async () => {
      const { releases } = await follow({ ocid: ocidOf(a) });
      const [extension, ...others] = releases.filter((r) => r.tag.includes('tenderAmendment'));
      expect(others).toEqual([]);
      const answer = releases.find((r) => r.tender?.enquiries);
      const [row] = (await db.query(`SELECT bid_deadline FROM challenges WHERE id = $1`, [a])).rows;
      expect(extension.tender).toMatchObject({
        id: a,
        tenderPeriod: { endDate: row.bid_deadline.toISOString() },
        amendments: [
          {
            id: extension.id,
            rationale: '应申报方请求延期',
            description: expect.stringContaining(row.bid_deadline.toISOString()),
          },
        ],
      });
      const [question] = (await db.query(`SELECT id, answered_at FROM challenge_questions WHERE challenge_id = $1`, [a])).rows;
      expect(answer.tag).toEqual(['tenderUpdate']);
      expect(answer.tender).toEqual({
        id: a,
        hasEnquiries: true,
        enquiries: [
          {
            id: question.id,
            description: '是否接受联合体？',
            answer: '接受，最多 3 家。',
            dateAnswered: expect.any(String),
          },
        ],
      });
      const page = await t.http
        .get(`${OD}/ocds/releases`)
        .query({ ocid: ocidOf(a) })
        .expect(200);
      expect(page.body.extensions).toEqual(expect.arrayContaining([ENQUIRIES_EXTENSION, PAGINATION_EXTENSION]));
    });

    it('filters by industry (primary or secondary) and by ocid; an ocid that is not ours, unknown or a draft’s is a 404', async () => {
      const quantum = await follow({ industry: 'quantum_information' });
      expect(new Set(quantum.releases.map((r) => r.ocid))).toEqual(new Set([ocidOf(b)]));
      const optical = await follow({ industry: 'optical_comm_computing' });
      expect(new Set(optical.releases.map((r) => r.ocid))).toEqual(new Set([ocidOf(a), ocidOf(b)]));
      for (const ocid of [`ocds-other-${a}`, ocidOf(randomUUID()), ocidOf(draft)]) {
        const res = await t.http.get(`${OD}/ocds/releases`).query({ ocid }).expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 404, code: 'open_data.process_not_found' });
      }
      await t.http.get(`${OD}/ocds/releases`).query({ industry: 'astrology' }).expect(400);
      await t.http.get(`${OD}/ocds/releases`).query({ since: 'nonsense' }).expect(400);
      await t.http.get(`${OD}/ocds/releases`).query({ limit: 0 }).expect(400);
    });

    it('tenderCancellation: status cancelled, the reason as an amendment; the record compiles it', async () => {
      const rec = await t.http.get(`${OD}/ocds/records/${ocidOf(b)}`).expect(200);
      await official.assert('recordPackage', rec.body);
      ocds.assert('recordPackage', rec.body);
      const [record] = rec.body.records;
      expect(record.releases.map((r: any) => r.tag[0])).toEqual(['tender', 'tenderCancellation']);
      expect(record.compiledRelease).toMatchObject({
        ocid: ocidOf(b),
        tag: ['compiled'],
        tender: {
          id: b,
          title: '量子测控 B',
          status: 'cancelled',
          amendments: [{ rationale: '预算调整' }],
          jiebang: { mechanism: 'horse_race', track: 'pm_major', secondaryIndustry: 'optical_comm_computing', parallelSlots: 3 },
        },
      });
    });

    it('tenderUpdate at the deadline: the number of tenderers (live bids), never who or what', async () => {
      await close(a);
      const rec = await waitFor(async () => {
        const res = await t.http.get(`${OD}/ocds/records/${ocidOf(a)}`).expect(200);
        return res.body.records[0].releases.some((r: any) => r.tender?.numberOfTenderers !== undefined) ? res.body : null;
      }, 'the close release');
      await official.assert('recordPackage', rec);
      ocds.assert('recordPackage', rec);
      const [record] = rec.records;
      const update = record.releases.find((r: any) => r.tender?.numberOfTenderers !== undefined);
      expect(update.tag).toEqual(['tenderUpdate']);
      expect(update.tender).toMatchObject({ id: a, status: 'active', numberOfTenderers: 2 });
      expect(record.compiledRelease.tender).toMatchObject({
        title: '光计算芯片 A',
        numberOfTenderers: 2,
        hasEnquiries: true,
        tenderPeriod: { endDate: update.tender.tenderPeriod.endDate },
      });
      // The deadline extension is the only amendment; the answer is an enquiry, not a second amendment.
      expect(record.compiledRelease.tender.amendments).toHaveLength(1);
      expect(record.compiledRelease.tender.enquiries).toHaveLength(1);
    });

    it('a caught-up page is a valid package: no empty `releases`, and `links.next` to poll again (pagination extension)', async () => {
      const all = await follow();
      const ofA = await follow({ ocid: ocidOf(a) });
      const pages = [
        { since: all.since }, // the whole feed, read to its end
        { ocid: ocidOf(a), since: ofA.since }, // one process, read to its end
        { industry: 'deep_earth_sea' }, // a filter nothing matches yet
      ];
      for (const query of pages) {
        const res = await t.http.get(`${OD}/ocds/releases`).query(query).expect(200);
        // Nothing (more) to read: the package has no `releases` at all, never `"releases": []`.
        expect('releases' in res.body).toBe(false);
        expect(res.body).toMatchObject({
          uri: expect.any(String),
          version: '1.1',
          publishedDate: expect.any(String),
          publisher: { name: expect.any(String) },
          links: { next: expect.any(String) },
        });
        expect(res.body.extensions).toContain(PAGINATION_EXTENSION);
        await official.assert('releasePackage', res.body);
        ocds.assert('releasePackage', res.body);
        // Its `links.next` stays where the reader is: polling it later serves exactly what came since.
        if (query.since) expect(new URL(res.body.links.next).searchParams.get('since')).toBe(query.since);
      }
      // What the feed used to answer (`"releases": []`) is what OCDS 1.1.5 refuses, extensions or not.
      const caughtUp = await t.http.get(`${OD}/ocds/releases`).query({ since: all.since }).expect(200);
      expect(official.official.check('releasePackage', { ...caughtUp.body, releases: [] }).join('\n')).toMatch(
        /must NOT have fewer than 1 items/,
      );
    });

    it('records: 404 for an unknown or foreign ocid and for a draft', async () => {
      expect(prefix).toMatch(/^ocds-[a-z0-9]{6}$/);
      await t.http.get(`${OD}/ocds/records/${ocidOf(randomUUID())}`).expect(404);
      await t.http.get(`${OD}/ocds/records/ocds-other-${a}`).expect(404);
      await t.http.get(`${OD}/ocds/records/${ocidOf(draft)}`).expect(404);
    });

    it('the JSON Lines export streams the same releases as the paged feed', async () => {
      const res = await t.http
        .get(`${OD}/ocds/releases.jsonl`)
        .buffer(true)
        .parse((r, cb) => {
          let text = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (text += c));
          r.on('end', () => cb(null, text));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = (res.body as string)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const paged = await follow();
      expect(lines).toEqual(paged.releases);
    });

    it('sealed-bid canary: no open-data response carries a word of a sealed proposal', async () => {
      const bodies: string[] = [];
      const get = async (url: string) => {
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
        bodies.push(res.body as string);
      };
      // While sealed: a fresh challenge with a bid carrying the canary, before its deadline.
      const open = await published({ title: 'sealed' });
      const team = await registerTeam(t.http);
      await t.http
        .post(`${API}/challenges/${open}/bids`)
        .set(bearer(team))
        .send(bidBody({ text: canary }))
        .expect(201);
      await get(`${OD}/ocds/releases?limit=1000`);
      await get(`${OD}/ocds/releases.jsonl`);
      await get(`${OD}/stats`);
      for (const id of [a, b, open]) await get(`${OD}/ocds/records/${ocidOf(id)}`);
      for (const industry of ['optical_comm_computing', 'quantum_information'])
        await get(`${OD}/ocds/releases?industry=${industry}`);
      expect(bodies.length).toBeGreaterThan(5);
      for (const body of bodies) expect(body).not.toContain(canary);
      // The canary is really there, in the sealed bids (so the test would catch a leak).
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM bids WHERE proposal::text LIKE $1`, [`%${canary}%`]);
      expect(rows[0].n).toBe(2);
    });
  });

  describe('the since cursor', () => {
    let challenges: string[];
    let audit: AuditService;
    let dataSource: DataSource;

    beforeAll(async () => {
      challenges = [];
      for (let i = 0; i < 4; i++) challenges.push(await published({ title: `cursor ${i}` }));
      audit = t.app.get(AuditService);
      dataSource = t.app.get(DataSource);
    });

    /** A public answer recorded in its own transaction; `hold` keeps the transaction open. */
    const answer = (challengeId: string, text: string, hold: () => Promise<void> = async () => undefined) =>
      dataSource.transaction(async (em) => {
        await audit.record(em, {
          challengeId,
          actorId: agency.userId,
          action: 'question.answered',
          subjectType: 'question',
          subjectId: randomUUID(),
          after: { question: 'q', answer: text },
          public: true,
        });
        await hold();
      });
    const texts = (releases: any[]) => releases.map((r) => r.tender.enquiries[0].answer);

    it('holds back a release committed after an earlier, still-running one — then serves both, in order', async () => {
      const { since } = await follow();
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const isStarted = new Promise<void>((r) => (started = r));
      const first = answer(challenges[0], 'first (commits last)', async () => {
        started();
        await held;
      });
      await isStarted;
      await answer(challenges[1], 'second (commits first)');
      // Visible now: only "second". A naive cursor on seq would serve it and move past "first".
      const visible = await db.query(
        `SELECT count(*)::int AS n FROM open_data_events e JOIN audit_entries a ON a.id = e.audit_entry_id WHERE a.after->>'answer' LIKE '%commits%'`,
      );
      expect(visible.rows[0].n).toBe(1);
      const early = await follow({}, since);
      expect(texts(early.releases)).toEqual([]);
      release();
      await first;
      const late = await waitFor(async () => {
        const page = await follow({}, since);
        return page.releases.length >= 2 ? page : null;
      }, 'both releases');
      expect(texts(late.releases)).toEqual(['first (commits last)', 'second (commits first)']);
      const { rows } = await db.query(
        `SELECT a.after->>'answer' AS text, e.seq::int AS seq FROM open_data_events e JOIN audit_entries a ON a.id = e.audit_entry_id
         WHERE a.after->>'answer' LIKE '%commits%' ORDER BY e.seq`,
      );
      expect(rows.map((r) => r.text)).toEqual(['first (commits last)', 'second (commits first)']);
    });

    it('is not held back by a transaction running in another database', async () => {
      const { since } = await follow();
      const other = new Client({ connectionString: t.databaseUrl.replace(/\/[^/]+$/, '/postgres') });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_current_xact_id()');
        await answer(challenges[2], 'while another database is busy');
        const page = await waitFor(
          async () => {
            const p = await follow({}, since);
            return p.releases.length ? p : null;
          },
          'the release',
          30_000,
        );
        expect(texts(page.releases)).toEqual(['while another database is busy']);
      } finally {
        await other.query('ROLLBACK').catch(() => undefined);
        await other.end();
      }
    });

    it('concurrent writers, a follower reading small pages meanwhile: every release exactly once, in feed order', async () => {
      const { since: start } = await follow();
      const N = 60;
      const written = Array.from({ length: N }, (_, i) => `w${i}`);
      let writing = true;
      let followerDeadline = Infinity;
      const seen: string[] = [];
      let since = start;
      const follower = (async () => {
        for (;;) {
          const done = !writing;
          const res = await t.http
            .get(`${OD}/ocds/releases`)
            .query({ limit: 7, ...(since ? { since } : {}) })
            .expect(200);
          await official.assert('releasePackage', res.body);
          const page: any[] = res.body.releases ?? [];
          seen.push(...texts(page));
          since = new URL(res.body.links.next).searchParams.get('since') ?? since;
          if (done && page.length < 7 && seen.length >= N) return;
          if (done && Date.now() > followerDeadline) return;
          if (page.length < 7) await sleep(20);
        }
      })();
      // Writers take their transaction id early, record after a random pause and commit after
      // another: ids, insertion order and commit order all disagree.
      await Promise.all(
        written.map(async (text, i) => {
          await sleep(Math.random() * 300);
          await dataSource.transaction(async (em) => {
            await em.query('SELECT pg_current_xact_id()');
            await sleep(Math.random() * 150);
            await audit.record(em, {
              challengeId: challenges[i % challenges.length],
              actorId: agency.userId,
              action: 'question.answered',
              subjectType: 'question',
              subjectId: randomUUID(),
              after: { question: 'q', answer: text },
              public: true,
            });
            await sleep(Math.random() * 150);
          });
        }),
      );
      followerDeadline = Date.now() + 90_000;
      writing = false;
      await follower;
      expect(seen).toHaveLength(N);
      expect(new Set(seen)).toEqual(new Set(written));
      // And a fresh read from the same starting point gives the same sequence.
      const again = await follow({ limit: 1000 }, start);
      expect(texts(again.releases)).toEqual(seen);
    });
  });
});
