import { DomainError } from '@app/common/domain-error';
import { assertRequest, checkRequest, type CheckInput } from './check';
import type { FundingRule } from './funding-rule';
import { FUNDING_RULES } from './funding-rules.table';
import { findRule } from './rules';
import { domainError, FIRST_DAY_OUT, IN_FORCE, LAST_DAY_IN, SETTINGS } from './test-support';

const input = (requestedFen: number, extra: Partial<CheckInput> = {}): CheckInput => ({
  baseFen: Number.MAX_SAFE_INTEGER, // rate limit far above every cap unless a test sets the base
  requestedFen,
  date: IN_FORCE,
  settings: SETTINGS,
  ...extra,
});
const codes = (rule: FundingRule | string, i: CheckInput) => checkRequest(rule, i).violations.map((v) => v.code);

describe.each(FUNDING_RULES.map((r) => [r.id, r] as const))('%s: requests around the cap', (_id, rule) => {
  const cap = rule.capFen as number;
  it('cap − 1 fen and the cap pass; cap + 1 fen breaks the cap', () => {
    expect(checkRequest(rule, input(cap - 1))).toMatchObject({ ok: true, violations: [] });
    expect(checkRequest(rule, input(cap))).toMatchObject({ ok: true, allowedFen: cap });
    const over = checkRequest(rule, input(cap + 1));
    expect(over.ok).toBe(false);
    expect(over.violations).toEqual([expect.objectContaining({ code: 'cap_exceeded', limitFen: cap, exceededByFen: 1 })]);
  });
  it('tranches add up against the cap', () => {
    expect(checkRequest(rule, input(1, { alreadyGrantedFen: cap - 1 })).ok).toBe(true);
    expect(codes(rule, input(2, { alreadyGrantedFen: cap - 1 }))).toEqual(['cap_exceeded']);
    expect(codes(rule, input(1, { alreadyGrantedFen: cap }))).toEqual(['cap_exceeded']);
    expect(checkRequest(rule, input(0, { alreadyGrantedFen: cap + 5 })).ok).toBe(true); // adding nothing is fine
  });
  it('a zero request passes', () => {
    expect(checkRequest(rule, input(0)).ok).toBe(true);
  });
  it('the window: last day in passes, first day out fails even for 0', () => {
    expect(checkRequest(rule, input(cap, { date: LAST_DAY_IN })).ok).toBe(true);
    expect(codes(rule, input(0, { date: FIRST_DAY_OUT }))).toEqual(['not_in_force']);
    expect(codes(rule, input(cap + 1, { date: FIRST_DAY_OUT }))).toEqual(['not_in_force', 'cap_exceeded']);
  });
  it('the budget is a separate ceiling', () => {
    expect(codes(rule, input(cap, { remainingBudgetFen: cap - 1 }))).toEqual(['budget_exceeded']);
    expect(checkRequest(rule, input(cap, { remainingBudgetFen: cap })).ok).toBe(true);
  });
});

describe.each(FUNDING_RULES.filter((r) => r.rateBp !== null).map((r) => [r.id, r] as const))(
  '%s: requests around the rate limit',
  (_id, rule) => {
    const rate = rule.rateBp as number;
    const base = 1_000_001; // odd fen, far below every cap
    const limit = Math.floor((base * rate) / 10_000);
    it('limit − 1 and limit pass, limit + 1 breaks the rate', () => {
      expect(checkRequest(rule, input(limit - 1, { baseFen: base })).ok).toBe(true);
      expect(checkRequest(rule, input(limit, { baseFen: base })).ok).toBe(true);
      expect(checkRequest(rule, input(limit + 1, { baseFen: base })).violations).toEqual([
        expect.objectContaining({ code: 'rate_exceeded', limitFen: limit, exceededByFen: 1 }),
      ]);
    });
    it('a zero base allows nothing above 0', () => {
      expect(checkRequest(rule, input(0, { baseFen: 0 })).ok).toBe(true);
      expect(codes(rule, input(1, { baseFen: 0 }))).toEqual(['rate_exceeded']);
    });
  },
);

describe('every violation is reported, tightest limit first', () => {
  const rule = findRule('art4.core_tech');
  it('rate and cap both broken: the tighter (cap) first', () => {
    const r = checkRequest(rule, input(60_000_000_00, { baseFen: 100_000_000_00, remainingBudgetFen: 10 }));
    expect(r.violations.map((v) => [v.code, v.limitFen])).toEqual([
      ['cap_exceeded', 30_000_000_00],
      ['rate_exceeded', 50_000_000_00],
      ['budget_exceeded', 10],
    ]);
  });
  it('rate tighter than the cap: rate first', () => {
    expect(codes(rule, input(40_000_000_00, { baseFen: 40_000_000_00 }))).toEqual(['rate_exceeded', 'cap_exceeded']);
  });
  it('messages say what was asked and what the limit is', () => {
    const [cap] = checkRequest(rule, input(31_000_000_00, { alreadyGrantedFen: 1_000_000_00 })).violations;
    expect(cap.message.en).toBe(
      'The request of 31,000,000.00 CNY exceeds the cap by 2,000,000.00 CNY: the cap for core-technology projects ' +
        'under clause 四 is 30,000,000.00 CNY, of which 1,000,000.00 CNY has already been granted.',
    );
    expect(cap.message.zh).toContain('超出上限 2,000,000.00 元');
  });
});

describe('assertRequest', () => {
  const rule = findRule('art4.core_tech');
  it('returns the result when the request is within the rule', () => {
    expect(assertRequest(rule, input(30_000_000_00)).ok).toBe(true);
  });
  it("throws 'rule_violation' named after the first violation, carrying the reasoning", () => {
    const error = domainError(
      () => assertRequest('art4.core_tech', input(31_000_000_00, { baseFen: 100_000_000_00 })),
      'rule_violation',
    );
    expect(error.code).toBe('policy.cap_exceeded');
    expect(error.details).toMatchObject({
      rule: 'art4.core_tech',
      baseFen: 100_000_000_00,
      rateBp: 5000,
      capFen: 30_000_000_00,
      allowedFen: 30_000_000_00,
      requestedFen: 31_000_000_00,
      violations: [{ code: 'cap_exceeded', limitFen: 30_000_000_00, exceededByFen: 1_000_000_00 }],
    });
    const plain = JSON.parse(JSON.stringify(error.details));
    expect(plain.violations[0].message.en).toContain('exceeds the cap');
    expect(plain.explanation.en).toContain('the cap binds');
  });
  it('out of the window: policy.not_in_force', () => {
    expect(domainError(() => assertRequest(rule, input(1, { date: FIRST_DAY_OUT }))).code).toBe('policy.not_in_force');
  });
  it('bad input is invalid, not a rule violation', () => {
    const error = domainError(() => assertRequest(rule, input(-1)), 'invalid');
    expect(error.fieldErrors[0].field).toBe('requestedFen');
    expect(error).toBeInstanceOf(DomainError);
  });
});
