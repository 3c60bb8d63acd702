import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import {
  assertCanSubmit,
  assertPlanWithinGrant,
  assertWithinGrant,
  healthOf,
  reviewOutcome,
  MilestoneStatus,
} from './milestone-rules';

const DAY = 86_400_000;
const now = new Date('2027-03-01T00:00:00Z');

describe('milestone rules', () => {
  it('accept → met with the full tranche; partial → the reduced one, never above the planned', () => {
    const m = { status: 'submitted' as MilestoneStatus, dueAt: new Date(now.getTime() + DAY), trancheFen: 1000 };
    expect(reviewOutcome(m, 'accept', undefined, now, DAY)).toEqual({ status: 'met', payFen: 1000, graceEndsAt: null });
    expect(reviewOutcome(m, 'partial', 600, now, DAY)).toEqual({ status: 'partially_met', payFen: 600, graceEndsAt: null });
    expect(() => reviewOutcome(m, 'partial', 1001, now, DAY)).toThrow(expect.objectContaining({ kind: 'rule_violation' }));
    expect(() => reviewOutcome(m, 'partial', undefined, now, DAY)).toThrow(expect.objectContaining({ kind: 'invalid' }));
    expect(() => reviewOutcome({ ...m, status: 'met' }, 'accept', undefined, now, DAY)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
  });

  it('reject: scheduled before the due date, overdue within the grace period, not_met after it', () => {
    const base = { status: 'submitted' as MilestoneStatus, trancheFen: 1 };
    expect(reviewOutcome({ ...base, dueAt: new Date(now.getTime() + 1) }, 'reject', undefined, now, DAY).status).toBe(
      'scheduled',
    );
    const late = reviewOutcome({ ...base, dueAt: new Date(now.getTime() - 1000) }, 'reject', undefined, now, DAY);
    expect(late).toEqual({ status: 'overdue', payFen: null, graceEndsAt: new Date(now.getTime() - 1000 + DAY) });
    expect(reviewOutcome({ ...base, dueAt: new Date(now.getTime() - DAY) }, 'reject', undefined, now, DAY).status).toBe(
      'not_met',
    );
  });

  it('submissions: scheduled any time; overdue within the grace; nothing else; only live projects', () => {
    const due = new Date(now.getTime() - 1000);
    expect(() => assertCanSubmit({ status: 'scheduled', dueAt: due }, now, DAY, 'active')).not.toThrow();
    expect(() => assertCanSubmit({ status: 'overdue', dueAt: due }, now, DAY, 'active')).not.toThrow();
    expect(() => assertCanSubmit({ status: 'overdue', dueAt: due }, now, 500, 'active')).toThrow(DomainError);
    for (const s of ['submitted', 'met', 'partially_met', 'not_met', 'cancelled'] as MilestoneStatus[])
      expect(() => assertCanSubmit({ status: s, dueAt: due }, now, DAY, 'active')).toThrow(DomainError);
    expect(() => assertCanSubmit({ status: 'scheduled', dueAt: due }, now, DAY, 'eliminated')).toThrow(DomainError);
  });

  it('health: late when overdue, at risk when due within 14 days without a submission', () => {
    const at = (d: number) => new Date(now.getTime() + d * DAY);
    expect(healthOf([{ status: 'scheduled', dueAt: at(30) }], now)).toBe('on_track');
    expect(healthOf([{ status: 'scheduled', dueAt: at(10) }], now)).toBe('at_risk');
    expect(healthOf([{ status: 'submitted', dueAt: at(10) }], now)).toBe('on_track');
    expect(
      healthOf(
        [
          { status: 'overdue', dueAt: at(-1) },
          { status: 'scheduled', dueAt: at(90) },
        ],
        now,
      ),
    ).toBe('late');
  });
});

type Op =
  | { kind: 'accept'; i: number }
  | { kind: 'partial'; i: number; pct: number }
  | { kind: 'change'; i: number; tranche: number }
  | { kind: 'pay'; i: number }
  | { kind: 'submit'; i: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('accept' as const), i: fc.nat(5) }),
  fc.record({ kind: fc.constant('partial' as const), i: fc.nat(5), pct: fc.integer({ min: 0, max: 120 }) }),
  fc.record({ kind: fc.constant('change' as const), i: fc.nat(5), tranche: fc.integer({ min: 0, max: 2_000_000 }) }),
  fc.record({ kind: fc.constant('pay' as const), i: fc.nat(5) }),
  fc.record({ kind: fc.constant('submit' as const), i: fc.nat(5) }),
);

interface ModelMilestone {
  status: MilestoneStatus;
  dueAt: Date;
  trancheFen: number;
  disbursement: null | { amount: number; paid: boolean };
}

/**
 * A model of a project run through the same rules the services apply: accepts and partial
 * accepts schedule a disbursement only within the grant (counting what is paid or scheduled);
 * plan changes keep the plan within the grant; payments re-check the grant.
 */
class ProjectModel {
  readonly ms: ModelMilestone[];
  paid = 0;

  constructor(
    readonly granted: number,
    n: number,
  ) {
    const base = Math.floor(granted / n);
    this.ms = Array.from({ length: n }, (_, k) => ({
      status: 'scheduled' as MilestoneStatus,
      dueAt: new Date(now.getTime() + (k + 1) * DAY),
      trancheFen: k === n - 1 ? granted - base * (n - 1) : base,
      disbursement: null,
    }));
  }

  committed(): number {
    return this.ms.reduce((s, m) => s + (m.disbursement && !m.disbursement.paid ? m.disbursement.amount : 0), 0) + this.paid;
  }

  /** One operation; a rule's refusal (a DomainError) leaves the model as it was. */
  apply(o: Op): void {
    const m = this.ms[o.i % this.ms.length];
    try {
      if (o.kind === 'submit') {
        assertCanSubmit(m, now, DAY, 'active');
        m.status = 'submitted';
      } else if (o.kind === 'accept' || o.kind === 'partial') this.review(m, o);
      else if (o.kind === 'change') this.change(m, o.tranche);
      else if (o.kind === 'pay') this.pay(m);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }

  private review(m: ModelMilestone, o: Extract<Op, { kind: 'accept' | 'partial' }>): void {
    const reduced = o.kind === 'partial' ? Math.floor((m.trancheFen * o.pct) / 100) : undefined;
    const out = reviewOutcome(m, o.kind, reduced, now, DAY);
    if (out.payFen !== null) {
      if (m.disbursement) throw new DomainError('conflict', 'dup', 'dup');
      assertWithinGrant({ grantedFen: this.granted, paidFen: this.committed() }, out.payFen);
      m.disbursement = { amount: out.payFen, paid: false };
    }
    m.status = out.status;
  }

  private change(m: ModelMilestone, tranche: number): void {
    if (m.status !== 'scheduled' && m.status !== 'overdue') throw new DomainError('conflict', 'settled', 'settled');
    const others = this.ms
      .filter((x) => x !== m)
      .reduce(
        (s, x) =>
          s +
          (['scheduled', 'submitted', 'overdue'].includes(x.status) ? x.trancheFen : x.disbursement ? x.disbursement.amount : 0),
        0,
      );
    assertPlanWithinGrant(this.granted, others, tranche);
    m.trancheFen = tranche;
  }

  private pay(m: ModelMilestone): void {
    if (!m.disbursement || m.disbursement.paid) return;
    assertWithinGrant({ grantedFen: this.granted, paidFen: this.paid }, m.disbursement.amount);
    this.paid += m.disbursement.amount;
    m.disbursement.paid = true;
  }
}

describe('milestone money', () => {
  it('property: no sequence of accepts, partial accepts and plan changes pays more than the grant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(op, { maxLength: 60 }),
        (granted, n, ops) => {
          const project = new ProjectModel(granted, n);
          for (const o of ops) {
            project.apply(o);
            if (project.paid > granted || project.committed() > granted) return false;
          }
          return project.paid <= granted;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
