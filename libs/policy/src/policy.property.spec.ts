/**
 * Properties over random rules, bases, requests, prior grants and budgets, checked against a
 * reference computed independently in BigInt.
 */
import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import { checkRequest, quote, type CheckInput, FUNDING_RULES, type FundingRule } from './index';
import { policySettings } from './effective-window';
import { FIRST_DAY_OUT, IN_FORCE, SETTINGS } from './test-support';

const PM_SETTINGS = policySettings({ effectiveFrom: '2023-06-01', pmMajorRateBp: 3500 });

// Amounts: mostly near the caps (where the interesting boundaries are), sometimes any safe integer.
const fen = fc.oneof(
  { weight: 3, arbitrary: fc.nat({ max: 20_000_000_000 }) },
  { weight: 1, arbitrary: fc.maxSafeNat() },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 299_999_999, 300_000_000, 3_000_000_000, 6_000_000_001) },
);
// Rules that set an amount; those that set none have their own properties below.
const rule = fc.constantFrom(...FUNDING_RULES.filter((r) => r.amountSet));
const unsetRule = fc.constantFrom(...FUNDING_RULES.filter((r) => !r.amountSet));
const settings = fc.constantFrom(SETTINGS, PM_SETTINGS);
const budget = fc.option(fen, { nil: undefined });
const maxAward = fc.option(fen, { nil: undefined });

/** min(rate limit, cap) in BigInt, or null when the rule sets no limit. */
function ruleLimit(r: FundingRule, baseFen: number, s = SETTINGS): bigint | null {
  const rate = r.rateBp ?? (r.rateSetting ? s[r.rateSetting] : null);
  const byRate = rate === null ? null : (BigInt(baseFen) * BigInt(rate)) / 10_000n;
  const cap = r.capFen === null ? null : BigInt(r.capFen);
  if (byRate === null) return cap;
  if (cap === null) return byRate;
  return byRate < cap ? byRate : cap;
}

describe('quote properties', () => {
  it('allowed never exceeds floor(rate × base), the cap, the per-award maximum or the budget, and is never negative', () => {
    fc.assert(
      fc.property(
        rule,
        settings,
        fen,
        fen,
        maxAward,
        budget,
        (r, s, baseFen, alreadyGrantedFen, maxAwardFen, remainingBudgetFen) => {
          const q = quote(r, { baseFen, alreadyGrantedFen, maxAwardFen, remainingBudgetFen, date: IN_FORCE, settings: s });
          const allowed = BigInt(q.allowedFen as number);
          expect(allowed >= 0n).toBe(true);
          if (q.rateBp !== null) {
            expect(q.rateLimitFen).toBe(Number((BigInt(baseFen) * BigInt(q.rateBp)) / 10_000n));
            expect(allowed <= BigInt(q.rateLimitFen as number)).toBe(true);
          }
          if (r.capFen !== null) expect(allowed <= BigInt(r.capFen)).toBe(true);
          if (remainingBudgetFen !== undefined) expect(q.allowedFen).toBeLessThanOrEqual(remainingBudgetFen);
          if (maxAwardFen !== undefined) expect(q.allowedFen).toBeLessThanOrEqual(maxAwardFen);
          // … and it is exactly min(limit − already, per-award maximum, budget), clamped at 0.
          const limit = ruleLimit(r, baseFen, s) as bigint;
          let expected = limit > BigInt(alreadyGrantedFen) ? limit - BigInt(alreadyGrantedFen) : 0n;
          for (const ceiling of [maxAwardFen, remainingBudgetFen]) {
            if (ceiling !== undefined && BigInt(ceiling) < expected) expected = BigInt(ceiling);
          }
          expect(allowed).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is monotone in the base', () => {
    fc.assert(
      fc.property(rule, settings, fen, fen, fen, budget, (r, s, a, b, alreadyGrantedFen, remainingBudgetFen) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const at = (baseFen: number) =>
          quote(r, { baseFen, alreadyGrantedFen, remainingBudgetFen, date: IN_FORCE, settings: s }).allowedFen as number;
        expect(at(lo)).toBeLessThanOrEqual(at(hi));
      }),
      { numRuns: 2000 },
    );
  });

  it('names the limit that actually binds', () => {
    fc.assert(
      fc.property(
        rule,
        settings,
        fen,
        fen,
        maxAward,
        budget,
        (r, s, baseFen, alreadyGrantedFen, maxAwardFen, remainingBudgetFen) => {
          const q = quote(r, { baseFen, alreadyGrantedFen, maxAwardFen, remainingBudgetFen, date: IN_FORCE, settings: s });
          const room = (limit: number) => Math.max(0, limit - alreadyGrantedFen);
          switch (q.binding) {
            case 'rate':
              expect(q.rateLimitFen).not.toBeNull();
              if (q.capFen !== null) expect(q.rateLimitFen as number).toBeLessThan(q.capFen);
              expect(q.allowedFen).toBe(room(q.rateLimitFen as number));
              break;
            case 'cap':
              if (q.rateLimitFen !== null) expect(q.capFen as number).toBeLessThan(q.rateLimitFen);
              expect(q.allowedFen).toBe(room(q.capFen as number));
              break;
            case 'both':
              expect(q.rateLimitFen).toBe(q.capFen);
              expect(q.allowedFen).toBe(room(q.capFen as number));
              break;
            case 'max_award': {
              const limit = Number(ruleLimit(r, baseFen, s));
              expect(maxAwardFen as number).toBeLessThan(room(limit));
              if (remainingBudgetFen !== undefined) expect(maxAwardFen as number).toBeLessThanOrEqual(remainingBudgetFen);
              expect(q.allowedFen).toBe(maxAwardFen);
              break;
            }
            case 'budget': {
              const limit = Number(ruleLimit(r, baseFen, s));
              expect(remainingBudgetFen as number).toBeLessThan(room(limit));
              if (maxAwardFen !== undefined) expect(remainingBudgetFen as number).toBeLessThan(maxAwardFen);
              expect(q.allowedFen).toBe(remainingBudgetFen);
              break;
            }
            default:
              throw new Error(`unexpected binding ${q.binding} in force, with a cap on every rule`);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('check properties', () => {
  it('accepts a request exactly when already + requested ≤ the rule limit (or it is 0) and it fits both ceilings', () => {
    fc.assert(
      fc.property(
        rule,
        settings,
        fen,
        fen,
        fen,
        maxAward,
        budget,
        (r, s, baseFen, requestedFen, alreadyGrantedFen, maxAwardFen, remainingBudgetFen) => {
          const input: CheckInput = {
            baseFen,
            requestedFen,
            alreadyGrantedFen,
            maxAwardFen,
            remainingBudgetFen,
            date: IN_FORCE,
            settings: s,
          };
          const result = checkRequest(r, input);
          const limit = ruleLimit(r, baseFen, s) as bigint;
          const withinRule = requestedFen === 0 || BigInt(alreadyGrantedFen) + BigInt(requestedFen) <= limit;
          const withinMaxAward = maxAwardFen === undefined || requestedFen <= maxAwardFen;
          const withinBudget = remainingBudgetFen === undefined || requestedFen <= remainingBudgetFen;
          expect(result.ok).toBe(withinRule && withinMaxAward && withinBudget);
          expect(result.violations.some((v) => v.code === 'max_award_exceeded')).toBe(!withinMaxAward);
          expect(result.ok).toBe(requestedFen <= (result.allowedFen as number)); // ≤ allowed, which already subtracts prior grants
          expect(result.ok).toBe(result.violations.length === 0);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('splitting one grant into tranches never lets the total exceed what one grant could be', () => {
    fc.assert(
      fc.property(
        rule,
        settings,
        fen,
        budget,
        fc.array(fen, { maxLength: 12 }),
        (r, s, baseFen, remainingBudgetFen, tranches) => {
          const single = quote(r, { baseFen, remainingBudgetFen, date: IN_FORCE, settings: s }).allowedFen as number;
          let granted = 0;
          let budgetLeft = remainingBudgetFen;
          for (const requestedFen of tranches) {
            const result = checkRequest(r, {
              baseFen,
              requestedFen,
              alreadyGrantedFen: granted,
              remainingBudgetFen: budgetLeft,
              date: IN_FORCE,
              settings: s,
            });
            if (!result.ok) continue;
            granted += requestedFen;
            if (budgetLeft !== undefined) budgetLeft -= requestedFen;
          }
          expect(granted).toBeLessThanOrEqual(single);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('tranches that each take what is allowed reach exactly the single-grant amount', () => {
    fc.assert(
      fc.property(rule, fen, fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 }), (r, baseFen, shares) => {
        const single = quote(r, { baseFen, date: IN_FORCE, settings: SETTINGS }).allowedFen as number;
        let granted = 0;
        for (const share of shares) {
          const q = quote(r, { baseFen, alreadyGrantedFen: granted, date: IN_FORCE, settings: SETTINGS });
          const requestedFen = Math.floor(((q.allowedFen as number) * share) / 100);
          expect(
            checkRequest(r, { baseFen, requestedFen, alreadyGrantedFen: granted, date: IN_FORCE, settings: SETTINGS }).ok,
          ).toBe(true);
          granted += requestedFen;
        }
        const rest = single - granted;
        expect(
          checkRequest(r, { baseFen, requestedFen: rest, alreadyGrantedFen: granted, date: IN_FORCE, settings: SETTINGS }).ok,
        ).toBe(true);
        expect(
          checkRequest(r, { baseFen, requestedFen: rest + 1, alreadyGrantedFen: granted, date: IN_FORCE, settings: SETTINGS }).ok,
        ).toBe(false);
      }),
    );
  });
});

describe('clauses that set no amount', () => {
  it('quote no amount in force and nothing outside the window, whatever the inputs', () => {
    fc.assert(
      fc.property(
        unsetRule,
        settings,
        fc.option(fen, { nil: undefined }),
        fen,
        maxAward,
        budget,
        fc.boolean(),
        (r, s, baseFen, alreadyGrantedFen, maxAwardFen, remainingBudgetFen, inWindow) => {
          const date = inWindow ? IN_FORCE : FIRST_DAY_OUT;
          const q = quote(r, { baseFen, alreadyGrantedFen, maxAwardFen, remainingBudgetFen, date, settings: s });
          expect(q).toMatchObject({ amountSet: false, rateLimitFen: null, capFen: null, baseFen: null });
          expect([q.allowedFen, q.binding]).toEqual(inWindow ? [null, 'not_set'] : [0, 'window']);
          // In force, the explanation says where the amount is decided; outside, that nothing can be granted.
          expect(q.explanation.en).toContain(inWindow ? (r.decidedBy as { en: string }).en : 'nothing can be granted');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never accept a request', () => {
    fc.assert(
      fc.property(unsetRule, fen, maxAward, budget, (r, requestedFen, maxAwardFen, remainingBudgetFen) => {
        const result = checkRequest(r, { requestedFen, maxAwardFen, remainingBudgetFen, date: IN_FORCE, settings: SETTINGS });
        expect(result.ok).toBe(false);
        expect(result.violations.map((v) => v.code)).toEqual(['amount_not_set']);
      }),
      { numRuns: 500 },
    );
  });
});

describe('bad input always throws DomainError invalid, never a number', () => {
  const bad = fc.oneof(
    fc.double({ noInteger: true }),
    fc.integer({ max: -1 }),
    fc.constantFrom(NaN, Infinity, -Infinity, 2 ** 53, 1e20, -0.5),
    fc.string(),
    fc.bigInt(),
    fc.boolean(),
    fc.constant({}),
  );
  const field = fc.constantFrom('baseFen', 'requestedFen', 'alreadyGrantedFen', 'maxAwardFen', 'remainingBudgetFen');

  it('in any amount field of checkRequest and quote, for every rule', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FUNDING_RULES), field, bad, fc.boolean(), (r, name, value, viaQuote) => {
        // A fixed-cap rule ignores the base but still refuses a bad one.
        const input = { baseFen: 1000, requestedFen: 1, date: IN_FORCE, settings: SETTINGS, [name]: value } as CheckInput;
        let thrown: unknown;
        try {
          const result = viaQuote ? quote(r, input) : checkRequest(r, input);
          throw new Error(`returned ${JSON.stringify(result.allowedFen)}`);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect((thrown as DomainError).kind).toBe('invalid');
        expect((thrown as DomainError).fieldErrors[0].field).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});
