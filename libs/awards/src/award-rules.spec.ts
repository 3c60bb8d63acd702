import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import {
  assertAwardableBid,
  assertSlotLeft,
  assertWithinBidAndMaximum,
  projectCap,
  scaleTranches,
  stageIndexOf,
} from './award-rules';

const plan = fc
  .array(fc.integer({ min: 0, max: 3_000_000_000 }), { minLength: 1, maxLength: 12 })
  .filter((t) => t.some((x) => x > 0));

describe('scaleTranches (largest remainder on integer fen)', () => {
  it('scaled tranches add up to the award exactly', () => {
    fc.assert(
      fc.property(plan, fc.double({ min: 0, max: 1, noNaN: true }), (tranches, f) => {
        const total = tranches.reduce((a, b) => a + b, 0);
        const amount = Math.floor(total * f);
        const scaled = scaleTranches(tranches, amount);
        expect(scaled.reduce((a, b) => a + b, 0)).toBe(amount);
        expect(scaled).toHaveLength(tranches.length);
      }),
    );
  });

  it('each tranche is within one fen of its exact share, never negative, never more than it was', () => {
    fc.assert(
      fc.property(plan, fc.double({ min: 0, max: 1, noNaN: true }), (tranches, f) => {
        const total = tranches.reduce((a, b) => a + b, 0);
        const amount = Math.floor(total * f);
        const scaled = scaleTranches(tranches, amount);
        scaled.forEach((s, i) => {
          const exactNum = BigInt(tranches[i]) * BigInt(amount);
          const floor = exactNum / BigInt(total);
          expect(Number.isSafeInteger(s)).toBe(true);
          expect(BigInt(s) === floor || BigInt(s) === floor + 1n).toBe(true);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(tranches[i]);
        });
      }),
    );
  });

  it('the full amount leaves the plan unchanged; zero zeroes it', () => {
    fc.assert(
      fc.property(plan, (tranches) => {
        const total = tranches.reduce((a, b) => a + b, 0);
        expect(scaleTranches(tranches, total)).toEqual(tranches);
        expect(scaleTranches(tranches, 0)).toEqual(tranches.map(() => 0));
      }),
    );
  });

  it('gives the left-over fen to the largest remainders, earlier first on a tie', () => {
    expect(scaleTranches([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(scaleTranches([100, 200, 700], 500)).toEqual([50, 100, 350]);
    expect(scaleTranches([333, 333, 334], 500)).toEqual([167, 166, 167]);
    expect(scaleTranches([3_000_000_000, 3_000_000_000, 1], 3_000_000_001)).toEqual([1_500_000_000, 1_500_000_000, 1]);
  });

  it('is exact for amounts whose products pass 2^53', () => {
    const tranches = [2_999_999_999, 3_000_000_001, 4_000_000_000];
    const scaled = scaleTranches(tranches, 9_999_999_999);
    expect(scaled.reduce((a, b) => a + b, 0)).toBe(9_999_999_999);
  });

  it('refuses unsafe input', () => {
    expect(() => scaleTranches([1.5], 1)).toThrow(RangeError);
    expect(() => scaleTranches([1], -1)).toThrow(RangeError);
    expect(() => scaleTranches([], 1)).toThrow(RangeError);
  });
});

describe('stageIndexOf', () => {
  const stages = [{ endsAt: '2030-01-01T00:00:00Z' }, { endsAt: '2030-06-01T00:00:00Z' }];
  it('maps a due date to the first stage ending at or after it, null after the last', () => {
    expect(stageIndexOf(new Date('2029-05-01T00:00:00Z'), stages)).toBe(0);
    expect(stageIndexOf(new Date('2030-01-01T00:00:00Z'), stages)).toBe(0);
    expect(stageIndexOf(new Date('2030-01-01T00:00:01Z'), stages)).toBe(1);
    expect(stageIndexOf(new Date('2031-01-01T00:00:00Z'), stages)).toBeNull();
    expect(stageIndexOf(new Date('2031-01-01T00:00:00Z'), [])).toBeNull();
  });
});

describe('who and when', () => {
  const code = (fn: () => void) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return `${(e as DomainError).kind}:${(e as DomainError).code}`;
    }
  };
  it('shortlisted bids, or submitted ones without a panel', () => {
    expect(code(() => assertAwardableBid('shortlisted', true, 'b'))).toBe('ok');
    expect(code(() => assertAwardableBid('submitted', false, 'b'))).toBe('ok');
    expect(code(() => assertAwardableBid('submitted', true, 'b'))).toBe('conflict:awards.bid_not_awardable');
    for (const s of ['withdrawn', 'awarded', 'rejected']) {
      expect(code(() => assertAwardableBid(s, false, 'b'))).toBe('conflict:awards.bid_not_awardable');
    }
  });
  it('only from closed, one award for an open call, parallelSlots for a horse race', () => {
    const c = { id: 'c', status: 'closed', mechanism: 'open_call', parallelSlots: 1, awardedCount: 0 };
    expect(code(() => assertSlotLeft(c))).toBe('ok');
    expect(code(() => assertSlotLeft({ ...c, awardedCount: 1 }))).toBe('conflict:awards.no_slot_left');
    expect(code(() => assertSlotLeft({ ...c, status: 'published' }))).toBe('conflict:awards.challenge_not_closed');
    expect(code(() => assertSlotLeft({ ...c, status: 'awarded' }))).toBe('conflict:awards.challenge_not_closed');
    const h = { ...c, mechanism: 'horse_race', parallelSlots: 3 };
    expect(code(() => assertSlotLeft({ ...h, awardedCount: 2 }))).toBe('ok');
    expect(code(() => assertSlotLeft({ ...h, awardedCount: 3 }))).toBe('conflict:awards.no_slot_left');
  });
  it('an award is within the request and the per-award maximum (422)', () => {
    expect(code(() => assertWithinBidAndMaximum(100, 100, null))).toBe('ok');
    expect(code(() => assertWithinBidAndMaximum(101, 100, null))).toBe('rule_violation:awards.exceeds_request');
    expect(code(() => assertWithinBidAndMaximum(90, 100, 80))).toBe('rule_violation:awards.exceeds_max_award');
  });
  it('the project cap is the tightest limit', () => {
    expect(projectCap({ rateLimitFen: 50, ruleCapFen: 30, maxAwardFen: null, budgetFen: 100 })).toBe(30);
    expect(projectCap({ rateLimitFen: null, ruleCapFen: 30, maxAwardFen: 20, budgetFen: 100 })).toBe(20);
    expect(projectCap({ rateLimitFen: null, ruleCapFen: null, maxAwardFen: null, budgetFen: 100 })).toBe(100);
  });
});
