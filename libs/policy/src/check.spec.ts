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

const funded = FUNDING_RULES.filter((r) => r.amountSet);

describe.each(funded.map((r) => [r.id, r] as const))('%s: requests around the cap', (_id, rule) => {
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
  it('the per-award maximum is another, on this one request (not on what was granted before)', () => {
    expect(checkRequest(rule, input(cap - 1, { maxAwardFen: cap - 1 })).ok).toBe(true);
    expect(checkRequest(rule, input(cap - 1, { maxAwardFen: cap - 2 })).violations).toEqual([
      expect.objectContaining({ code: 'max_award_exceeded', limitFen: cap - 2, exceededByFen: 1 }),
    ]);
    expect(checkRequest(rule, input(1, { maxAwardFen: 1, alreadyGrantedFen: cap - 1 })).ok).toBe(true);
  });
});

describe.each(FUNDING_RULES.filter((r) => !r.amountSet).map((r) => [r.id, r] as const))(
  '%s: a clause that sets no amount',
  (_id, rule) => {
    it('never passes a request: the engine cannot judge an amount left to other policies', () => {
      for (const requested of [0, 1, 100_000_000_00]) {
        const result = checkRequest(rule, input(requested, { maxAwardFen: 5, remainingBudgetFen: 5 }));
        expect(result).toMatchObject({ ok: false, allowedFen: null });
        // Only the one reason: the ceilings bound nothing here.
        expect(result.violations).toEqual([
          expect.objectContaining({ code: 'amount_not_set', limitFen: 0, exceededByFen: requested }),
        ]);
      }
      expect(codes(rule, input(1, { date: FIRST_DAY_OUT }))).toEqual(['not_in_force', 'amount_not_set']);
    });
    it('says so, and where the amount is decided', () => {
      const [v] = checkRequest(rule, input(100_00)).violations;
      const decided = rule.decidedBy as { zh: string; en: string };
      expect(v.message.en).toBe(
        `These measures set no amount for ${rule.title.en} under clause ${rule.clauseNumber} (${rule.clause}) ` +
          `(${decided.en}), so the request of 100.00 CNY cannot be judged by them.`,
      );
      expect(v.message.zh).toBe(
        `本措施未规定第（${rule.clause}）条（${rule.title.zh}）的资助金额：${decided.zh}；不能依本措施判断申请 100.00 元。`,
      );
    });
    it('assertRequest refuses it with policy.amount_not_set', () => {
      const error = domainError(() => assertRequest(rule, input(1)), 'rule_violation');
      expect(error.code).toBe('policy.amount_not_set');
      expect(error.details).toMatchObject({ amountSet: false, allowedFen: null, capFen: null });
    });
  },
);

describe.each(funded.filter((r) => r.rateBp !== null).map((r) => [r.id, r] as const))(
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
  it('the per-award maximum comes after the rule and before the budget', () => {
    const r = checkRequest(rule, input(31_000_000_00, { maxAwardFen: 20, remainingBudgetFen: 10, date: FIRST_DAY_OUT }));
    expect(r.violations.map((v) => v.code)).toEqual(['not_in_force', 'cap_exceeded', 'max_award_exceeded', 'budget_exceeded']);
  });
  it('rate tighter than the cap: rate first', () => {
    expect(codes(rule, input(40_000_000_00, { baseFen: 40_000_000_00 }))).toEqual(['rate_exceeded', 'cap_exceeded']);
  });
  it('messages say what was asked and what the limit is', () => {
    const [cap] = checkRequest(rule, input(31_000_000_00, { alreadyGrantedFen: 1_000_000_00 })).violations;
    expect(cap.message.en).toBe(
      'The request of 31,000,000.00 CNY exceeds the cap by 2,000,000.00 CNY: the cap for core-technology projects ' +
        'under clause 4 (四) is 30,000,000.00 CNY, of which 1,000,000.00 CNY has already been granted.',
    );
    expect(cap.message.zh).toContain('超出上限 2,000,000.00 元');
  });
  it('a request over the per-award maximum says per-award maximum, not remaining budget', () => {
    const [max] = checkRequest(rule, input(25_000_000_00, { maxAwardFen: 20_000_000_00 })).violations;
    expect(max.message.en).toBe(
      "The request of 25,000,000.00 CNY exceeds the challenge's per-award maximum of 20,000,000.00 CNY by 5,000,000.00 CNY.",
    );
    expect(max.message.zh).toBe(
      '申请 25,000,000.00 元超出榜单单个项目最高资助额：该最高额为 20,000,000.00 元，申请比它多 5,000,000.00 元。',
    );
    expect(`${max.message.en}${max.message.zh}`).not.toMatch(/budget|预算/);
  });
  it('the budget message says in Chinese which amount exceeds which, and by how much', () => {
    const [budget] = checkRequest(rule, input(25_000_000_00, { remainingBudgetFen: 10_000_000_00 })).violations;
    expect(budget.message.zh).toBe(
      '申请 25,000,000.00 元超出榜单剩余预算：剩余预算为 10,000,000.00 元，申请比它多 15,000,000.00 元。',
    );
    expect(budget.message.en).toBe(
      "The request of 25,000,000.00 CNY exceeds the challenge's remaining budget of 10,000,000.00 CNY by 15,000,000.00 CNY.",
    );
  });
  it('the window message names Beijing days and the Beijing decision day', () => {
    const [out] = checkRequest(rule, input(1, { date: new Date('2028-05-31T16:00:00Z') })).violations;
    expect(out.message.en).toBe(
      'Clause 4 (四) is not in force on 2028-06-01 (in force 2023-06-01 to 2028-05-31, Beijing time, Asia/Shanghai); nothing can be granted under it.',
    );
    expect(out.message.zh).toBe(
      '第（四）条在 2028-06-01 不在有效期内（有效期 2023-06-01 至 2028-05-31，北京时间），不能依本条资助。',
    );
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
      amountSet: true,
      maxAwardFen: null,
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
