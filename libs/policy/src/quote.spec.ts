import type { FundingRule } from './funding-rule';
import { FUNDING_RULES } from './funding-rules.table';
import { policySettings } from './effective-window';
import { quote } from './quote';
import { findRule } from './rules';
import { domainError, FIRST_DAY_OUT, IN_FORCE, LAST_DAY_IN, SETTINGS } from './test-support';

const at = (rule: FundingRule, baseFen: number | undefined, extra: object = {}) =>
  quote(rule, { baseFen, date: IN_FORCE, settings: SETTINGS, ...extra });

const funded = FUNDING_RULES.filter((r) => r.amountSet);
const rated = funded.filter((r) => r.rateBp !== null).map((r) => [r.id, r] as const);
const fixed = funded.filter((r) => r.rateBp === null).map((r) => [r.id, r] as const);
const unset = FUNDING_RULES.filter((r) => !r.amountSet).map((r) => [r.id, r] as const);

describe.each(rated)('%s: where the rate limit meets the cap', (_id, rule) => {
  const rate = BigInt(rule.rateBp as number);
  const cap = rule.capFen as number;
  // Smallest base whose rate limit reaches the cap, and smallest whose rate limit passes it.
  const meet = Number((BigInt(cap) * 10_000n + rate - 1n) / rate);
  const past = Number((BigInt(cap + 1) * 10_000n + rate - 1n) / rate);

  it('just below the meeting base, the rate binds at cap − 1 fen', () => {
    expect(at(rule, meet - 1)).toMatchObject({ binding: 'rate', allowedFen: cap - 1, rateLimitFen: cap - 1 });
  });
  it('at the meeting base, both bind at the cap', () => {
    expect(at(rule, meet)).toMatchObject({ binding: 'both', allowedFen: cap, rateLimitFen: cap, capFen: cap });
  });
  it('while floor() still gives the cap, both bind; one fen later the cap binds', () => {
    expect(at(rule, past - 1)).toMatchObject({ binding: 'both', allowedFen: cap });
    expect(at(rule, past)).toMatchObject({ binding: 'cap', allowedFen: cap, rateLimitFen: cap + 1 });
  });
  it('a zero base allows nothing, by the rate', () => {
    expect(at(rule, 0)).toMatchObject({ binding: 'rate', allowedFen: 0, rateLimitFen: 0 });
  });
  it('odd fen round down', () => {
    const rateBp = rule.rateBp as number;
    expect(at(rule, 7).allowedFen).toBe(Math.floor((7 * rateBp) / 10_000));
    expect(at(rule, 10_001).allowedFen).toBe(rateBp + Math.floor(rateBp / 10_000));
  });
  it('requires a base', () => {
    const error = domainError(() => at(rule, undefined), 'invalid');
    expect(error).toMatchObject({ code: 'policy.invalid_amount', fieldErrors: [{ field: 'baseFen' }] });
  });
});

describe.each(fixed)('%s: a fixed cap', (_id, rule) => {
  it('ignores the base, which may be omitted', () => {
    const cap = rule.capFen as number;
    expect(at(rule, undefined)).toMatchObject({ binding: 'cap', allowedFen: cap, rateLimitFen: null, baseFen: null });
    expect(at(rule, 0)).toMatchObject({ binding: 'cap', allowedFen: cap });
  });
  it('still refuses a bad base', () => {
    expect(domainError(() => at(rule, -5), 'invalid').fieldErrors[0].field).toBe('baseFen');
  });
});

describe.each(funded.map((r) => [r.id, r] as const))('%s: window, grants and budget', (_id, rule) => {
  const big = Number.MAX_SAFE_INTEGER; // the rate limit is then above every cap
  const cap = rule.capFen as number;
  it('last day in applies the rule; first day out allows nothing', () => {
    expect(quote(rule, { baseFen: big, date: LAST_DAY_IN, settings: SETTINGS })).toMatchObject({
      inForce: true,
      allowedFen: cap,
    });
    expect(quote(rule, { baseFen: big, date: FIRST_DAY_OUT, settings: SETTINGS })).toMatchObject({
      inForce: false,
      allowedFen: 0,
      binding: 'window',
    });
  });
  it('what was already granted counts against the cap', () => {
    expect(at(rule, big, { alreadyGrantedFen: cap - 1 }).allowedFen).toBe(1);
    expect(at(rule, big, { alreadyGrantedFen: cap }).allowedFen).toBe(0);
    expect(at(rule, big, { alreadyGrantedFen: cap + 1 }).allowedFen).toBe(0);
  });
  it('the remaining budget binds only when strictly lower', () => {
    expect(at(rule, big, { remainingBudgetFen: cap - 1 })).toMatchObject({ binding: 'budget', allowedFen: cap - 1 });
    expect(at(rule, big, { remainingBudgetFen: cap })).toMatchObject({ binding: 'cap', allowedFen: cap });
    expect(at(rule, big, { remainingBudgetFen: cap + 1 })).toMatchObject({ binding: 'cap', allowedFen: cap });
  });
  it('the per-award maximum binds only when strictly lower than the rule, and is named as itself', () => {
    expect(at(rule, big, { maxAwardFen: cap - 1 })).toMatchObject({ binding: 'max_award', allowedFen: cap - 1 });
    expect(at(rule, big, { maxAwardFen: cap })).toMatchObject({ binding: 'cap', allowedFen: cap, maxAwardFen: cap });
    // Against the budget: a strictly lower budget binds; on a tie the per-award maximum is named.
    expect(at(rule, big, { maxAwardFen: cap - 2, remainingBudgetFen: cap - 3 })).toMatchObject({ binding: 'budget' });
    expect(at(rule, big, { maxAwardFen: cap - 2, remainingBudgetFen: cap - 2 })).toMatchObject({ binding: 'max_award' });
  });
  it('sets an amount', () => {
    expect(at(rule, big)).toMatchObject({ amountSet: true });
  });
});

describe.each(unset)('%s: a clause that funds without setting an amount', (_id, rule) => {
  const decided = rule.decidedBy as { zh: string; en: string };
  it('quotes no amount, and says none is set and where it is decided, in Chinese and English', () => {
    const q = at(rule, undefined);
    expect(q).toMatchObject({
      ruleId: rule.id,
      inForce: true,
      amountSet: false,
      allowedFen: null,
      binding: 'not_set',
      baseFen: null,
      rateBp: null,
      rateLimitFen: null,
      capFen: null,
    });
    expect(q.explanation.en).toContain(
      `These measures set no amount for ${rule.title.en} under clause ${rule.clauseNumber} (${rule.clause}): ${decided.en}`,
    );
    expect(q.explanation.en).toContain('no amount can be quoted here');
    expect(q.explanation.zh).toContain(`本措施未规定第（${rule.clause}）条（${rule.title.zh}）的资助金额：${decided.zh}`);
  });
  it('applies neither a base, prior grants, a per-award maximum nor a budget, but refuses a bad one', () => {
    const extra = { alreadyGrantedFen: 5, maxAwardFen: 7, remainingBudgetFen: 9 };
    expect(at(rule, 1_000_000, extra)).toMatchObject({ allowedFen: null, binding: 'not_set', baseFen: null });
    expect(domainError(() => at(rule, -1), 'invalid').fieldErrors[0].field).toBe('baseFen');
    expect(domainError(() => at(rule, undefined, { maxAwardFen: 0.5 }), 'invalid').fieldErrors[0].field).toBe('maxAwardFen');
  });
  it('outside the window, nothing can be granted under it either', () => {
    expect(quote(rule, { date: FIRST_DAY_OUT, settings: SETTINGS })).toMatchObject({
      inForce: false,
      amountSet: false,
      allowedFen: 0,
      binding: 'window',
    });
  });
});

describe('explanations', () => {
  it('reads as the issue asks, in English and Chinese', () => {
    const q = quote('art4.core_tech', {
      baseFen: 100_000_000_00,
      requestedFen: 31_000_000_00,
      date: IN_FORCE,
      settings: SETTINGS,
    });
    expect(q.explanation.en).toBe(
      'Requested 31,000,000.00 CNY; the cap for core-technology projects under clause 4 (四) is 30,000,000.00 CNY; ' +
        '50% of the total investment 100,000,000.00 CNY would be 50,000,000.00 CNY; the cap binds; ' +
        'at most 30,000,000.00 CNY can be granted now, so the request exceeds it by 1,000,000.00 CNY.',
    );
    expect(q.explanation.zh).toBe(
      '申请 31,000,000.00 元；第（四）条对核心技术攻关项目的资助上限为 30,000,000.00 元；' +
        '总投资 100,000,000.00 元的 50% 为 50,000,000.00 元；上限起约束作用；' +
        '目前最多可资助 30,000,000.00 元，申请超出 1,000,000.00 元。',
    );
  });

  it('mentions prior grants, the budget and the window', () => {
    const q = at(findRule('art7.maker_space'), 10_000_000_00, { alreadyGrantedFen: 100_000_00, remainingBudgetFen: 50_000_00 });
    expect(q.explanation.en).toContain(
      '100,000.00 CNY has already been granted to this project under this rule, leaving 1,900,000.00 CNY',
    );
    expect(q.explanation.en).toContain('the remaining budget binds; at most 50,000.00 CNY can be granted now.');
    const out = quote('art4.core_tech', { baseFen: 1, date: FIRST_DAY_OUT, settings: SETTINGS });
    expect(out.explanation.en).toContain('in force from 2023-06-01 to 2028-05-31');
    expect(out.explanation.zh).toContain('不在有效期内');
  });

  it('names the days as Beijing days, and the decision day as Beijing’s', () => {
    // 16:00 UTC on 31 May is midnight starting 1 June in Beijing: the first day out.
    const out = quote('art4.core_tech', { baseFen: 1, date: new Date('2028-05-31T16:00:00Z'), settings: SETTINGS });
    expect(out.inForce).toBe(false);
    expect(out.explanation.en).toContain(
      'The measures are in force from 2023-06-01 to 2028-05-31 (Beijing time, Asia/Shanghai) and the decision date 2028-06-01 is outside',
    );
    expect(out.explanation.zh).toContain('本措施有效期为 2023-06-01 至 2028-05-31（北京时间），决定日期 2028-06-01 不在有效期内');
  });

  it('names the per-award maximum, not the budget, when it binds', () => {
    const q = at(findRule('art4.core_tech'), 100_000_000_00, { maxAwardFen: 20_000_000_00, remainingBudgetFen: 50_000_000_00 });
    expect(q).toMatchObject({ binding: 'max_award', allowedFen: 20_000_000_00, maxAwardFen: 20_000_000_00 });
    expect(q.explanation.en).toContain(
      "the challenge's per-award maximum is 20,000,000.00 CNY; the challenge's remaining budget is 50,000,000.00 CNY; " +
        'the per-award maximum binds; at most 20,000,000.00 CNY can be granted now.',
    );
    expect(q.explanation.zh).toContain(
      '榜单单个项目最高资助额为 20,000,000.00 元；榜单剩余预算为 50,000,000.00 元；榜单单个项目最高资助额起约束作用',
    );
  });

  it('reads as a whole for a clause without an amount', () => {
    const q = quote('art20.district_matching', { requestedFen: 100_00, date: IN_FORCE, settings: SETTINGS });
    expect(q.explanation.en).toBe(
      'Requested 100.00 CNY; these measures set no amount for district matching funds for recognised future-industry parks ' +
        'under clause 20 (二十): each district decides it according to its circumstances (各区结合实际情况); ' +
        'the measures only encourage the districts to match; no amount can be quoted here.',
    );
    expect(q.explanation.zh).toBe(
      '申请 100.00 元；本措施未规定第（二十）条（各区对通过认定的未来产业特色园区的配套资助）的资助金额：' +
        '由各区结合实际情况确定（本措施只是鼓励各区配套）；此处不给出可资助金额。',
    );
  });

  it('serialises like plain data', () => {
    const q = at(findRule('art3.hk_macao_programme'), undefined);
    expect(JSON.parse(JSON.stringify(q)).explanation).toEqual(q.explanation);
    expect(q.explanation.zh).toContain('3,000,000.00');
  });
});

describe('the project-manager track', () => {
  const rule = findRule('art4.pm_major');
  it('has no ratio by default: only the 1亿元 cap', () => {
    expect(at(rule, 1)).toMatchObject({ binding: 'cap', allowedFen: 100_000_000_00, rateBp: null, rateLimitFen: null });
    expect(at(rule, 1).explanation.en).toContain('the text states no ratio');
  });
  it('takes its ratio from the settings when one is set', () => {
    const settings = policySettings({ effectiveFrom: '2023-06-01', pmMajorRateBp: 5000 });
    expect(quote(rule, { baseFen: 100_000_000_00, date: IN_FORCE, settings })).toMatchObject({
      binding: 'rate',
      rateBp: 5000,
      allowedFen: 50_000_000_00,
    });
    expect(domainError(() => quote(rule, { date: IN_FORCE, settings }), 'invalid').fieldErrors[0].field).toBe('baseFen');
  });
});

describe('a rule with neither rate nor cap (if the table is ever amended so)', () => {
  const open: FundingRule = { ...findRule('art5.key_lab'), id: 'test.open', capFen: null };
  it("binds 'none' and allows any amount", () => {
    expect(at(open, undefined)).toMatchObject({ binding: 'none', allowedFen: null });
    expect(at(open, undefined, { remainingBudgetFen: 5 })).toMatchObject({ binding: 'budget', allowedFen: 5 });
  });
  it('a hand-made rule is validated', () => {
    const bad = { ...open, capFen: 1.5 } as FundingRule;
    expect(domainError(() => at(bad, undefined), 'invalid').code).toBe('policy.invalid_rule');
    // A rule without an amount must say where it is decided, and carry no limit.
    const silent = { ...open, amountSet: false, decidedBy: null } as FundingRule;
    expect(domainError(() => at(silent, undefined), 'invalid').fieldErrors[0].field).toBe('rule.amountSet');
    const capped = { ...findRule('art8.high_tech_enterprise'), id: 'test.capped', capFen: 100 } as FundingRule;
    expect(domainError(() => at(capped, undefined), 'invalid').code).toBe('policy.invalid_rule');
  });
});

describe('bad input', () => {
  it.each([
    ['alreadyGrantedFen', { alreadyGrantedFen: -1 }],
    ['remainingBudgetFen', { remainingBudgetFen: 0.5 }],
    ['maxAwardFen', { maxAwardFen: -3 }],
    ['requestedFen', { requestedFen: '5' }],
    ['date', { date: new Date(NaN) }],
    ['date', { date: '2024-01-01' }],
  ])('%s', (field, extra) => {
    expect(domainError(() => at(findRule('art4.core_tech'), 100, extra), 'invalid').fieldErrors[0].field).toBe(field);
  });
  it('an unknown rule id', () => {
    expect(domainError(() => quote('art4.nope', { date: IN_FORCE, settings: SETTINGS }), 'not_found').code).toBe(
      'policy.unknown_rule',
    );
  });
  it('missing settings', () => {
    expect(domainError(() => quote('art3.hk_macao_programme', { date: IN_FORCE } as never), 'invalid').code).toBe(
      'policy.invalid_settings',
    );
  });
});
