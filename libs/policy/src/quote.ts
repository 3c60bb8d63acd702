/**
 * The one function that decides what a rule allows: given a rule, a base and a decision date, the
 * largest new amount that may be granted now, which limit binds, and why (in Chinese and English).
 */
import { invalid } from '@app/common/domain-error';
import type { FundingRule, LocalizedText, PolicySettings } from './funding-rule';
import { assertDate, assertSettings, beijingDate, effectiveWindow, isInForceUnchecked } from './effective-window';
import { assertFen, formatCny, formatRate, percentOfUnchecked } from './money';
import { resolveRule } from './rules';

/**
 * Which limit sets `allowedFen`:
 * - 'rate'   the rate limit (rate × base) is below the cap, or there is no cap;
 * - 'cap'    the cap is below the rate limit, or there is no rate;
 * - 'both'   rate limit and cap are equal;
 * - 'max_award' the challenge's per-award maximum is strictly below what the rule still allows
 *            (on a tie the rule is named: the law, not the challenge, is the reason);
 * - 'budget' the challenge's remaining budget is strictly below both of those (on a tie with the
 *            per-award maximum, the maximum is named: it is the ceiling the challenge set on purpose);
 * - 'none'   the rule has neither rate nor cap and no ceiling was given: nothing limits the amount;
 * - 'not_set' the clause funds but these measures set no amount (`amountSet: false`): no amount is
 *            quoted, and the explanation says where it is decided;
 * - 'window' the decision date is outside the effective window: nothing may be granted.
 */
export type Binding = 'rate' | 'cap' | 'both' | 'none' | 'max_award' | 'budget' | 'not_set' | 'window';

export interface QuoteInput {
  /** The base the rate applies to (e.g. total investment), fen. Optional for rules without a rate. */
  baseFen?: number | null;
  /** The decision date; the rule is judged as in force on its Beijing calendar day. */
  date: Date;
  /** What this project has already been granted under the same rule (stages and tranches add up). */
  alreadyGrantedFen?: number | null;
  /**
   * The challenge's per-award maximum (maxAwardFen): a ceiling the challenge sets on one award or one
   * bid's request, separate from the rule and from the budget, and named as such in messages.
   */
  maxAwardFen?: number | null;
  /** What is left of the challenge's budget; a separate ceiling on this grant. */
  remainingBudgetFen?: number | null;
  /** Only used to word the explanation ("Requested …"); `checkRequest` does the judging. */
  requestedFen?: number | null;
  settings: PolicySettings;
}

export interface Quote {
  ruleId: string;
  inForce: boolean;
  /**
   * False when the clause funds without these measures setting an amount: `allowedFen` is then null
   * in force (binding 'not_set'), and base, rate, cap and ceilings are not applied.
   */
  amountSet: boolean;
  /**
   * The largest new amount allowed now: min(rate limit, cap) − alreadyGranted, no more than the
   * per-award maximum and the remaining budget, never negative; 0 outside the window; null when
   * nothing limits it (binding 'none') or the measures set no amount (binding 'not_set').
   */
  allowedFen: number | null;
  binding: Binding;
  /** The base used, or null when the rule applies no rate. */
  baseFen: number | null;
  /** The rate applied (from the rule, or from the settings for the project-manager track). */
  rateBp: number | null;
  /** floor(base × rate / 10000), or null without a rate. This is a limit on the project's total. */
  rateLimitFen: number | null;
  /** The rule's cap on the project's total, or null. */
  capFen: number | null;
  alreadyGrantedFen: number;
  maxAwardFen: number | null;
  remainingBudgetFen: number | null;
  /**
   * Built on first read, so checks on the hot path do not pay for strings nobody reads. It is a
   * getter: JSON.stringify includes it (via toJSON), object spread does not.
   */
  readonly explanation: LocalizedText;
}

export function quote(rule: FundingRule | string, input: QuoteInput): Quote {
  return evaluate(rule, input, input?.requestedFen, false);
}

/** The validated inputs every rule needs, whether or not it sets an amount. */
interface CheckedInputs {
  settings: PolicySettings;
  date: Date;
  already: number;
  maxAward: number | null;
  budget: number | null;
  requested: number | null;
  inForce: boolean;
}

function checkedInputs(input: QuoteInput, requestedFen: unknown, requestedRequired: boolean): CheckedInputs {
  if (typeof input !== 'object' || input === null) {
    throw invalid('policy.invalid_input', 'input must be an object', [{ field: 'input', message: 'required' }]);
  }
  const { settings, date } = input;
  assertSettings(settings);
  assertDate(date, 'date');
  const already = input.alreadyGrantedFen ?? 0;
  assertFen(already, 'alreadyGrantedFen');
  const maxAward = input.maxAwardFen ?? null;
  if (maxAward !== null) assertFen(maxAward, 'maxAwardFen');
  const budget = input.remainingBudgetFen ?? null;
  if (budget !== null) assertFen(budget, 'remainingBudgetFen');
  if (requestedRequired || requestedFen != null) assertFen(requestedFen, 'requestedFen');
  const requested = (requestedFen ?? null) as number | null;
  return { settings, date, already, maxAward, budget, requested, inForce: isInForceUnchecked(date, settings) };
}

/** The rate's limit on the project's total (floor(base × rate)), or nulls when the rule applies no rate. */
function rateLimitOf(
  rule: FundingRule,
  settings: PolicySettings,
  base: number | null | undefined,
): { baseFen: number | null; rateBp: number | null; rateLimitFen: number | null } {
  const rateBp = rule.rateBp ?? (rule.rateSetting === null ? null : settings[rule.rateSetting]);
  const baseFen = base ?? null;
  if (rateBp === null) {
    if (baseFen !== null) assertFen(baseFen, 'baseFen'); // fixed caps ignore the base, but a bad one is still refused
    return { baseFen: null, rateBp: null, rateLimitFen: null };
  }
  if (baseFen === null) {
    // Required: a rate needs something to apply to.
    const message = `baseFen is required: ${rule.id} limits the grant to ${formatRate(rateBp)} of the ${rule.base?.en ?? 'base'}`;
    throw invalid('policy.invalid_amount', message, [{ field: 'baseFen', message }], { field: 'baseFen', reason: 'missing' });
  }
  assertFen(baseFen, 'baseFen');
  return { baseFen, rateBp, rateLimitFen: percentOfUnchecked(baseFen, rateBp) };
}

/** The rule's limit on the project's total, and which side of it binds. */
function ruleLimitOf(rateLimitFen: number | null, capFen: number | null): { ruleLimit: number | null; binding: Binding } {
  if (rateLimitFen === null) return { ruleLimit: capFen, binding: capFen === null ? 'none' : 'cap' };
  if (capFen === null || rateLimitFen < capFen) return { ruleLimit: rateLimitFen, binding: 'rate' };
  return { ruleLimit: capFen, binding: rateLimitFen === capFen ? 'both' : 'cap' };
}

/** What is left under the rule after earlier grants, narrowed by the per-award maximum, the budget and the window. */
function allowedUnder(
  ruleLimit: number | null,
  ruleBinding: Binding,
  c: CheckedInputs,
): { allowedFen: number | null; binding: Binding } {
  // Subtraction of two safe non-negative integers cannot overflow.
  let allowedFen = ruleLimit === null ? null : ruleLimit > c.already ? ruleLimit - c.already : 0;
  let binding = ruleBinding;
  if (c.maxAward !== null && (allowedFen === null || c.maxAward < allowedFen)) {
    allowedFen = c.maxAward;
    binding = 'max_award';
  }
  if (c.budget !== null && (allowedFen === null || c.budget < allowedFen)) {
    allowedFen = c.budget;
    binding = 'budget';
  }
  if (!c.inForce) return { allowedFen: 0, binding: 'window' };
  return { allowedFen, binding };
}

/**
 * Validates the input and computes every number; throws DomainError 'invalid' on bad input.
 * `requestedFen` is validated here too (required for a check) so the explanation can mention it.
 */
export function evaluate(
  ruleOrId: FundingRule | string,
  input: QuoteInput,
  requestedFen: unknown,
  requestedRequired: boolean,
): QuoteResult {
  const rule = resolveRule(ruleOrId);
  const c = checkedInputs(input, requestedFen, requestedRequired);
  if (rule.amountSet === false) {
    // Nothing here to compute: the amount is decided elsewhere (rule.decidedBy). The inputs were
    // still validated, so a bad one is refused the same way for every rule.
    if (input.baseFen != null) assertFen(input.baseFen, 'baseFen');
    const binding: Binding = c.inForce ? 'not_set' : 'window';
    return resultOf(rule, c, c.inForce ? null : 0, binding, { baseFen: null, rateBp: null, rateLimitFen: null });
  }
  const rate = rateLimitOf(rule, c.settings, input.baseFen);
  const limit = ruleLimitOf(rate.rateLimitFen, rule.capFen);
  const { allowedFen, binding } = allowedUnder(limit.ruleLimit, limit.binding, c);
  return resultOf(rule, c, allowedFen, binding, rate);
}

function resultOf(
  rule: FundingRule,
  c: CheckedInputs,
  allowedFen: number | null,
  binding: Binding,
  rate: { baseFen: number | null; rateBp: number | null; rateLimitFen: number | null },
): QuoteResult {
  return new QuoteResult(
    rule,
    c.settings,
    c.date,
    c.requested,
    c.inForce,
    allowedFen,
    binding,
    rate.baseFen,
    rate.rateBp,
    rate.rateLimitFen,
    c.already,
    c.maxAward,
    c.budget,
  );
}

/**
 * A quote as a class rather than a literal with a getter: checks run a million times a second, and
 * a prototype getter costs nothing until read. `toJSON` puts `explanation` in serialised output.
 * The rule, settings and date stay private so the public shape is exactly `Quote`.
 */
export class QuoteResult implements Quote {
  readonly ruleId: string;
  readonly amountSet: boolean;
  readonly capFen: number | null;
  readonly #rule: FundingRule;
  readonly #settings: PolicySettings;
  readonly #date: Date;
  readonly #requestedFen: number | null;
  #explanation: LocalizedText | undefined;

  constructor(
    rule: FundingRule,
    settings: PolicySettings,
    date: Date,
    requestedFen: number | null,
    readonly inForce: boolean,
    readonly allowedFen: number | null,
    readonly binding: Binding,
    readonly baseFen: number | null,
    readonly rateBp: number | null,
    readonly rateLimitFen: number | null,
    readonly alreadyGrantedFen: number,
    readonly maxAwardFen: number | null,
    readonly remainingBudgetFen: number | null,
  ) {
    this.ruleId = rule.id;
    this.amountSet = rule.amountSet !== false; // as evaluate() reads it
    this.capFen = rule.capFen;
    this.#rule = rule;
    this.#settings = settings;
    this.#date = date;
    this.#requestedFen = requestedFen;
  }

  get explanation(): LocalizedText {
    return (this.#explanation ??= explain(this, this.#requestedFen));
  }

  toJSON(): Omit<Quote, 'explanation'> & { explanation: LocalizedText } {
    const { ruleId, inForce, amountSet, allowedFen, binding, baseFen, rateBp, rateLimitFen, capFen } = this;
    const { alreadyGrantedFen, maxAwardFen, remainingBudgetFen, explanation } = this;
    return {
      ruleId,
      inForce,
      amountSet,
      allowedFen,
      binding,
      baseFen,
      rateBp,
      rateLimitFen,
      capFen,
      alreadyGrantedFen,
      maxAwardFen,
      remainingBudgetFen,
      explanation,
    };
  }

  /** For explanations and violation messages in this library; not part of the public shape. */
  static context(q: QuoteResult): { rule: FundingRule; settings: PolicySettings; date: Date } {
    return { rule: q.#rule, settings: q.#settings, date: q.#date };
  }
}

const cny = formatCny;

/**
 * Clause reference as a person would say it: an English reader gets the number, with the numeral as
 * printed in brackets so it can still be found in the Chinese text.
 */
export const clauseRef = (rule: FundingRule): LocalizedText => ({
  zh: `第（${rule.clause}）条`,
  en: `clause ${rule.clauseNumber} (${rule.clause})`,
});

/** How the window's days are named in explanations: the reader must know they are not UTC days. */
export const BEIJING_DAYS: LocalizedText = { zh: '北京时间', en: 'Beijing time, Asia/Shanghai' };

/** The readable reasoning behind a quote: each limit, what was granted, what binds, the verdict. */
function explain(ev: QuoteResult, requestedFen: number | null): LocalizedText {
  const { rule, settings, date } = QuoteResult.context(ev);
  const ref = clauseRef(rule);
  const zh: string[] = [];
  const en: string[] = [];
  if (requestedFen !== null) {
    zh.push(`申请 ${cny(requestedFen)} 元`);
    en.push(`Requested ${cny(requestedFen)} CNY`);
  }
  if (!ev.inForce) {
    const w = effectiveWindow(settings);
    zh.push(
      `本措施有效期为 ${w.firstDay} 至 ${w.lastDay}（${BEIJING_DAYS.zh}），决定日期 ${beijingDate(date)} 不在有效期内，不能依${ref.zh}予以资助`,
    );
    en.push(
      `the measures are in force from ${w.firstDay} to ${w.lastDay} (${BEIJING_DAYS.en}) and the decision date ` +
        `${beijingDate(date)} is outside that window, so nothing can be granted under ${ref.en}`,
    );
    return finish(zh, en);
  }
  if (rule.amountSet === false && rule.decidedBy) {
    zh.push(`本措施未规定${ref.zh}（${rule.title.zh}）的资助金额：${rule.decidedBy.zh}`, '此处不给出可资助金额');
    en.push(
      `these measures set no amount for ${rule.title.en} under ${ref.en}: ${rule.decidedBy.en}`,
      'no amount can be quoted here',
    );
    return finish(zh, en);
  }
  if (ev.capFen !== null) {
    zh.push(`${ref.zh}对${rule.title.zh}的资助上限为 ${cny(ev.capFen)} 元`);
    en.push(`the cap for ${rule.title.en} under ${ref.en} is ${cny(ev.capFen)} CNY`);
  }
  if (ev.rateBp !== null && ev.rateLimitFen !== null && ev.baseFen !== null && rule.base) {
    const rate = formatRate(ev.rateBp);
    zh.push(`${rule.base.zh} ${cny(ev.baseFen)} 元的 ${rate} 为 ${cny(ev.rateLimitFen)} 元`);
    en.push(`${rate} of the ${rule.base.en} ${cny(ev.baseFen)} CNY would be ${cny(ev.rateLimitFen)} CNY`);
  } else if (rule.rateSetting !== null) {
    zh.push('原文未规定资助比例，配置亦未设定比例');
    en.push('the text states no ratio and the settings set none');
  } else if (ev.capFen === null) {
    zh.push(`${ref.zh}既未规定比例，也未规定上限`);
    en.push(`${ref.en} states neither a ratio nor a cap`);
  }
  const ruleLimit =
    ev.rateLimitFen === null ? ev.capFen : ev.capFen === null ? ev.rateLimitFen : Math.min(ev.rateLimitFen, ev.capFen);
  if (ev.alreadyGrantedFen > 0) {
    const left = ruleLimit === null ? null : Math.max(0, ruleLimit - ev.alreadyGrantedFen);
    zh.push(`该项目已依本条获资助 ${cny(ev.alreadyGrantedFen)} 元${left === null ? '' : `，尚余 ${cny(left)} 元`}`);
    en.push(
      `${cny(ev.alreadyGrantedFen)} CNY has already been granted to this project under this rule` +
        (left === null ? '' : `, leaving ${cny(left)} CNY`),
    );
  }
  if (ev.maxAwardFen !== null) {
    zh.push(`${MAX_AWARD.zh}为 ${cny(ev.maxAwardFen)} 元`);
    en.push(`the challenge's ${MAX_AWARD.en} is ${cny(ev.maxAwardFen)} CNY`);
  }
  if (ev.remainingBudgetFen !== null) {
    zh.push(`榜单剩余预算为 ${cny(ev.remainingBudgetFen)} 元`);
    en.push(`the challenge's remaining budget is ${cny(ev.remainingBudgetFen)} CNY`);
  }
  zh.push(BINDING_TEXT[ev.binding].zh);
  en.push(BINDING_TEXT[ev.binding].en);
  if (ev.allowedFen !== null) {
    const over = requestedFen === null ? null : requestedFen - ev.allowedFen;
    zh.push(
      `目前最多可资助 ${cny(ev.allowedFen)} 元` + (over === null ? '' : over > 0 ? `，申请超出 ${cny(over)} 元` : '，申请未超出'),
    );
    en.push(
      `at most ${cny(ev.allowedFen)} CNY can be granted now` +
        (over === null ? '' : over > 0 ? `, so the request exceeds it by ${cny(over)} CNY` : ', so the request is within it'),
    );
  }
  return finish(zh, en);
}

/** The challenge's per-award maximum, as messages name it (never "budget": it is a different ceiling). */
export const MAX_AWARD: LocalizedText = { zh: '榜单单个项目最高资助额', en: 'per-award maximum' };

const BINDING_TEXT: Record<Binding, LocalizedText> = {
  rate: { zh: '比例限额起约束作用', en: 'the rate limit binds' },
  cap: { zh: '上限起约束作用', en: 'the cap binds' },
  both: { zh: '比例限额与上限相等，二者同时起约束作用', en: 'the rate limit and the cap are equal, so both bind' },
  max_award: { zh: '榜单单个项目最高资助额起约束作用', en: 'the per-award maximum binds' },
  budget: { zh: '榜单剩余预算起约束作用', en: 'the remaining budget binds' },
  none: { zh: '本条对金额没有限制', en: 'nothing in this rule limits the amount' },
  not_set: { zh: '本措施未规定金额', en: 'these measures set no amount' },
  window: { zh: '不在有效期内', en: 'the rule is not in force' },
};

function finish(zh: string[], en: string[]): LocalizedText {
  const sentence = en.join('; ');
  return { zh: `${zh.join('；')}。`, en: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.` };
}
