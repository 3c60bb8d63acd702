import { Client } from 'pg';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

const PROBLEM = /^application\/problem\+json/;
const API = '/api/v1';
const SEC = 1000;
const DAY = 86_400_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

/** A valid open-call body; deadline 30 days ahead, project end a year later. */
function challengeBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '超导量子计算芯片关键技术攻关',
    summary: '研制可扩展的超导量子计算芯片，突破高保真度双比特门 (superconducting quantum chip).',
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
    zone: 'guangming_science_city',
    ...over,
  };
}

function horseRaceBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return challengeBody({
    mechanism: 'horse_race',
    parallelSlots: 4,
    budgetFen: 8_000_000_000,
    stages: [
      { name: '初赛', endsAt: iso(100 * DAY), advancingSlots: 2 },
      { name: '决赛', endsAt: iso(200 * DAY), advancingSlots: 1 },
    ],
    ...over,
  });
}

jest.setTimeout(60_000);

describe('challenges', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let otherAgency: Session;
  let team: Session;
  let otherTeam: Session;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { MIN_BID_WINDOW: 'PT2S', QA_EXTENSION_WINDOW: 'PT1H' } });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    team = await registerTeam(t.http);
    otherTeam = await registerTeam(t.http);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const create = async (body = challengeBody(), who: Session = agency) => {
    const res = await t.http.post(`${API}/challenges`).set(bearer(who)).send(body);
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; bidDeadline: string; [k: string]: unknown };
  };
  const publish = async (id: string, who: Session = agency) => {
    const res = await t.http.post(`${API}/challenges/${id}/publish`).set(bearer(who));
    if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const published = async (body = challengeBody()) => {
    const c = await create(body);
    return publish(c.id);
  };
  const auditOf = async (challengeId: string) =>
    (
      await db.query(`SELECT action, actor_id, before, after, public FROM audit_entries WHERE challenge_id = $1 ORDER BY seq`, [
        challengeId,
      ])
    ).rows;

  describe('create and read', () => {
    it('an agency creates a draft with every field of the contract', async () => {
      const body = horseRaceBody({ secondaryIndustry: 'synthetic_biology' });
      const res = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(body).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        status: 'draft',
        title: body.title,
        industry: 'quantum_information',
        secondaryIndustry: 'synthetic_biology',
        field: 'key_components',
        mechanism: 'horse_race',
        track: 'core_tech',
        budgetFen: 8_000_000_000,
        maxAwardFen: 2_000_000_000,
        parallelSlots: 4,
        stages: [
          { name: '初赛', advancingSlots: 2, endsAt: (body.stages as { endsAt: string }[])[0].endsAt },
          { name: '决赛', advancingSlots: 1, endsAt: (body.stages as { endsAt: string }[])[1].endsAt },
        ],
        objectives: body.objectives,
        eligibility: body.eligibility,
        bidDeadline: body.bidDeadline,
        projectEndsAt: body.projectEndsAt,
        zone: 'guangming_science_city',
        zoneName: { key: 'guangming_science_city', zh: '光明科学城', en: 'Guangming Science City' },
        agencyId: agency.userId,
        publishedAt: null,
        awardedFen: 0,
        awardedCount: 0,
      });
    });

    it('an open call gets one slot by default', async () => {
      const c = await create();
      expect(c).toMatchObject({ parallelSlots: 1, stages: [], secondaryIndustry: null });
    });

    it('only agencies create: 401 anonymous, 403 for a team', async () => {
      await t.http.post(`${API}/challenges`).send(challengeBody()).expect(401);
      const res = await t.http.post(`${API}/challenges`).set(bearer(team)).send(challengeBody()).expect(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('a draft is seen only by its agency and admins (404 for everyone else)', async () => {
      const c = await create();
      await t.http.get(`${API}/challenges/${c.id}`).set(bearer(agency)).expect(200);
      await t.http.get(`${API}/challenges/${c.id}`).set(bearer(admin)).expect(200);
      await t.http.get(`${API}/challenges/${c.id}`).expect(404);
      await t.http.get(`${API}/challenges/${c.id}`).set(bearer(team)).expect(404);
      const res = await t.http.get(`${API}/challenges/${c.id}`).set(bearer(otherAgency)).expect(404);
      expect(res.body).toMatchObject({ status: 404, code: 'challenges.not_found' });
    });

    it('404 for an unknown id, 400 for a malformed one', async () => {
      await t.http.get(`${API}/challenges/00000000-0000-4000-8000-000000000000`).expect(404);
      const res = await t.http.get(`${API}/challenges/not-a-uuid`).expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });
  });

  describe('validation (400 with each field, 422 for a funding rule)', () => {
    const cases: [string, Record<string, unknown>, { field: string; message: string | RegExp }][] = [
      [
        'an open call has one slot',
        challengeBody({ parallelSlots: 3 }),
        { field: 'parallelSlots', message: 'must be 1: an open call has exactly one winner' },
      ],
      [
        'an open call has no stages',
        challengeBody({ stages: [{ name: 'x', endsAt: iso(100 * DAY), advancingSlots: 1 }] }),
        { field: 'stages', message: 'must be empty: only a horse race has stages' },
      ],
      [
        'a horse race has at least two slots',
        horseRaceBody({ parallelSlots: 1, stages: [{ name: 'a', endsAt: iso(100 * DAY), advancingSlots: 1 }] }),
        { field: 'parallelSlots', message: 'must be at least 2 for a horse race' },
      ],
      [
        'a horse race names its slots',
        horseRaceBody({ parallelSlots: undefined }),
        { field: 'parallelSlots', message: 'is required for a horse race (at least 2 parallel teams)' },
      ],
      [
        'a horse race has stages',
        horseRaceBody({ stages: [] }),
        { field: 'stages', message: 'must have at least one stage for a horse race' },
      ],
      [
        'stages end in order',
        horseRaceBody({
          stages: [
            { name: 'a', endsAt: iso(200 * DAY), advancingSlots: 2 },
            { name: 'b', endsAt: iso(100 * DAY), advancingSlots: 1 },
          ],
        }),
        { field: 'stages[1].endsAt', message: 'must be after stages[0].endsAt (stages are in order)' },
      ],
      [
        'stages end after the bid deadline',
        horseRaceBody({ stages: [{ name: 'a', endsAt: iso(10 * DAY), advancingSlots: 2 }] }),
        { field: 'stages[0].endsAt', message: 'must be after bidDeadline' },
      ],
      [
        'stages end before the project ends',
        horseRaceBody({ stages: [{ name: 'a', endsAt: iso(500 * DAY), advancingSlots: 2 }] }),
        { field: 'stages[0].endsAt', message: 'must be before projectEndsAt' },
      ],
      [
        'advancing slots shrink',
        horseRaceBody({
          stages: [
            { name: 'a', endsAt: iso(100 * DAY), advancingSlots: 2 },
            { name: 'b', endsAt: iso(200 * DAY), advancingSlots: 2 },
          ],
        }),
        { field: 'stages[1].advancingSlots', message: 'must be fewer than stages[0].advancingSlots (each gate stops someone)' },
      ],
      [
        'advancing slots are fewer than the parallel slots',
        horseRaceBody({ stages: [{ name: 'a', endsAt: iso(100 * DAY), advancingSlots: 4 }] }),
        { field: 'stages[0].advancingSlots', message: 'must be fewer than parallelSlots' },
      ],
      [
        'the project ends after the deadline',
        challengeBody({ projectEndsAt: iso(20 * DAY) }),
        { field: 'projectEndsAt', message: 'must be after bidDeadline' },
      ],
      [
        'the largest award fits the budget',
        challengeBody({ budgetFen: 1000, maxAwardFen: 2000 }),
        { field: 'maxAwardFen', message: 'must not exceed budgetFen' },
      ],
      [
        'the second industry differs',
        challengeBody({ secondaryIndustry: 'quantum_information' }),
        { field: 'secondaryIndustry', message: 'must differ from industry' },
      ],
      [
        'at least one objective',
        challengeBody({ objectives: [] }),
        { field: 'objectives', message: 'must have at least one measurable objective' },
      ],
      [
        'an industry of the eight',
        challengeBody({ industry: 'mining' }),
        { field: 'industry', message: /^must be one of synthetic_biology, blockchain/ },
      ],
      [
        'a zone of the 6+5',
        challengeBody({ zone: 'nowhere' }),
        { field: 'zone', message: /^must be one of guangming_science_city/ },
      ],
      [
        'a known org kind',
        challengeBody({ eligibility: { orgKinds: ['army'], consortiumAllowed: false, maxMembers: 1 } }),
        { field: 'eligibility.orgKinds', message: /^each must be one of enterprise/ },
      ],
      [
        'consortium size',
        challengeBody({ eligibility: { orgKinds: ['enterprise'], consortiumAllowed: false, maxMembers: 3 } }),
        { field: 'eligibility.maxMembers', message: 'must be 1 when consortiumAllowed is false' },
      ],
      [
        'money is integer fen',
        challengeBody({ budgetFen: 12.5 }),
        { field: 'budgetFen', message: 'must be an integer number of fen' },
      ],
      [
        'deadlines carry a time zone',
        challengeBody({ bidDeadline: '2031-01-01T00:00:00' }),
        { field: 'bidDeadline', message: /time zone/ },
      ],
      [
        'deadlines are real dates',
        challengeBody({ bidDeadline: '2031-02-31T00:00:00Z' }),
        { field: 'bidDeadline', message: 'is not a valid date' },
      ],
      ['unknown fields are refused', challengeBody({ secret: 1 }), { field: 'secret', message: 'is not an allowed field' }],
    ];
    it.each(cases)('%s', async (_name, body, expected) => {
      const res = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.status).toBe(400);
      expect(res.body.errors).toContainEqual({
        field: expected.field,
        message: expect.stringMatching(expected.message instanceof RegExp ? expected.message : `^${escape(expected.message)}$`),
      });
    });

    it('a core_tech challenge without a field is a 400 naming field and why', async () => {
      const { field: _field, ...body } = challengeBody();
      const res = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toEqual([
        { field: 'field', message: expect.stringMatching(/^is required for a core_tech challenge/) },
      ]);
    });

    it('a pm_major challenge may name no field (not confined to clause 4 (四)’s four); a core_tech one may not clear it', async () => {
      const { field: _field, ...body } = challengeBody({ track: 'pm_major' });
      const created = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(body).expect(201);
      expect(created.body.field).toBeNull();
      const read = await t.http.get(`${API}/challenges/${created.body.id}`).set(bearer(agency)).expect(200);
      expect(read.body.field).toBeNull();
      // A core_tech draft cannot clear its field: 400 naming it, and the database would refuse it too.
      const core = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201);
      const cleared = await t.http
        .patch(`${API}/challenges/${core.body.id}`)
        .set(bearer(agency))
        .send({ field: null })
        .expect(400);
      expect(cleared.body.errors).toEqual([
        { field: 'field', message: expect.stringMatching(/^is required for a core_tech challenge/) },
      ]);
      // Switching the pm_major draft to core_tech without naming a field is refused the same way.
      await t.http.patch(`${API}/challenges/${created.body.id}`).set(bearer(agency)).send({ track: 'core_tech' }).expect(400);
    });

    it('a per-award maximum above the track’s cap is a 422 naming the rule and the cap', async () => {
      const res = await t.http
        .post(`${API}/challenges`)
        .set(bearer(agency))
        .send(challengeBody({ budgetFen: 9_000_000_000, maxAwardFen: 3_000_000_001 }))
        .expect(422);
      expect(res.body).toMatchObject({
        code: 'policy.cap_exceeded',
        rule: 'art4.core_tech',
        capFen: 3_000_000_000,
        allowedFen: 3_000_000_000,
        requestedFen: 3_000_000_001,
      });
      expect(res.body.errors).toEqual([{ field: 'maxAwardFen', message: expect.stringMatching(/3000000000/) }]);
      // The project-manager track allows up to 100 million CNY.
      await t.http
        .post(`${API}/challenges`)
        .set(bearer(agency))
        .send(challengeBody({ track: 'pm_major', budgetFen: 20_000_000_000, maxAwardFen: 10_000_000_000 }))
        .expect(201);
      const pm = await t.http
        .post(`${API}/challenges`)
        .set(bearer(agency))
        .send(challengeBody({ track: 'pm_major', budgetFen: 20_000_000_000, maxAwardFen: 10_000_000_001 }))
        .expect(422);
      expect(pm.body).toMatchObject({ rule: 'art4.pm_major', capFen: 10_000_000_000 });
    });

    it('publishing needs the deadline at least MIN_BID_WINDOW away', async () => {
      const c = await create(challengeBody({ bidDeadline: iso(1 * SEC) }));
      const res = await t.http.post(`${API}/challenges/${c.id}/publish`).set(bearer(agency)).expect(400);
      expect(res.body.errors).toEqual([
        { field: 'bidDeadline', message: expect.stringMatching(/^must be at least 2 seconds after publishing/) },
      ]);
    });
  });

  describe('editing a draft', () => {
    it('patches some fields and checks the merged challenge', async () => {
      const c = await create();
      const res = await t.http
        .patch(`${API}/challenges/${c.id}`)
        .set(bearer(agency))
        .send({ title: 'New title', zone: null })
        .expect(200);
      expect(res.body).toMatchObject({ title: 'New title', zone: null, summary: c.summary, status: 'draft' });
      const bad = await t.http
        .patch(`${API}/challenges/${c.id}`)
        .set(bearer(agency))
        .send({ mechanism: 'horse_race' })
        .expect(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([{ field: 'parallelSlots', message: 'is required for a horse race (at least 2 parallel teams)' }]),
      );
      const nul = await t.http.patch(`${API}/challenges/${c.id}`).set(bearer(agency)).send({ title: null }).expect(400);
      expect(nul.body.errors).toEqual([{ field: 'title', message: 'must not be null' }]);
      const race = await t.http
        .patch(`${API}/challenges/${c.id}`)
        .set(bearer(agency))
        .send({
          mechanism: 'horse_race',
          parallelSlots: 3,
          stages: [{ name: 'gate', endsAt: iso(100 * DAY), advancingSlots: 2 }],
        })
        .expect(200);
      expect(race.body).toMatchObject({ mechanism: 'horse_race', parallelSlots: 3 });
      const back = await t.http
        .patch(`${API}/challenges/${c.id}`)
        .set(bearer(agency))
        .send({ mechanism: 'open_call' })
        .expect(200);
      expect(back.body).toMatchObject({ mechanism: 'open_call', parallelSlots: 1, stages: [] });
    });

    it('another agency cannot see (404) a draft, nor edit (403) a published challenge', async () => {
      const c = await create();
      await t.http.patch(`${API}/challenges/${c.id}`).set(bearer(otherAgency)).send({ title: 'x' }).expect(404);
      await publish(c.id);
      const res = await t.http.patch(`${API}/challenges/${c.id}`).set(bearer(otherAgency)).send({ title: 'x' }).expect(403);
      expect(res.body.code).toBe('challenges.not_owner');
      await t.http.patch(`${API}/challenges/${c.id}`).set(bearer(team)).send({ title: 'x' }).expect(403);
    });
  });

  describe('lifecycle and forbidden transitions', () => {
    it('draft → published: public, audited; then only the deadline may change', async () => {
      const c = await create();
      const pub = await publish(c.id);
      expect(pub).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
      await t.http.get(`${API}/challenges/${c.id}`).expect(200);
      const again = await t.http.post(`${API}/challenges/${c.id}/publish`).set(bearer(agency)).expect(409);
      expect(again.body).toMatchObject({ code: 'challenges.wrong_state', status: 409 });
      const edit = await t.http.patch(`${API}/challenges/${c.id}`).set(bearer(agency)).send({ title: 'changed' }).expect(409);
      expect(edit.body.detail).toMatch(/published/);
      await t.http.post(`${API}/challenges/${c.id}/publish`).set(bearer(otherAgency)).expect(403);
      await t.http.post(`${API}/challenges/${c.id}/publish`).set(bearer(team)).expect(403);
      const audit = await auditOf(c.id);
      expect(audit.map((a) => a.action)).toEqual(['challenge.created', 'challenge.published']);
      expect(audit[1]).toMatchObject({
        actor_id: agency.userId,
        before: { status: 'draft' },
        after: { status: 'published' },
        public: true,
      });
    });

    it('extends the deadline: later only, published only, owner only — audited', async () => {
      const c = await create();
      const draft = await t.http
        .post(`${API}/challenges/${c.id}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: iso(40 * DAY) })
        .expect(409);
      expect(draft.body.code).toBe('challenges.wrong_state');
      await publish(c.id);
      const earlier = await t.http
        .post(`${API}/challenges/${c.id}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: iso(20 * DAY) })
        .expect(400);
      expect(earlier.body.errors[0]).toMatchObject({
        field: 'bidDeadline',
        message: expect.stringMatching(/^must be later than the current deadline/),
      });
      const feb31 = await t.http
        .post(`${API}/challenges/${c.id}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: '2031-02-31T00:00:00Z' })
        .expect(400);
      expect(feb31.body.errors).toEqual([{ field: 'bidDeadline', message: 'is not a valid date' }]);
      const past = await t.http
        .post(`${API}/challenges/${c.id}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: iso(500 * DAY) })
        .expect(400);
      expect(past.body.errors).toEqual([{ field: 'projectEndsAt', message: 'must be after bidDeadline' }]);
      await t.http
        .post(`${API}/challenges/${c.id}/extend-deadline`)
        .set(bearer(otherAgency))
        .send({ bidDeadline: iso(40 * DAY) })
        .expect(403);
      const to = iso(45 * DAY);
      const ok = await t.http
        .post(`${API}/challenges/${c.id}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: to, reason: '答疑' })
        .expect(200);
      expect(ok.body).toMatchObject({ bidDeadline: to, status: 'published' });
      const audit = await auditOf(c.id);
      expect(audit[audit.length - 1]).toMatchObject({
        action: 'challenge.deadline_extended',
        before: { bidDeadline: c.bidDeadline },
        after: { bidDeadline: to, reason: '答疑' },
        public: true,
      });
    });

    it('refuses to extend a deadline that has passed, even before the close job ran', async () => {
      const c = await create(challengeBody({ bidDeadline: iso(2500) }));
      await publish(c.id);
      await sleep(2700);
      const res = await t.http
        .post(`${API}/challenges/${c.id}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: iso(DAY) })
        .expect(409);
      expect(res.body.code).toBe('challenges.deadline_passed');
      const ask = await t.http
        .post(`${API}/challenges/${c.id}/questions`)
        .set(bearer(team))
        .send({ text: 'too late?' })
        .expect(409);
      expect(ask.body.code).toBe('challenges.deadline_passed');
    });

    it('cancels a draft, a published and a closed challenge; never twice, never after an award', async () => {
      const draft = await create();
      const d = await t.http.post(`${API}/challenges/${draft.id}/cancel`).set(bearer(agency)).send({}).expect(200);
      expect(d.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
      // A cancelled draft was never public.
      await t.http.get(`${API}/challenges/${draft.id}`).expect(404);

      const pub = await published();
      await t.http.post(`${API}/challenges/${pub.id}/cancel`).set(bearer(otherAgency)).expect(403);
      await t.http.post(`${API}/challenges/${pub.id}/cancel`).set(bearer(agency)).send({ reason: '需求变更' }).expect(200);
      const twice = await t.http.post(`${API}/challenges/${pub.id}/cancel`).set(bearer(agency)).expect(409);
      expect(twice.body).toMatchObject({ code: 'challenges.wrong_state', allowedFrom: ['draft', 'published', 'closed'] });
      await t.http.post(`${API}/challenges/${pub.id}/publish`).set(bearer(agency)).expect(409);
      await t.http
        .post(`${API}/challenges/${pub.id}/extend-deadline`)
        .set(bearer(agency))
        .send({ bidDeadline: iso(60 * DAY) })
        .expect(409);
      const audit = await auditOf(pub.id);
      expect(audit[audit.length - 1]).toMatchObject({
        action: 'challenge.cancelled',
        after: { status: 'cancelled', reason: '需求变更' },
        public: true,
      });
      // Public once published: a cancelled challenge stays visible.
      await t.http.get(`${API}/challenges/${pub.id}`).expect(200);

      // closed (by the deadline job; here set directly) → cancelled is allowed (no acceptable bid);
      // awarded → cancelled is not.
      const closed = await published();
      await db.query(`UPDATE challenges SET status = 'closed' WHERE id = $1`, [closed.id]);
      for (const [path, body] of [
        ['publish', {}],
        ['extend-deadline', { bidDeadline: iso(60 * DAY) }],
      ] as const) {
        await t.http.post(`${API}/challenges/${closed.id}/${path}`).set(bearer(agency)).send(body).expect(409);
      }
      await t.http.patch(`${API}/challenges/${closed.id}`).set(bearer(agency)).send({ title: 'x' }).expect(409);
      await t.http.post(`${API}/challenges/${closed.id}/questions`).set(bearer(team)).send({ text: 'q' }).expect(409);
      await t.http.post(`${API}/challenges/${closed.id}/cancel`).set(bearer(agency)).expect(200);

      const awarded = await published();
      await db.query(`UPDATE challenges SET status = 'awarded' WHERE id = $1`, [awarded.id]);
      await t.http.post(`${API}/challenges/${awarded.id}/cancel`).set(bearer(agency)).expect(409);
    });

    it('the database refuses award counters beyond the budget or the slots', async () => {
      const c = await published();
      await expect(db.query(`UPDATE challenges SET awarded_fen = budget_fen + 1 WHERE id = $1`, [c.id])).rejects.toThrow(
        /CHK_challenges_awarded_fen/,
      );
      await expect(db.query(`UPDATE challenges SET awarded_count = parallel_slots + 1 WHERE id = $1`, [c.id])).rejects.toThrow(
        /CHK_challenges_awarded_count/,
      );
    });
  });

  describe('discovery', () => {
    let agencyD: Session;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      agencyD = await createStaff(t.http, admin, 'agency');
      const make = async (key: string, body: Record<string, unknown>) => {
        const c = await create(body, agencyD);
        await publish(c.id, agencyD);
        ids[key] = c.id;
      };
      await make(
        'quantum',
        challengeBody({
          title: '量子计算芯片攻关 D1',
          summary: 'Quantum error correction at scale',
          industry: 'quantum_information',
          field: 'key_components',
          budgetFen: 1_000_000_000,
          maxAwardFen: null,
          zone: 'hetao_sz_hk',
          bidDeadline: iso(10 * DAY),
        }),
      );
      await make(
        'brain',
        challengeBody({
          title: 'Brain-computer interface D2',
          summary: '脑机接口高通量柔性电极',
          objectives: [{ metric: '通道数 channels', target: 1024, unit: 'ch' }],
          industry: 'brain_science',
          secondaryIndustry: 'optical_comm_computing',
          field: 'major_equipment',
          budgetFen: 3_000_000_000,
          maxAwardFen: null,
          zone: 'xili_lake',
          bidDeadline: iso(20 * DAY),
        }),
      );
      await make(
        'bio',
        horseRaceBody({
          title: '合成生物底盘细胞 D3',
          summary: 'Synthetic chassis strains',
          industry: 'synthetic_biology',
          field: 'foundational_software',
          track: 'pm_major',
          budgetFen: 9_000_000_000,
          objectives: [{ metric: 'Titer 滴度', target: 50, unit: 'g/L' }],
          zone: null,
          bidDeadline: iso(40 * DAY),
        }),
      );
      const draft = await create(challengeBody({ title: '量子 draft D4' }), agencyD);
      ids.draft = draft.id;
    });

    const list = async (query: Record<string, string | number | boolean>, who?: Session) => {
      const req = t.http.get(`${API}/challenges`).query(query);
      const res = await (who ? req.set(bearer(who)) : req).expect(200);
      return res.body as { items: { id: string; status: string }[]; nextCursor: string | null };
    };
    const idsOf = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
    const mine = (page: { items: { id: string }[] }) => idsOf(page).filter((id) => Object.values(ids).includes(id));

    it('searches Chinese: two characters, longer phrases, summaries and objectives', async () => {
      expect(mine(await list({ q: '量子' }))).toEqual([ids.quantum]);
      expect(mine(await list({ q: '量子计算芯片' }))).toEqual([ids.quantum]);
      expect(mine(await list({ q: '柔性电极' }))).toEqual([ids.brain]);
      expect(mine(await list({ q: '滴度' }))).toEqual([ids.bio]);
      expect(mine(await list({ q: '脑' }))).toEqual([ids.brain]);
    });

    it('list items are exactly the objects GET /challenges/:id returns (the list is built by Postgres)', async () => {
      const page = await list({ q: 'D', limit: 10 });
      const items = page.items.filter((i) => Object.values(ids).includes(i.id));
      expect(items.length).toBe(3);
      for (const item of items) {
        const one = await t.http.get(`${API}/challenges/${item.id}`).expect(200);
        expect(item).toEqual(one.body);
      }
      const res = await t.http.get(`${API}/challenges`).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    });

    it('searches English, case-insensitively, every word', async () => {
      expect(mine(await list({ q: 'QUANTUM error' }))).toEqual([ids.quantum]);
      expect(mine(await list({ q: 'brain-computer' }))).toEqual([ids.brain]);
      expect(mine(await list({ q: 'titer' }))).toEqual([ids.bio]);
      expect(mine(await list({ q: 'quantum brain' }))).toEqual([]);
      expect(mine(await list({ q: '100%_' }))).toEqual([]);
    });

    it('filters by industry (either), field, mechanism, track, zone, budget and deadline', async () => {
      expect(mine(await list({ industry: 'optical_comm_computing' }))).toEqual([ids.brain]);
      expect(mine(await list({ field: 'foundational_software' }))).toEqual([ids.bio]);
      expect(mine(await list({ mechanism: 'horse_race' }))).toEqual([ids.bio]);
      expect(mine(await list({ track: 'pm_major' }))).toEqual([ids.bio]);
      expect(mine(await list({ zone: 'xili_lake' }))).toEqual([ids.brain]);
      expect(mine(await list({ minBudgetFen: 2_000_000_001, maxBudgetFen: 8_999_999_999 }))).toEqual([ids.brain]);
      expect(mine(await list({ deadlineAfter: iso(15 * DAY), deadlineBefore: iso(30 * DAY) }))).toEqual([ids.brain]);
      expect(mine(await list({ q: 'D', status: 'published', sort: 'deadline' }))).toEqual([ids.quantum, ids.brain, ids.bio]);
      expect(mine(await list({ q: 'D', sort: 'newest' }))).toEqual([ids.bio, ids.brain, ids.quantum]);
    });

    it('pages through an industry named first by some and second by others: in order, none twice, none skipped', async () => {
      // The list asks one ordered page per industry column and merges them (the index order of each).
      const made: string[] = [];
      for (const [days, second] of [
        [11, false],
        [12, true],
        [13, false],
        [14, true],
        [15, false],
        [16, true],
      ] as const) {
        const c = await create(
          challengeBody({
            title: `深海 paging ${days}`,
            industry: second ? 'brain_science' : 'deep_earth_sea',
            secondaryIndustry: second ? 'deep_earth_sea' : null,
            bidDeadline: iso(days * DAY),
          }),
          agencyD,
        );
        await publish(c.id, agencyD);
        made.push(c.id);
      }
      for (const [sort, expected] of [
        ['deadline', made],
        ['newest', [...made].reverse()],
      ] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await list({ industry: 'deep_earth_sea', sort, limit: 2, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...idsOf(page));
          cursor = page.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter((id) => made.includes(id))).toEqual(expected);
      }
    });

    it('lists drafts only to their agency: mine=true, or status=draft', async () => {
      expect(mine(await list({ q: 'D4' }))).toEqual([]);
      expect(mine(await list({ status: 'draft' }))).toEqual([]);
      expect(mine(await list({ status: 'draft' }, otherAgency))).toEqual([]);
      expect(mine(await list({ status: 'draft' }, agencyD))).toEqual([ids.draft]);
      expect(mine(await list({ mine: true, sort: 'newest' }, agencyD))).toEqual([ids.draft, ids.bio, ids.brain, ids.quantum]);
      const res = await t.http.get(`${API}/challenges`).query({ mine: true }).set(bearer(team)).expect(403);
      expect(res.body.code).toBe('challenges.mine_for_agencies');
    });

    it('refuses bad filters with field errors', async () => {
      const res = await t.http
        .get(`${API}/challenges`)
        .query({ industry: 'x', limit: 101, sort: 'random', cursor: 'garbage' })
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['industry', 'limit', 'sort']);
      const cur = await t.http.get(`${API}/challenges`).query({ cursor: 'garbage' }).expect(400);
      expect(cur.body.code).toBe('invalid_cursor');
    });
  });

  describe('pagination', () => {
    it.each(['deadline', 'newest'])(
      'sort=%s neither skips nor repeats while challenges are published concurrently',
      async (sort) => {
        const pager = await createStaff(t.http, admin, 'agency');
        const tag = `PAGE${sort}`;
        const initial = new Set<string>();
        for (let i = 0; i < 23; i++) {
          const c = await create(challengeBody({ title: `${tag} 初始 ${i}`, bidDeadline: iso((5 + (i % 4)) * DAY) }), pager);
          await publish(c.id, pager);
          initial.add(c.id);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        let n = 0;
        do {
          // Between pages, another one is published with a deadline in the middle of the range.
          const extra = await create(challengeBody({ title: `${tag} 并发 ${n++}`, bidDeadline: iso(6.5 * DAY) }), pager);
          await publish(extra.id, pager);
          const query: Record<string, string | number> = { q: tag.toLowerCase(), limit: 4, sort };
          if (cursor) query.cursor = cursor;
          const res = await t.http.get(`${API}/challenges`).query(query).expect(200);
          seen.push(...res.body.items.map((i: { id: string }) => i.id));
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(new Set(seen).size).toBe(seen.length);
        for (const id of initial) expect(seen).toContain(id);
      },
    );
  });

  describe('questions and answers', () => {
    it('teams ask, the agency answers; answered ones are public and anonymous', async () => {
      const c = await published();
      const q1 = await t.http
        .post(`${API}/challenges/${c.id}/questions`)
        .set(bearer(team))
        .send({ text: '是否接受联合体？' })
        .expect(201);
      expect(q1.body).toMatchObject({ text: '是否接受联合体？', answer: null, askedByMe: true });
      const q2 = await t.http
        .post(`${API}/challenges/${c.id}/questions`)
        .set(bearer(otherTeam))
        .send({ text: 'Is IP shared?' })
        .expect(201);
      await t.http.post(`${API}/challenges/${c.id}/questions`).set(bearer(agency)).send({ text: 'x' }).expect(403);
      await t.http.post(`${API}/challenges/${c.id}/questions`).set(bearer(team)).send({ text: '  ' }).expect(400);

      const texts = async (who?: Session) => {
        const req = t.http.get(`${API}/challenges/${c.id}/questions`);
        const res = await (who ? req.set(bearer(who)) : req).expect(200);
        return res.body.items as { text: string; askedByMe: boolean; answer: unknown }[];
      };
      expect(await texts()).toEqual([]);
      expect((await texts(team)).map((q) => q.text)).toEqual(['是否接受联合体？']);
      expect((await texts(agency)).map((q) => q.text)).toEqual(['是否接受联合体？', 'Is IP shared?']);
      expect(JSON.stringify(await texts(agency))).not.toMatch(new RegExp(`${team.userId}|${team.organizationId}`));
      // A well-formed cursor this API never issued is refused by name, before it reaches SQL.
      const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
      const refused = await t.http.get(`${API}/challenges/${c.id}/questions`).query({ cursor: forged }).expect(400);
      expect(refused.body).toMatchObject({
        code: 'invalid_cursor',
        errors: [{ field: 'cursor', message: 'is not a valid cursor' }],
      });

      await t.http
        .post(`${API}/challenges/${c.id}/questions/${q1.body.id}/answer`)
        .set(bearer(otherAgency))
        .send({ text: 'no' })
        .expect(403);
      await t.http
        .post(`${API}/challenges/${c.id}/questions/${q1.body.id}/answer`)
        .set(bearer(team))
        .send({ text: 'no' })
        .expect(403);
      await t.http
        .post(`${API}/challenges/${c.id}/questions/00000000-0000-4000-8000-000000000000/answer`)
        .set(bearer(agency))
        .send({ text: 'no' })
        .expect(404);
      const a = await t.http
        .post(`${API}/challenges/${c.id}/questions/${q1.body.id}/answer`)
        .set(bearer(agency))
        .send({ text: '接受，最多5家。' })
        .expect(200);
      expect(a.body).toMatchObject({ answer: { text: '接受，最多5家。' }, deadlineExtended: false, bidDeadline: c.bidDeadline });
      await t.http
        .post(`${API}/challenges/${c.id}/questions/${q1.body.id}/answer`)
        .set(bearer(agency))
        .send({ text: 'again' })
        .expect(409);

      const pub = await texts();
      expect(pub).toEqual([
        {
          id: q1.body.id,
          challengeId: c.id,
          text: '是否接受联合体？',
          askedAt: expect.any(String),
          answer: { text: '接受，最多5家。', answeredAt: expect.any(String) },
          askedByMe: false,
        },
      ]);
      expect((await texts(otherTeam)).map((q) => q.text)).toEqual(['是否接受联合体？', 'Is IP shared?']);
      expect(q2.body.askedByMe).toBe(true);
      const audit = await auditOf(c.id);
      expect(audit[audit.length - 1]).toMatchObject({
        action: 'question.answered',
        public: true,
        after: { answer: '接受，最多5家。' },
      });
      expect(JSON.stringify(audit)).not.toContain(team.userId);
    });

    it('no questions on a draft (404) or a cancelled challenge (409)', async () => {
      const d = await create();
      await t.http.post(`${API}/challenges/${d.id}/questions`).set(bearer(team)).send({ text: 'q' }).expect(404);
      await t.http.get(`${API}/challenges/${d.id}/questions`).expect(404);
      await t.http.post(`${API}/challenges/${d.id}/cancel`).set(bearer(agency)).expect(200);
      const p = await published();
      await t.http.post(`${API}/challenges/${p.id}/cancel`).set(bearer(agency)).expect(200);
      await t.http.post(`${API}/challenges/${p.id}/questions`).set(bearer(team)).send({ text: 'q' }).expect(409);
    });

    it('an answer within QA_EXTENSION_WINDOW of the deadline extends it by the window, audited', async () => {
      const deadline = iso(30 * 60 * SEC); // half an hour ahead; the window is one hour
      const c = await published(challengeBody({ bidDeadline: deadline }));
      const q = await t.http
        .post(`${API}/challenges/${c.id}/questions`)
        .set(bearer(team))
        .send({ text: 'late question' })
        .expect(201);
      const a = await t.http
        .post(`${API}/challenges/${c.id}/questions/${q.body.id}/answer`)
        .set(bearer(agency))
        .send({ text: 'late answer' })
        .expect(200);
      const extended = new Date(Date.parse(c.bidDeadline) + 3600 * SEC).toISOString();
      expect(a.body).toMatchObject({ deadlineExtended: true, bidDeadline: extended });
      expect((await t.http.get(`${API}/challenges/${c.id}`).expect(200)).body.bidDeadline).toBe(extended);
      const audit = await auditOf(c.id);
      expect(audit.slice(-2).map((e) => e.action)).toEqual(['question.answered', 'challenge.deadline_extended']);
      expect(audit[audit.length - 1]).toMatchObject({
        actor_id: agency.userId,
        before: { bidDeadline: c.bidDeadline },
        after: { bidDeadline: extended, reason: 'late answer to a question' },
      });
    });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
