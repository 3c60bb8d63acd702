import fc from 'fast-check';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { finaliseGateIfDue } from '@app/awards/gate-finalise';
import { activateIfDue } from '@app/awards/publicity';
import { checkInvariants, seedClosedChallenges } from '@app/awards/testing/seed';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin } from './support/factories';

/*
 * Model-based test of the award / gate / objection state machine: random command sequences run
 * against the real API and database and against a small model written from the rules (not from
 * the code); after every command the database must agree with the model, and the caps must hold.
 *
 * The challenge of every run: a horse race, 3 slots, budget 2,500,000,000 fen, stages (gate 1: 2
 * advance, gate 2: 1 advances), 5 bids asking 1,000,000,000 of a 2,000,000,000 investment, each
 * plan two milestones (the first in stage 1, the second in stage 2).
 */
jest.setTimeout(600_000);
const API = '/api/v1';
const SLOTS = 3;
const BUDGET = 2_500_000_000;
const REQUEST = 1_000_000_000;
const ADVANCING = [2, 1];

type PStatus = 'publicity' | 'active' | 'eliminated' | 'terminated';
interface MProject {
  amount: number;
  status: PStatus;
  stageReached: number;
  milestones: string[]; // statuses, by seq
  /** The 0-based stage each milestone counts for, fixed at award (null: after the last stage). */
  stageOf: (number | null)[];
  publicityOver: boolean;
}
interface Model {
  status: 'closed' | 'awarded';
  awardedFen: number;
  awardedCount: number;
  bids: ('submitted' | 'awarded' | 'rejected')[];
  projects: Map<number, MProject>;
  objections: { bid: number; status: 'open' | 'upheld' | 'dismissed' }[];
  stageEnded: boolean[];
  gatesRun: number;
}
interface Real {
  challengeId: string;
  bids: string[];
  projects: Map<number, string>;
  objections: string[];
}
type Outcome = { status: number; code?: string };

describe('awards: model-based (fast-check commands)', () => {
  let t: TestApp;
  let agency: Session;
  let admin: Session;
  let db: Client;
  let dataSource: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLICITY_PERIOD: 'PT1H' } });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    dataSource = t.app.get(DataSource);
    audit = t.app.get(AuditService);
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const outcome = (res: { status: number; body: { code?: string } }): Outcome =>
    res.status >= 400 ? { status: res.status, code: res.body.code } : { status: res.status };

  /** The model's points for a gate: 2 per met, 1 per partially met, of the milestones that count for the stage. */
  const pointsAt = (p: MProject, stage: number) =>
    p.milestones.reduce(
      (sum, status, k) => sum + (p.stageOf[k] === stage - 1 ? ({ met: 2, partially_met: 1 }[status as 'met'] ?? 0) : 0),
      0,
    );

  /**
   * Milestone k is due inside stage k as planned, after now. A milestone counts for the first stage
   * that ends at or after its due date, judged at award: a stage already ended (its end moved to
   * now) is passed over, so an award made after stage 1 ended counts milestone 0 for stage 2.
   */
  const stagesAtAward = (m: Model) =>
    [0, 1].map((k) => {
      const i = m.stageEnded.findIndex((ended, stage) => !ended && stage >= k);
      return i === -1 ? null : i;
    });

  async function compare(m: Model, r: Real): Promise<void> {
    const [c] = (
      await db.query(`SELECT status, awarded_fen::float8 AS fen, awarded_count FROM challenges WHERE id = $1`, [r.challengeId])
    ).rows;
    expect({ status: c.status, fen: c.fen, count: c.awarded_count }).toEqual({
      status: m.status,
      fen: m.awardedFen,
      count: m.awardedCount,
    });
    const bids = (await db.query(`SELECT id, status FROM bids WHERE challenge_id = $1`, [r.challengeId])).rows;
    expect(r.bids.map((id) => bids.find((b) => b.id === id).status)).toEqual(m.bids);
    for (const [bid, projectId] of r.projects) {
      const mp = m.projects.get(bid) as MProject;
      const [p] = (
        await db.query(`SELECT status, stage_reached, granted_fen::float8 AS fen FROM projects WHERE id = $1`, [projectId])
      ).rows;
      const ms = (
        await db.query(`SELECT status FROM project_milestones WHERE project_id = $1 ORDER BY seq`, [projectId])
      ).rows.map((x) => x.status);
      expect({ bid, status: p.status, stage: p.stage_reached, fen: p.fen, ms }).toEqual({
        bid,
        status: mp.status,
        stage: mp.stageReached,
        fen: mp.amount,
        ms: mp.milestones,
      });
    }
    const report = await checkInvariants(db, [r.challengeId]);
    expect(report).toMatchObject({ overBudget: [], overSlots: [], countersOff: [], projectsOverCap: [], tranchesOff: [] });
  }

  class Award implements fc.AsyncCommand<Model, Real> {
    constructor(
      readonly bid: number,
      readonly amount: number,
    ) {}
    check = () => true;
    expected(m: Model): Outcome {
      if (m.status !== 'closed') return { status: 409, code: 'awards.challenge_not_closed' };
      if (m.awardedCount >= SLOTS) return { status: 409, code: 'awards.no_slot_left' };
      if (m.bids[this.bid] !== 'submitted') return { status: 409, code: 'awards.bid_not_awardable' };
      if (this.amount > REQUEST) return { status: 422, code: 'awards.exceeds_request' };
      if (this.amount > BUDGET - m.awardedFen) return { status: 422, code: 'policy.budget_exceeded' };
      return { status: 201 };
    }
    async run(m: Model, r: Real): Promise<void> {
      const want = this.expected(m);
      const res = await t.http
        .post(`${API}/challenges/${r.challengeId}/awards`)
        .set(bearer(agency))
        .send({ bidId: r.bids[this.bid], amountFen: this.amount });
      expect(outcome(res)).toEqual(want);
      if (res.status === 201) {
        r.projects.set(this.bid, res.body.id);
        m.projects.set(this.bid, {
          amount: this.amount,
          status: 'publicity',
          stageReached: 0,
          milestones: ['scheduled', 'scheduled'],
          stageOf: stagesAtAward(m),
          publicityOver: false,
        });
        m.bids[this.bid] = 'awarded';
        m.awardedFen += this.amount;
        m.awardedCount += 1;
        if (m.awardedCount === SLOTS) finishModel(m);
      }
      await compare(m, r);
    }
    toString = () => `Award(bid ${this.bid}, ${this.amount})`;
  }

  function finishModel(m: Model) {
    m.status = 'awarded';
    m.bids = m.bids.map((s) => (s === 'submitted' ? 'rejected' : s));
  }

  class Finish implements fc.AsyncCommand<Model, Real> {
    check = () => true;
    async run(m: Model, r: Real): Promise<void> {
      const want: Outcome =
        m.status !== 'closed'
          ? { status: 409, code: 'awards.challenge_not_closed' }
          : m.awardedCount === 0
            ? { status: 409, code: 'awards.nothing_awarded' }
            : { status: 200 };
      const res = await t.http.post(`${API}/challenges/${r.challengeId}/awards/finish`).set(bearer(agency));
      expect(outcome(res)).toEqual(want);
      if (res.status === 200) finishModel(m);
      await compare(m, r);
    }
    toString = () => 'Finish';
  }

  class EndStage implements fc.AsyncCommand<Model, Real> {
    constructor(readonly stage: number) {}
    check = (m: Readonly<Model>) => !m.stageEnded[this.stage - 1];
    async run(m: Model, r: Real): Promise<void> {
      await db.query(
        `UPDATE challenges SET stages = jsonb_set(stages, $2::text[], to_jsonb(now() - interval '1 second')) WHERE id = $1`,
        [r.challengeId, `{${this.stage - 1},endsAt}`],
      );
      m.stageEnded[this.stage - 1] = true;
    }
    toString = () => `EndStage(${this.stage})`;
  }

  /** A milestone result as libs/milestones would record it (TEST-ONLY SQL): only an undecided milestone changes. */
  class Result implements fc.AsyncCommand<Model, Real> {
    constructor(
      readonly bid: number,
      readonly seq: number,
      readonly result: 'met' | 'partially_met' | 'not_met',
    ) {}
    check = (m: Readonly<Model>) => m.projects.get(this.bid)?.milestones[this.seq] === 'scheduled';
    async run(m: Model, r: Real): Promise<void> {
      await db.query(`UPDATE project_milestones SET status = $3 WHERE project_id = $1 AND seq = $2`, [
        r.projects.get(this.bid),
        this.seq,
        this.result,
      ]);
      (m.projects.get(this.bid) as MProject).milestones[this.seq] = this.result;
    }
    toString = () => `Result(bid ${this.bid}, #${this.seq}, ${this.result})`;
  }

  class Gate implements fc.AsyncCommand<Model, Real> {
    /** `pick`: which bids' projects advance, or 'top' for the best `advancingSlots` by the model's points (lower bid first on a tie). */
    constructor(
      readonly stage: number,
      readonly pick: boolean[] | 'top',
      readonly reason: boolean,
    ) {}
    check = () => true;
    async run(m: Model, r: Real): Promise<void> {
      const slots = ADVANCING[this.stage - 1];
      const inRace = [...m.projects.entries()].filter(
        ([, p]) => (p.status === 'publicity' || p.status === 'active') && p.stageReached === this.stage - 1,
      );
      const top = [...inRace]
        .sort((a, b) => pointsAt(b[1], this.stage) - pointsAt(a[1], this.stage) || a[0] - b[0])
        .slice(0, slots)
        .map(([b]) => b);
      const picked = (b: number) => (this.pick === 'top' ? top.includes(b) : this.pick[b]);
      const advancing = inRace.filter(([bid]) => picked(bid));
      const eliminated = inRace.filter(([bid]) => !picked(bid));
      let want: Outcome = { status: 200 };
      if (m.status !== 'awarded') want = { status: 409, code: 'awards.challenge_not_awarded' };
      else if (!m.stageEnded[this.stage - 1]) want = { status: 409, code: 'awards.stage_not_ended' };
      else if (m.gatesRun >= this.stage) want = { status: 409, code: 'awards.gate_already_run' };
      else if (m.gatesRun !== this.stage - 1) want = { status: 409, code: 'awards.previous_gate_pending' };
      else {
        const pts = (e: [number, MProject]) => pointsAt(e[1], this.stage);
        const sorted = inRace.map(pts).sort((a, b) => b - a);
        if (advancing.length > slots) {
          const cutoff = sorted[slots - 1];
          const wholeGroup =
            sorted[slots] === cutoff &&
            advancing.length === inRace.filter((e) => pts(e) >= cutoff).length &&
            advancing.every((e) => pts(e) >= cutoff) &&
            eliminated.length > 0;
          if (!wholeGroup) want = { status: 409, code: 'awards.too_many_advancing' };
        }
        if (
          want.status === 200 &&
          advancing.length &&
          eliminated.some((e) => pts(e) >= Math.min(...advancing.map(pts))) &&
          !this.reason
        ) {
          want = { status: 409, code: 'awards.tie_break_required' };
        }
      }
      const res = await t.http
        .post(`${API}/challenges/${r.challengeId}/stages/${this.stage}/gate`)
        .set(bearer(agency))
        .send({
          advancing: advancing.map(([bid]) => r.projects.get(bid)),
          ...(this.reason ? { tieBreak: { reason: '专家复核' } } : {}),
        });
      expect(outcome(res)).toEqual(want);
      if (res.status === 200) {
        // The model has no gate objections: the gate's publicity period ends at once, with none open, and it is final.
        await db.query(`UPDATE stage_gates SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [res.body.id]);
        const f = await dataSource.transaction((em) => finaliseGateIfDue(em, audit, res.body.id, null));
        expect(f.kind).toBe('finalised');
        m.gatesRun = this.stage;
        for (const [, p] of advancing) p.stageReached = this.stage;
        for (const [, p] of eliminated) {
          p.status = 'eliminated';
          p.milestones = p.milestones.map((s) => (s === 'scheduled' ? 'cancelled' : s));
        }
      }
      await compare(m, r);
    }
    toString = () =>
      `Gate(${this.stage}, ${this.pick === 'top' ? 'top' : `[${this.pick.map(Number).join('')}]`}, reason ${this.reason})`;
  }

  class Object_ implements fc.AsyncCommand<Model, Real> {
    constructor(readonly bid: number) {}
    check = (m: Readonly<Model>) => m.projects.has(this.bid);
    async run(m: Model, r: Real): Promise<void> {
      const p = m.projects.get(this.bid) as MProject;
      const want: Outcome =
        p.status === 'publicity' && !p.publicityOver ? { status: 201 } : { status: 409, code: 'awards.publicity_over' };
      const res = await t.http
        .post(`${API}/projects/${r.projects.get(this.bid)}/objections`)
        .set(bearer(admin))
        .send({ reason: '公示异议' });
      expect(outcome(res)).toEqual(want);
      if (res.status === 201) {
        r.objections.push(res.body.id);
        m.objections.push({ bid: this.bid, status: 'open' });
      }
      await compare(m, r);
    }
    toString = () => `Object(bid ${this.bid})`;
  }

  class Resolve implements fc.AsyncCommand<Model, Real> {
    constructor(
      readonly index: number,
      readonly decision: 'upheld' | 'dismissed',
    ) {}
    check = (m: Readonly<Model>) => m.objections.length > 0;
    async run(m: Model, r: Real): Promise<void> {
      const i = this.index % m.objections.length;
      const o = m.objections[i];
      const p = m.projects.get(o.bid) as MProject;
      let want: Outcome = { status: 200 };
      if (o.status !== 'open') want = { status: 409, code: 'awards.objection_resolved' };
      else if (this.decision === 'upheld' && p.status !== 'publicity') want = { status: 409, code: 'awards.not_revocable' };
      const res = await t.http
        .post(`${API}/projects/${r.projects.get(o.bid)}/objections/${r.objections[i]}/resolve`)
        .set(bearer(agency))
        .send({ decision: this.decision, comment: '处理意见' });
      expect(outcome(res)).toEqual(want);
      if (res.status === 200) {
        o.status = this.decision;
        if (this.decision === 'upheld') {
          p.status = 'terminated';
          p.milestones = p.milestones.map((s) => (s === 'scheduled' ? 'cancelled' : s));
          m.awardedFen -= p.amount;
          m.awardedCount -= 1;
          m.bids[o.bid] = 'rejected';
          for (const other of m.objections) if (other.bid === o.bid && other.status === 'open') other.status = 'upheld';
        } else if (
          p.status === 'publicity' &&
          p.publicityOver &&
          !m.objections.some((x) => x.bid === o.bid && x.status === 'open')
        ) {
          p.status = 'active';
        }
      }
      await compare(m, r);
    }
    toString = () => `Resolve(#${this.index}, ${this.decision})`;
  }

  /** The publicity period ends (TEST-ONLY SQL) and the job's work runs (activateIfDue, as the worker would). */
  class EndPublicity implements fc.AsyncCommand<Model, Real> {
    constructor(readonly bid: number) {}
    check = (m: Readonly<Model>) => m.projects.has(this.bid) && !(m.projects.get(this.bid) as MProject).publicityOver;
    async run(m: Model, r: Real): Promise<void> {
      const id = r.projects.get(this.bid) as string;
      await db.query(`UPDATE projects SET publicity_ends_at = now() - interval '1 second' WHERE id = $1`, [id]);
      await dataSource.transaction((em) => activateIfDue(em, audit, id, null));
      const p = m.projects.get(this.bid) as MProject;
      p.publicityOver = true;
      if (p.status === 'publicity' && !m.objections.some((o) => o.bid === this.bid && o.status === 'open')) p.status = 'active';
      await compare(m, r);
    }
    toString = () => `EndPublicity(bid ${this.bid})`;
  }

  const bid = fc.integer({ min: 0, max: 4 });
  const commands = [
    fc.tuple(bid, fc.constantFrom(400_000_000, 800_000_000, 1_000_000_000, 1_100_000_000)).map(([b, a]) => new Award(b, a)),
    fc.tuple(bid, fc.constantFrom(400_000_000, 800_000_000, 1_000_000_000)).map(([b, a]) => new Award(b, a)),
    fc.constant(new Finish()),
    fc.constantFrom(1, 2).map((s) => new EndStage(s)),
    fc
      .tuple(bid, fc.constantFrom(0, 1), fc.constantFrom('met' as const, 'partially_met' as const, 'not_met' as const))
      .map(([b, s, x]) => new Result(b, s, x)),
    fc
      .tuple(fc.constantFrom(1, 2), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.boolean())
      .map(([s, p, x]) => new Gate(s, p, x)),
    // Weighted: gates that follow the evidence, milestone results and stage ends come up more often.
    fc.tuple(fc.constantFrom(1, 2), fc.boolean()).map(([s, x]) => new Gate(s, 'top', x)),
    fc.tuple(fc.constantFrom(1, 2), fc.boolean()).map(([s, x]) => new Gate(s, 'top', x)),
    fc
      .tuple(bid, fc.constantFrom(0, 1), fc.constantFrom('met' as const, 'partially_met' as const))
      .map(([b, s, x]) => new Result(b, s, x)),
    fc.constantFrom(1, 2).map((s) => new EndStage(s)),
    bid.map((b) => new Object_(b)),
    fc.tuple(fc.nat(10), fc.constantFrom('upheld' as const, 'dismissed' as const)).map(([i, d]) => new Resolve(i, d)),
    bid.map((b) => new EndPublicity(b)),
  ];

  it('the API and the database follow the model of awards, gates and objections', async () => {
    await fc.assert(
      // Most runs start with some awards already made (none, one, or all three slots), so that gates and
      // objections are reached often; the random commands follow.
      fc.asyncProperty(
        fc.constantFrom(0, 1, 3, 3),
        fc.commands(commands, { maxCommands: 40, size: 'large' }),
        async (prefix, cmds) => {
          const [seeded] = await seedClosedChallenges(db, {
            agencyId: agency.userId,
            challenges: 1,
            bidsPerChallenge: 5,
            parallelSlots: SLOTS,
            budgetFen: BUDGET,
            requestFen: REQUEST,
            stages: [
              { endsInMs: 150 * 86_400_000, advancingSlots: ADVANCING[0] },
              { endsInMs: 250 * 86_400_000, advancingSlots: ADVANCING[1] },
            ],
          });
          const model: Model = {
            status: 'closed',
            awardedFen: 0,
            awardedCount: 0,
            bids: seeded.bids.map(() => 'submitted'),
            projects: new Map(),
            objections: [],
            stageEnded: [false, false],
            gatesRun: 0,
          };
          const real: Real = {
            challengeId: seeded.challengeId,
            bids: seeded.bids.map((b) => b.bidId),
            projects: new Map(),
            objections: [],
          };
          const start = [new Award(0, 800_000_000), new Award(1, 800_000_000), new Award(2, 800_000_000)].slice(0, prefix);
          await fc.asyncModelRun(() => ({ model, real }), [...start, ...cmds]);
        },
      ),
      {
        numRuns: Number(process.env.MODEL_RUNS ?? 40),
        // MODEL_SEED (and MODEL_PATH) replay a run fast-check reported.
        ...(process.env.MODEL_SEED ? { seed: Number(process.env.MODEL_SEED), path: process.env.MODEL_PATH } : {}),
      },
    );
  });
});
