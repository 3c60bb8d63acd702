import { randomUUID } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { Client } from 'pg';
import { seedClosedChallenges } from '@app/awards/testing/seed';
import { bidBody, challengeBody, isoIn, passDeadline } from '@app/bids/testing/fixtures';
import { seedProject } from '@app/milestones/testing/seed';
import { pdfOf } from './support/document-files';
import { TestApp, createTestApp } from './support/test-app';
import {
  Session,
  bearer,
  createStaff,
  loginAdmin,
  organizationBody,
  randomAgencyCreditCode,
  registerTeam,
  uniqueEmail,
} from './support/factories';
import { RawClient, RawRequest, RawResponse } from './support/hostile-client';
import { Case, FAMILIES, Family, Target } from './support/hostile-families';
import {
  OpenApiDoc,
  Route,
  containersOf,
  leavesOf,
  routesOf,
  validBody,
  validValue,
  valueAt,
  withField,
} from './support/openapi-bodies';

/**
 * Hostile input, on every route. Every operation of openapi.json that takes a body, a path
 * parameter or a query parameter is called, as the role that may call it and as nobody, with one
 * hostile thing at a time in an otherwise valid request (bodies are generated from the document's
 * schemas, then one field is mutated), against real state (an agency's challenges, bids, a closed
 * review, a horse race, projects with milestones), so requests get past 404s into validation and
 * the database. The families (test/support/hostile-families.ts): NUL bytes, lone surrogates, huge
 * strings, hostile numbers, 5,000-deep JSON, `__proto__`/`constructor` keys, wrong content types,
 * hostile path and query parameters.
 *
 * What must hold for every answer:
 * - never a 5xx (and always an answer);
 * - a 4xx is `application/problem+json` with `type`, `title`, `status` (the real one) and `code`;
 * - a 400 caused by one field names it in `errors[].field`, when the case is `strict` — a NUL, a
 *   lone surrogate, a huge string, a number the documented schema refuses, a hostile UUID path
 *   parameter, a hostile query parameter. Not strict (only `code` is required): whole-body cases
 *   (the parser refuses the body before any field exists), deep nesting and prototype keys (the
 *   JSON parser refuses those bodies as a whole), numbers the schema documents as valid (-1 where
 *   no minimum is documented: a 400 then comes from a business rule about another field, e.g.
 *   tranches that no longer add up), undecodable URLs (the router refuses them, not a parameter),
 *   over-long path parameters (a 404 or 414 problem is as right as a 400);
 * - a value no field may take is refused, not only answered without a 5xx (`mustRefuse`: a 2xx is
 *   a failure too): a NUL or a lone surrogate (stored, it would be lost or turned into U+FFFD), a
 *   200,001-character string (no field allows that much), 5,000 levels of nesting, a number the
 *   documented schema refuses, a path parameter that is no id, a 10,000-character or repeated
 *   query parameter;
 * - nothing reaches `Object.prototype` (the app runs in this process: we look). A 2xx to a
 *   prototype-key case is not a failure by itself: Fastify's parser refuses `__proto__` and
 *   `constructor.prototype` (400), but a plain `"prototype"` key passes the parser and Nest's
 *   ValidationPipe deletes it silently (`stripProtoKeys`) before whitelisting, so that body is
 *   answered as if the key were not there.
 *
 * The table runs every family on every target of every route (as the role; as nobody, each
 * family once per route) and reports every failure grouped by class; the property run then lets
 * fast-check pick route, caller, family, target and value. Replay a property failure with
 * `FUZZ_SEED=<seed> npx jest test/hostile-input.e2e-spec.ts --selectProjects e2e`.
 */
jest.setTimeout(300_000);
const API = '/api/v1';
const DAY = 86_400_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_117;
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const SENTINEL = '__HOSTILE_SPLICE__';
/** A file to append every request's outcome to (one JSON line each), to read what the API answered. */
const TRACE = process.env.HOSTILE_TRACE;
const doc = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as OpenApiDoc;

type Caller = { name: string; session?: Session };

/** How to call one operation validly: as whom, with which real ids, which body; what to undo after a success. */
interface Plan {
  route: Route;
  label: string;
  caller: Caller;
  params: Record<string, string>;
  /** Path parameters that are not UUIDs (free strings, stage numbers). */
  freeParams?: string[];
  numericParams?: string[];
  /** A valid body; called once per request (fresh emails and credit codes). Defaults to the schema's. */
  body?: () => Record<string, unknown>;
  /** Undo a success that would stop the next request from getting as far (e.g. withdraw a new bid). */
  after?: (res: RawResponse) => Promise<void>;
}

interface Attempt {
  plan: Plan;
  caller: Caller;
  family: Family;
  target: Target;
  kase: Case;
}

interface Failure {
  route: string;
  caller: string;
  family: string;
  target: string;
  value: string;
  status: number;
  code: string;
  problems: string[];
  excerpt: string;
}

describe('hostile input on every route', () => {
  let t: TestApp;
  let client: RawClient;
  let db: Client;
  let admin: Session;
  let agency: Session;
  let officer: Session;
  let reviewer: Session;
  let pm: Session;
  let teamA: Session & { creditCode: string };
  let teamB: Session & { creditCode: string };
  let teamC: Session & { creditCode: string };
  let plans: Plan[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { MIN_BID_WINDOW: 'PT1S' } });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    client = new RawClient('127.0.0.1', port);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();

    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    // An officer the fuzzing adds to and removes from the agency (never the one the other plans use).
    officer = await createStaff(t.http, admin, 'agency');
    reviewer = await createStaff(t.http, admin, 'reviewer');
    pm = await createStaff(t.http, admin, 'program_manager');
    [teamA, teamB, teamC] = [await registerTeam(t.http), await registerTeam(t.http), await registerTeam(t.http)];
    const victim = await t.http
      .post(`${API}/users`)
      .set(bearer(admin))
      .send({ email: uniqueEmail('victim'), password: 'victim-password-4-tests', displayName: 'victim', role: 'reviewer' })
      .expect(201);
    ids.victim = victim.body.id;

    const challenge = async () =>
      (await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody()).expect(201)).body.id;
    const publish = (id: string) => t.http.post(`${API}/challenges/${id}/publish`).set(bearer(agency)).expect(200);
    const bid = async (id: string, team: Session) =>
      (await t.http.post(`${API}/challenges/${id}/bids`).set(bearer(team)).send(bidBody()).expect(201)).body.id;
    const assign = (id: string) =>
      t.http
        .post(`${API}/challenges/${id}/reviewers`)
        .set(bearer(agency))
        .send({ userIds: [reviewer.userId] })
        .expect(200);

    // C1: published, open for bids and questions; bidA (replaced), bidB (withdrawn), a question to answer.
    ids.c1 = await challenge();
    await publish(ids.c1);
    await assign(ids.c1);
    ids.c1BidA = await bid(ids.c1, teamA);
    ids.c1BidB = await bid(ids.c1, teamB);
    ids.question = (
      await t.http.post(`${API}/challenges/${ids.c1}/questions`).set(bearer(teamA)).send({ text: '是否接受联合体？' }).expect(201)
    ).body.id;
    // C3: open; teamA's bid names teamB as a consortium member, whose consent the fuzzing answers.
    ids.c3 = await challenge();
    await publish(ids.c3);
    const consortium = [
      { creditCode: teamA.creditCode, role: 'lead', sharePercent: 70 },
      { creditCode: teamB.creditCode, role: 'member', sharePercent: 30 },
    ];
    await t.http.post(`${API}/challenges/${ids.c3}/bids`).set(bearer(teamA)).send(bidBody({ consortium })).expect(201);
    ids.consent = (await t.http.get(`${API}/consent-requests`).set(bearer(teamB)).expect(200)).body.items[0].id;
    // C2: past its deadline, in review: bidA scored, bidB the one a conflict is declared on.
    ids.c2 = await challenge();
    await publish(ids.c2);
    await assign(ids.c2);
    ids.c2BidA = await bid(ids.c2, teamA);
    ids.c2BidB = await bid(ids.c2, teamB);
    await passDeadline(t.databaseUrl, ids.c2);
    // Drafts: one edited, one published, one cancelled by the fuzzing.
    [ids.draftEdit, ids.draftPublish, ids.draftCancel] = [await challenge(), await challenge(), await challenge()];

    // Horse races, closed with three bids each: H awarded by the fuzzing, H2 finished, H3 already has two projects (gate).
    const [h, h2, h3] = await seedClosedChallenges(db, {
      agencyId: agency.userId,
      challenges: 3,
      bidsPerChallenge: 3,
      mechanism: 'horse_race',
      parallelSlots: 3,
      budgetFen: 5_000_000_000,
    });
    ids.h = h.challengeId;
    ids.hBid = h.bids[0].bidId;
    ids.h2 = h2.challengeId;
    ids.h3 = h3.challengeId;
    const award = async (bidId: string) =>
      (
        await t.http
          .post(`${API}/challenges/${ids.h3}/awards`)
          .set(bearer(agency))
          .send({ bidId, amountFen: 500_000_000 })
          .expect(201)
      ).body.id as string;
    ids.h3Project1 = await award(h3.bids[0].bidId);
    ids.h3Project2 = await award(h3.bids[1].bidId);

    // P: teamA's active project: m1 submitted to by the fuzzing, m2 submitted (to review), m3 changed, m4 has a pending change.
    const p = await seedProject(db, {
      agencyId: agency.userId,
      organizationId: teamA.organizationId as string,
      programManagerId: pm.userId,
      grantedFen: 600_000_000,
      milestones: [60, 90, 120, 150].map((d) => ({ dueInMs: d * DAY, trancheFen: 150_000_000 })),
    });
    ids.project = p.projectId;
    [ids.m1, ids.m2, ids.m3, ids.m4] = p.milestoneIds;
    await t.http
      .post(`${API}/projects/${ids.project}/milestones/${ids.m2}/submissions`)
      .set(bearer(teamA))
      .send({ report: '完成 / done', achieved: [{ metric: '算力', value: 120 }] })
      .expect(201);
    ids.changeRequest = (
      await t.http
        .post(`${API}/projects/${ids.project}/milestones/${ids.m4}/change-requests`)
        .set(bearer(teamA))
        .send({ dueAt: isoIn(200 * DAY), reason: '设备延期' })
        .expect(201)
    ).body.id;
    // P2: in its publicity period, with an open objection (by teamB).
    const p2 = await seedProject(db, {
      agencyId: agency.userId,
      organizationId: teamA.organizationId as string,
      programManagerId: pm.userId,
      grantedFen: 300_000_000,
      milestones: [{ dueInMs: 90 * DAY, trancheFen: 300_000_000 }],
      status: 'publicity',
    });
    ids.project2 = p2.projectId;
    await db.query(`UPDATE projects SET publicity_ends_at = now() + interval '30 days' WHERE id = $1`, [ids.project2]);
    ids.objection = (
      await t.http.post(`${API}/projects/${ids.project2}/objections`).set(bearer(teamB)).send({ reason: '资质存疑' }).expect(201)
    ).body.id;

    // A notification of teamA's organisation to mark read (as the milestone service writes one on a rejection).
    ids.notification = (
      await db.query(
        `INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, params)
         VALUES ('milestone.rejected', $1, '', $2, $3, jsonb_build_object('milestoneId', $1::uuid, 'milestoneTitle', '里程碑', 'comment', '证据不足'))
         RETURNING id`,
        [ids.m2, teamA.organizationId, ids.project],
      )
    ).rows[0].id;
    // A document teamA uploaded (unattached: its uploader may read it).
    ids.document = (
      await t.http.post(`${API}/documents`).set(bearer(teamA)).attach('file', pdfOf(2000), '申报书.pdf').expect(201)
    ).body.id;
    const releases = await t.http.get(`${API}/open-data/ocds/releases?limit=1`).expect(200);
    ids.ocid = releases.body.releases?.[0]?.ocid ?? `ocds-jiebang-${ids.c1}`;
    ids.receipt = (await db.query(`SELECT receipt_hash FROM bids WHERE id = $1`, [ids.c1BidA])).rows[0].receipt_hash;

    plans = makePlans();
  });

  afterAll(async () => {
    client?.close();
    await db?.end();
    await t?.close();
  });

  // -------------------------------------------------------------------------------------------
  // the routes: how each is called validly

  function makePlans(): Plan[] {
    const as = (name: string, session?: Session): Caller => ({ name, session });
    const criteria = [
      { key: 'technical', weight: 60, minScore: 0 },
      { key: 'team', weight: 20, minScore: 0 },
      { key: 'plan', weight: 20, minScore: 0 },
    ];
    const withdrawIfCreated = async (res: RawResponse) => {
      const id = (res.json as { id?: string } | undefined)?.id;
      if (res.status === 201 && id) await t.http.post(`${API}/challenges/${ids.c1}/bids/${id}/withdraw`).set(bearer(teamC));
    };
    const table: Record<string, Omit<Plan, 'route' | 'label'>> = {
      OrganizationsController_register: { caller: as('anonymous'), params: {}, body: () => organizationBody() },
      OrganizationsController_get: { caller: as('team', teamA), params: { id: teamA.organizationId as string } },
      OrganizationsController_list: { caller: as('admin', admin), params: {} },
      AuthController_login: {
        caller: as('anonymous'),
        params: {},
        body: () => ({ email: teamA.email, password: teamA.password }),
      },
      UsersController_create: {
        caller: as('admin', admin),
        params: {},
        body: () => ({ email: uniqueEmail('fuzz'), password: 'fuzzed-staff-password-42', displayName: '评审', role: 'reviewer' }),
      },
      UsersController_list: { caller: as('admin', admin), params: {} },
      UsersController_get: { caller: as('admin', admin), params: { id: ids.victim } },
      UsersController_deactivate: { caller: as('admin', admin), params: { id: ids.victim } },
      UsersController_activate: { caller: as('admin', admin), params: { id: ids.victim } },
      StaffController_list: { caller: as('agency', agency), params: {} },
      ChallengesController_create: { caller: as('agency', agency), params: {}, body: () => challengeBody() },
      ChallengesController_list: { caller: as('team', teamA), params: {} },
      ChallengesController_get: { caller: as('team', teamA), params: { id: ids.c1 } },
      ChallengesController_update: {
        caller: as('agency', agency),
        params: { id: ids.draftEdit },
        body: () => ({ title: '新标题' }),
      },
      ChallengesController_publish: { caller: as('agency', agency), params: { id: ids.draftPublish } },
      ChallengesController_cancel: {
        caller: as('agency', agency),
        params: { id: ids.draftCancel },
        body: () => ({ reason: '撤回' }),
      },
      ChallengesController_extend: {
        caller: as('agency', agency),
        params: { id: ids.c1 },
        body: () => ({ bidDeadline: isoIn(2 * 3_600_000), reason: '答疑延期' }),
      },
      QuestionsController_ask: { caller: as('team', teamA), params: { id: ids.c1 }, body: () => ({ text: '预算可否分期？' }) },
      QuestionsController_list: { caller: as('team', teamA), params: { id: ids.c1 } },
      QuestionsController_answer: {
        caller: as('agency', agency),
        params: { id: ids.c1, qid: ids.question },
        body: () => ({ text: '接受。' }),
      },
      AuditController_list: { caller: as('team', teamA), params: {} },
      AuditController_verify: { caller: as('admin', admin), params: {} },
      AuditController_verifyChallenge: { caller: as('team', teamA), params: { id: ids.c1 } },
      EvaluationsController_programme: { caller: as('agency', agency), params: {} },
      EvaluationsController_programmeCsv: { caller: as('agency', agency), params: {} },
      EvaluationsController_challenge: { caller: as('agency', agency), params: { id: ids.c1 } },
      AgenciesController_list: { caller: as('admin', admin), params: {} },
      AgenciesController_register: {
        caller: as('admin', admin),
        params: {},
        body: () => ({ name: `深圳市测试局 ${uniqueEmail('a')}`, creditCode: randomAgencyCreditCode() }),
      },
      AgenciesController_get: { caller: as('admin', admin), params: { id: agency.organizationId as string } },
      AgenciesController_update: {
        caller: as('admin', admin),
        params: { id: agency.organizationId as string },
        body: () => ({ name: '深圳市科技创新局（测试）' }),
      },
      AgenciesController_addOfficer: {
        caller: as('admin', admin),
        params: { id: agency.organizationId as string, userId: officer.userId },
      },
      AgenciesController_removeOfficer: {
        caller: as('admin', admin),
        params: { id: agency.organizationId as string, userId: officer.userId },
      },
      NotificationPreferencesController_read: { caller: as('team', teamA), params: {} },
      NotificationPreferencesController_write: {
        caller: as('team', teamA),
        params: {},
        body: () => ({ language: 'zh', kinds: [{ kind: 'milestone.rejected', mail: true }] }),
      },
      SettingsController_publicSettings: { caller: as('team', teamA), params: {} },
      QueueOverviewController_summary: { caller: as('admin', admin), params: {} },
      // No failed job exists here: a valid request gets as far as the queue lookup (404 jobs.job_not_found).
      QueueOverviewController_retry: {
        caller: as('admin', admin),
        params: { queue: 'maintenance', jobId: 'documents:orphans:1' },
        freeParams: ['queue', 'jobId'],
      },
      FundingRulesController_list: { caller: as('team', teamA), params: {} },
      FundingRulesController_get: { caller: as('team', teamA), params: { id: 'art4.core_tech' }, freeParams: ['id'] },
      FundingRulesController_quote: {
        caller: as('anonymous'),
        params: { id: 'art4.core_tech' },
        freeParams: ['id'],
        body: () => ({ baseFen: 10_000_000_000, requestedFen: 3_100_000_000 }),
      },
      MyBidsController_list: { caller: as('team', teamA), params: {} },
      BidsController_submit: {
        caller: as('team', teamC),
        params: { id: ids.c1 },
        body: () => bidBody(),
        after: withdrawIfCreated,
      },
      BidsController_list: { caller: as('team', teamA), params: { id: ids.c1 } },
      BidsController_get: { caller: as('team', teamA), params: { id: ids.c1, bidId: ids.c1BidA } },
      BidsController_replace: { caller: as('team', teamA), params: { id: ids.c1, bidId: ids.c1BidA }, body: () => bidBody() },
      BidsController_withdraw: { caller: as('team', teamB), params: { id: ids.c1, bidId: ids.c1BidB } },
      BidByIdController_get: { caller: as('team', teamA), params: { id: ids.c1BidA } },
      ChallengeReviewController_criteria: { caller: as('team', teamA), params: { id: ids.c1 } },
      ChallengeReviewController_setCriteria: { caller: as('agency', agency), params: { id: ids.c1 }, body: () => ({ criteria }) },
      ChallengeReviewController_assign: {
        caller: as('agency', agency),
        params: { id: ids.c1 },
        body: () => ({ userIds: [reviewer.userId] }),
      },
      ChallengeReviewController_reviewers: { caller: as('agency', agency), params: { id: ids.c1 } },
      ChallengeReviewController_myScores: { caller: as('reviewer', reviewer), params: { id: ids.c2 } },
      ChallengeReviewController_close: { caller: as('agency', agency), params: { id: ids.c2 } },
      ChallengeReviewController_ranking: { caller: as('agency', agency), params: { id: ids.c2 } },
      ChallengeReviewController_shortlist: {
        caller: as('agency', agency),
        params: { id: ids.c2 },
        body: () => ({ bidIds: [ids.c2BidA] }),
      },
      BidReviewController_conflict: {
        caller: as('reviewer', reviewer),
        params: { id: ids.c2BidB },
        body: () => ({ reason: '曾合作' }),
      },
      BidReviewController_score: {
        caller: as('reviewer', reviewer),
        params: { id: ids.c2BidA },
        body: () => ({ scores: criteria.map((c) => ({ criterion: c.key, score: 80 })), comment: '方案可行' }),
      },
      AwardsController_award: {
        caller: as('agency', agency),
        params: { id: ids.h },
        body: () => ({ bidId: ids.hBid, amountFen: 500_000_000, programManagerId: pm.userId }),
      },
      AwardsController_finish: { caller: as('agency', agency), params: { id: ids.h2 } },
      AwardsController_gate: {
        caller: as('agency', agency),
        params: { id: ids.h3, n: '1' },
        numericParams: ['n'],
        body: () => ({ advancing: [ids.h3Project1] }),
      },
      AwardsController_getGate: { caller: as('team', teamA), params: { id: ids.h3, n: '1' }, numericParams: ['n'] },
      AwardsController_gateEvidence: { caller: as('agency', agency), params: { id: ids.h3, n: '1' }, numericParams: ['n'] },
      AwardsController_results: { caller: as('team', teamA), params: { id: ids.h3 } },
      GateObjectionsController_lodge: {
        caller: as('team', teamA),
        params: { id: ids.h3, n: '1' },
        numericParams: ['n'],
        body: () => ({ projectId: ids.h3Project1, reason: '评分有误' }),
      },
      GateObjectionsController_list: { caller: as('agency', agency), params: { id: ids.h3, n: '1' }, numericParams: ['n'] },
      GateObjectionsController_resolve: {
        caller: as('agency', agency),
        params: { id: ids.h3, n: '1', oid: ids.h3Project1 },
        numericParams: ['n'],
        body: () => ({ decision: 'dismissed', comment: '不成立' }),
      },
      // The gate of h3 is not final: a proposal is refused (409), which is all a hostile plan needs to reach the rules.
      MergesController_propose: {
        caller: as('agency', agency),
        params: { id: ids.h3 },
        body: () => ({
          projectIds: [ids.h3Project1, ids.project],
          leadOrganizationId: teamA.organizationId,
          members: [{ organizationId: teamB.organizationId, sharePercent: 40 }],
          title: '强强联合项目',
          totalInvestmentFen: 4_000_000_000,
          grantFen: 1_000_000_000,
          milestones: [{ title: '联合攻关', dueAt: isoIn(400 * 86_400_000), deliverable: '样机', trancheFen: 1_000_000_000 }],
        }),
      },
      MergesController_list: { caller: as('agency', agency), params: { id: ids.h3 } },
      MergesController_consent: {
        caller: as('team', teamA),
        params: { id: ids.h3, mid: ids.h3Project1 },
        body: () => ({ accept: true, comment: '同意' }),
      },
      ProjectsController_list: { caller: as('team', teamA), params: {} },
      ProjectsController_get: { caller: as('team', teamA), params: { id: ids.project } },
      ProjectsController_assign: {
        caller: as('agency', agency),
        params: { id: ids.project },
        body: () => ({ userId: pm.userId }),
      },
      ProjectsController_object: {
        caller: as('team', teamB),
        params: { id: ids.project2 },
        body: () => ({ reason: '另有隐情' }),
      },
      ProjectsController_objectionsOf: { caller: as('agency', agency), params: { id: ids.project2 } },
      ProjectsController_resolve: {
        caller: as('agency', agency),
        params: { id: ids.project2, oid: ids.objection },
        body: () => ({ decision: 'dismissed', comment: '不成立' }),
      },
      MilestonesController_submit: {
        caller: as('team', teamA),
        params: { id: ids.project, mid: ids.m1 },
        body: () => ({
          report: '完成了 / done',
          achieved: [{ metric: '算力', value: 120 }],
          attachments: [{ name: 'r.pdf', sha256: 'a'.repeat(64), url: 'https://files.example/r.pdf' }],
        }),
      },
      MilestonesController_submissions: { caller: as('team', teamA), params: { id: ids.project, mid: ids.m2 } },
      MilestonesController_review: {
        caller: as('program manager', pm),
        params: { id: ids.project, mid: ids.m2 },
        body: () => ({ decision: 'reject', comment: '证据不足' }),
      },
      MilestonesController_disbursements: { caller: as('team', teamA), params: { id: ids.project } },
      MilestonesController_requestChange: {
        caller: as('team', teamA),
        params: { id: ids.project, mid: ids.m3 },
        body: () => ({ dueAt: isoIn(180 * DAY), trancheFen: 150_000_000, reason: '设备延期' }),
      },
      MilestonesController_decideChange: {
        caller: as('program manager', pm),
        params: { id: ids.project, cid: ids.changeRequest },
        body: () => ({ approve: false, comment: '维持原计划' }),
      },
      MilestonesController_changeRequests: { caller: as('team', teamA), params: { id: ids.project } },
      PortfolioController_portfolio: { caller: as('program manager', pm), params: {} },
      PortfolioController_list: { caller: as('team', teamA), params: {} },
      PortfolioController_read: {
        caller: as('team', teamA),
        params: { id: ids.notification },
      },
      OpeningController_get: { caller: as('agency', agency), params: { id: ids.c1 } },
      ConsentsController_get: { caller: as('team', teamB), params: { id: ids.consent } },
      ConsentsController_accept: { caller: as('team', teamB), params: { id: ids.consent } },
      ConsentsController_decline: {
        caller: as('team', teamB),
        params: { id: ids.consent },
        body: () => ({ reason: '份额需再议' }),
      },
      BidDraftController_get: { caller: as('team', teamA), params: { id: ids.c3 } },
      BidDraftController_save: {
        caller: as('team', teamA),
        params: { id: ids.c3 },
        body: () => ({ content: { text: '未完成的方案', milestones: [{ title: '样机' }] } }),
      },
      BidDraftController_discard: { caller: as('team', teamA), params: { id: ids.c3 } },
      DocumentsController_detail: { caller: as('team', teamA), params: { id: ids.document } },
      DocumentsController_content: { caller: as('team', teamA), params: { id: ids.document } },
      OpenDataController_list: { caller: as('team', teamA), params: {} },
      OpenDataController_export: { caller: as('team', teamA), params: {} },
      OpenDataController_record: { caller: as('team', teamA), params: { ocid: ids.ocid }, freeParams: ['ocid'] },
      OpenDataController_evaluation: { caller: as('team', teamA), params: {} },
      ReceiptsController_check: { caller: as('team', teamA), params: { hash: ids.receipt }, freeParams: ['hash'] },
    };
    const out: Plan[] = [];
    for (const route of fuzzableRoutes()) {
      const entry = table[route.op.operationId];
      if (!entry) throw new Error(`no plan for ${route.op.operationId} (${route.method.toUpperCase()} ${route.path}): add one`);
      out.push({ ...entry, route, label: `${route.method.toUpperCase()} ${route.path}` });
    }
    return out;
  }

  /** Every operation that takes a body, a path parameter or a query parameter. */
  const fuzzableRoutes = () => routesOf(doc).filter((r) => r.body || r.pathParams.length || r.queryParams.length);

  // -------------------------------------------------------------------------------------------
  // targets, requests, verdicts

  const baseBody = (plan: Plan) => (plan.body ? plan.body() : plan.route.body ? validBody(doc, plan.route.body) : undefined);

  /** Everything a family can be aimed at on this route. */
  function targetsOf(plan: Plan): Target[] {
    const r = plan.route;
    const body = baseBody(plan) ?? {};
    const targets: Target[] = [];
    if (r.body) {
      for (const leaf of leavesOf(doc, r.body)) {
        targets.push({ scope: 'field', leaf, valid: valueAt(body, leaf.path) ?? validValue(doc, leaf.schema) });
      }
      for (const container of containersOf(doc, r.body)) {
        targets.push({ scope: 'field', container, valid: valueAt(body, container.path) ?? validValue(doc, container.schema) });
      }
    }
    if (r.body || ['post', 'put', 'patch'].includes(r.method)) {
      targets.push({ scope: 'body', validJson: JSON.stringify(body), method: r.method });
    }
    for (const p of r.pathParams) {
      const free = plan.freeParams?.includes(p.name) ?? false;
      const numeric = plan.numericParams?.includes(p.name) ?? false;
      targets.push({ scope: 'path', name: p.name, valid: plan.params[p.name], uuid: !free && !numeric, numeric });
    }
    for (const q of r.queryParams) targets.push({ scope: 'query', name: q.name, schema: q.schema ?? {} });
    return targets;
  }

  const targetName = (target: Target) =>
    target.scope === 'field'
      ? (target.leaf?.name ?? target.container?.name ?? '?')
      : target.scope === 'body'
        ? '(body)'
        : `${target.scope === 'path' ? 'path' : 'query'} ${target.name}`;

  /** The field a 400 should name for this target, if any. */
  const fieldOf = (target: Target) =>
    target.scope === 'field' ? (target.leaf?.name ?? target.container?.name) : target.scope === 'body' ? undefined : target.name;

  /** Each (family, target) pair of a plan; `once` families (and, as nobody, every family) on their first target only. */
  function pairs(plan: Plan, everyTarget: boolean): [Family, Target][] {
    const targets = targetsOf(plan);
    const out: [Family, Target][] = [];
    for (const family of FAMILIES) {
      const applicable = targets.filter((tg) => tg.scope === family.scope && family.applies(tg));
      out.push(
        ...(everyTarget && !family.once ? applicable : applicable.slice(0, 1)).map((tg): [Family, Target] => [family, tg]),
      );
    }
    return out;
  }

  function build(a: Attempt): RawRequest {
    const { plan, caller, target, kase } = a;
    const r = plan.route;
    const params = { ...plan.params };
    if (target.scope === 'path') params[target.name] = kase.raw;
    let path = r.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? randomUUID());
    if (target.scope === 'query') {
      path += `?${kase.wholeQuery ? kase.raw : `${target.name}=${kase.raw.replaceAll('{name}', target.name)}`}`;
    }
    const headers: Record<string, string> = {};
    if (caller.session) Object.assign(headers, bearer(caller.session));
    if (r.op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key')) {
      headers['idempotency-key'] = `fuzz-${randomUUID()}`;
    }
    let body: string | undefined;
    if (target.scope === 'field') {
      const fieldPath = target.leaf?.path ?? target.container?.path ?? [];
      const text = JSON.stringify(withField(doc, r.body ?? {}, baseBody(plan) ?? {}, fieldPath, SENTINEL));
      body = text.replace(JSON.stringify(SENTINEL), () => kase.raw);
    } else if (target.scope === 'body') {
      body = kase.noBody ? undefined : kase.raw;
    } else if (r.body) {
      body = JSON.stringify(baseBody(plan));
    }
    if (target.scope === 'body' && kase.headers) Object.assign(headers, kase.headers);
    else if (body !== undefined) headers['content-type'] = 'application/json';
    return { method: r.method, path, headers, body };
  }

  /** `proposal.text` is named by an error on itself, on a part of it, or on an object holding it (never on the body). */
  const names = (errorField: string, field: string) =>
    errorField === field ||
    errorField.startsWith(`${field}.`) ||
    errorField.startsWith(`${field}[`) ||
    (!!errorField && (field.startsWith(`${errorField}.`) || field.startsWith(`${errorField}[`)));

  function verdict(a: Attempt, res: RawResponse): string[] {
    const problems: string[] = [];
    const body = res.json as
      { type?: unknown; title?: unknown; status?: unknown; code?: unknown; errors?: { field?: string }[] } | undefined;
    if (res.status >= 500) problems.push(`answered ${res.status}`);
    if (res.status >= 400 && res.status < 500) {
      const ct = String(res.headers['content-type'] ?? '');
      if (!ct.startsWith('application/problem+json')) problems.push(`4xx with content-type "${ct || '(none)'}"`);
      if (
        typeof body?.type !== 'string' ||
        typeof body?.title !== 'string' ||
        body?.status !== res.status ||
        typeof body?.code !== 'string'
      ) {
        problems.push('4xx body is not a problem (type, title, status, code)');
      }
    }
    const field = fieldOf(a.target);
    if (
      res.status === 400 &&
      a.kase.strict &&
      field &&
      !(Array.isArray(body?.errors) ? body.errors : []).some((e) => names(String(e.field ?? ''), field))
    ) {
      problems.push(`400 does not name "${field}"`);
    }
    if (a.kase.mustRefuse && res.status >= 200 && res.status < 300) problems.push(`accepted (${res.status})`);
    const proto = Object.prototype as Record<string, unknown>;
    for (const key of ['polluted', 'isAdmin']) {
      if (key in proto) {
        problems.push(`Object.prototype.${key} was set`);
        delete proto[key];
      }
    }
    return problems;
  }

  async function attempt(a: Attempt): Promise<{ failure: Failure | null; answer: string }> {
    let res: RawResponse;
    try {
      res = await client.send(build(a));
    } catch (err) {
      res = { status: 0, headers: {}, text: String(err), json: undefined };
    }
    if (res.status >= 200 && res.status < 300 && a.plan.after && a.caller.session) await a.plan.after(res);
    const problems = res.status === 0 ? [`no answer: ${res.text}`] : verdict(a, res);
    if (TRACE) {
      const line = {
        route: a.plan.label,
        caller: a.caller.name,
        family: a.family.name,
        target: targetName(a.target),
        value: a.kase.label,
        status: res.status,
        code: (res.json as { code?: unknown } | undefined)?.code,
        fields: (res.json as { errors?: { field?: string }[] } | undefined)?.errors?.map((e) => e.field),
        problems,
        excerpt: res.text.slice(0, 300),
      };
      appendFileSync(TRACE, `${JSON.stringify(line)}\n`);
    }
    const answer = `${res.status} ${String((res.json as { code?: unknown } | undefined)?.code ?? '-')}`;
    if (!problems.length) return { failure: null, answer };
    const failure: Failure = {
      route: a.plan.label,
      caller: a.caller.name,
      family: a.family.name,
      target: targetName(a.target),
      value: a.kase.label,
      status: res.status,
      code: String((res.json as { code?: unknown } | undefined)?.code ?? `(${String(res.headers['content-type'] ?? 'no type')})`),
      problems,
      excerpt: res.text.slice(0, 200),
    };
    return { failure, answer };
  }

  /** One line per failure class (family, what went wrong, status, code), then the routes it hit with counts and an example. */
  function report(failures: Failure[]): string {
    const classes = new Map<string, Failure[]>();
    for (const f of failures) {
      for (const p of f.problems) {
        const key = `${f.family} | ${p.replace(/^(400 does not name )"[^"]*"$/, '$1the field')} | ${f.status} ${f.code}`;
        classes.set(key, [...(classes.get(key) ?? []), f]);
      }
    }
    const lines = [`${failures.length} failing requests, ${classes.size} classes:`];
    for (const [key, fs] of [...classes].sort((x, y) => y[1].length - x[1].length)) {
      lines.push(`\n● ${key}  ×${fs.length}`);
      const byRoute = new Map<string, Failure[]>();
      for (const f of fs) byRoute.set(f.route, [...(byRoute.get(f.route) ?? []), f]);
      for (const [route, rf] of byRoute) {
        const ex = rf[0];
        lines.push(
          `    ${route} ×${rf.length} — e.g. as ${ex.caller}, ${ex.target} = ${ex.value}: ${ex.excerpt.replace(/\s+/g, ' ')}`,
        );
      }
    }
    return lines.join('\n');
  }

  async function runTable(scopes: Target['scope'][]) {
    const failures: Failure[] = [];
    const covered = new Set<string>();
    /** family → "status code" → count: what the API answers to each family (printed, to read). */
    const answers = new Map<string, Map<string, number>>();
    let requests = 0;
    for (const plan of plans) {
      const callers: [Caller, boolean][] = [[plan.caller, true]];
      if (plan.caller.session) callers.push([{ name: 'anonymous' }, false]);
      for (const [caller, everyTarget] of callers) {
        for (const [family, target] of pairs(plan, everyTarget)) {
          if (!scopes.includes(family.scope)) continue;
          covered.add(`${plan.label} ${family.name}`);
          for (const kase of family.cases(target)) {
            requests++;
            const { failure, answer } = await attempt({ plan, caller, family, target, kase });
            if (failure) failures.push(failure);
            const counts = answers.get(family.name) ?? new Map<string, number>();
            answers.set(family.name, counts.set(answer, (counts.get(answer) ?? 0) + 1));
          }
        }
      }
    }
    return { failures, requests, covered, answers };
  }

  // -------------------------------------------------------------------------------------------

  it('has a plan for every operation that takes a body, a path or a query parameter', () => {
    expect(plans.map((p) => p.route.op.operationId).sort()).toEqual(
      fuzzableRoutes()
        .map((r) => r.op.operationId)
        .sort(),
    );
    expect(plans.length).toBeGreaterThan(50);
  });

  describe.each([
    ['body fields (NUL, lone surrogates, huge strings, numbers, deep nesting, prototype keys)', ['field']],
    ['whole bodies (deep nesting, prototype keys, content types)', ['body']],
    ['path parameters', ['path']],
    ['query parameters', ['query']],
  ] as [string, Target['scope'][]][])('the table: %s', (_title, scopes) => {
    it('every route, every family, every target: no 5xx, problem+json, the field named', async () => {
      const started = Date.now();
      const { failures, requests, covered, answers } = await runTable(scopes);
      const histogram = [...answers]
        .map(([family, counts]) => `  ${family}: ${[...counts].map(([answer, n]) => `${answer} ×${n}`).join(', ')}`)
        .join('\n');
      console.log(
        `hostile input, ${scopes.join('+')}: ${requests} requests, ${covered.size} route×family pairs, ${Date.now() - started} ms\n${histogram}`,
      );
      expect(requests).toBeGreaterThan(0);
      if (failures.length) throw new Error(report(failures));
    });
  });

  it(`random combinations (fast-check, seed ${SEED}, ${NUM_RUNS} runs)`, async () => {
    const everything = plans.flatMap((plan) => {
      const callers: Caller[] = plan.caller.session ? [plan.caller, { name: 'anonymous' }] : [plan.caller];
      return callers.flatMap((caller) => pairs(plan, true).map(([family, target]) => ({ plan, caller, family, target })));
    });
    const attempts = fc.constantFrom(...everything).chain((x) =>
      x.family.arbitrary(x.target).map((kase): Attempt & { [fc.toStringMethod]: () => string } => ({
        ...x,
        kase,
        // what fast-check prints for a counterexample (not the sessions' tokens, not 200,000 characters)
        [fc.toStringMethod]: () =>
          `${x.plan.label} as ${x.caller.name}: ${x.family.name}, ${targetName(x.target)} = ${kase.label}`,
      })),
    );
    console.log(`hostile input: fast-check seed ${SEED} (replay with FUZZ_SEED=${SEED}), ${NUM_RUNS} runs`);
    try {
      await fc.assert(
        fc.asyncProperty(attempts, async (a) => {
          const { failure } = await attempt(a);
          if (failure) throw new Error(report([failure]));
        }),
        { seed: SEED, numRuns: NUM_RUNS, endOnFailure: true, includeErrorInReport: true },
      );
    } catch (err) {
      throw new Error(`FUZZ_SEED=${SEED} replays this failure.\n${(err as Error).message}`);
    }
  });
});
