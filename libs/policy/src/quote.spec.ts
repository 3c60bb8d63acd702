import type { FundingRule } from './funding-rule';
import { FUNDING_RULES } from './funding-rules.table';
import { policySettings } from './effective-window';
import { quote } from './quote';
import { findRule } from './rules';
import { domainError, FIRST_DAY_OUT, IN_FORCE, LAST_DAY_IN, SETTINGS } from './test-support';

const at = (rule: FundingRule, baseFen: number | undefined, extra: object = {}) =>
  quote(rule, { baseFen, date: IN_FORCE, settings: SETTINGS, ...extra });

const rated = FUNDING_RULES.filter((r) => r.rateBp !== null).map((r) => [r.id, r] as const);
const fixed = FUNDING_RULES.filter((r) => r.rateBp === null).map((r) => [r.id, r] as const);

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

describe.each(FUNDING_RULES.map((r) => [r.id, r] as const))('%s: window, grants and budget', (_id, rule) => {
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
      'Requested 31,000,000.00 CNY; the cap for core-technology projects under clause 四 is 30,000,000.00 CNY; ' +
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
  });
});

describe('bad input', () => {
  it.each([
    ['alreadyGrantedFen', { alreadyGrantedFen: -1 }],
    ['remainingBudgetFen', { remainingBudgetFen: 0.5 }],
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
