/**
 * Checking a request against a rule. This is what bids, awards and disbursements call, so that no
 * caller ever does cap arithmetic itself. Every violated limit is reported, not only the first.
 */
import { ruleViolation } from '@app/common/domain-error';
import type { FundingRule, LocalizedText } from './funding-rule';
import { beijingDate, effectiveWindow } from './effective-window';
import { formatCny, formatRate } from './money';
import { BEIJING_DAYS, clauseRef, evaluate, MAX_AWARD, QuoteResult, type Quote, type QuoteInput } from './quote';

export type ViolationCode =
  'rate_exceeded' | 'cap_exceeded' | 'max_award_exceeded' | 'budget_exceeded' | 'not_in_force' | 'amount_not_set';

export interface Violation {
  code: ViolationCode;
  /**
   * The limit broken: the rate limit or the cap on the project's total (before subtracting what was
   * already granted), the per-award maximum, the remaining budget, or 0 when the rule is not in
   * force or sets no amount (nothing can be granted under it by these measures).
   */
  limitFen: number;
  /** How much of the request lies beyond what that limit still leaves for this project. */
  exceededByFen: number;
  /** Built on first read (a getter, like Quote.explanation; JSON.stringify includes it). */
  readonly message: LocalizedText;
}

export interface CheckInput extends Omit<QuoteInput, 'requestedFen'> {
  /** The new amount asked for now (one award, one tranche), fen. */
  requestedFen: number;
}

export interface CheckResult {
  /**
   * True exactly when the rule is in force, sets an amount, and requestedFen ≤ allowedFen (or
   * allowedFen is null because nothing limits it). A rule that sets no amount never passes: the
   * engine cannot judge an amount these measures leave to other policies.
   */
  ok: boolean;
  allowedFen: number | null;
  requestedFen: number;
  /**
   * Every violation: not_in_force first, then amount_not_set, then rate and cap with the tighter
   * limit first (rate on a tie), then the per-award maximum, then the budget. The first one names
   * the error `assertRequest` throws.
   */
  violations: Violation[];
  quote: Quote;
}

const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

export function checkRequest(rule: FundingRule | string, input: CheckInput): CheckResult {
  const q = evaluate(rule, input, input?.requestedFen, true);
  const requested = input.requestedFen;

  // Each limit is on the project's total, so compare the new amount with what the limit still
  // leaves, max(0, limit − already): subtract, never add, so nothing can overflow. A request of 0
  // adds nothing and never breaks a limit, even for a project already granted past it.
  const already = q.alreadyGrantedFen;
  const rateOver = q.rateLimitFen !== null && requested > 0 && requested > q.rateLimitFen - already;
  const capOver = q.capFen !== null && requested > 0 && requested > q.capFen - already;
  // The challenge's ceilings apply to this one grant, not to the project's total under the rule.
  // Neither is judged for a rule that sets no amount: there is nothing they could bound.
  const maxAwardOver = q.amountSet && q.maxAwardFen !== null && requested > q.maxAwardFen;
  const budgetOver = q.amountSet && q.remainingBudgetFen !== null && requested > q.remainingBudgetFen;

  let violations = NO_VIOLATIONS as Violation[];
  if (!q.inForce || !q.amountSet || rateOver || capOver || maxAwardOver || budgetOver) {
    violations = [];
    if (!q.inForce) violations.push(new ViolationResult(q, requested, 'not_in_force', 0));
    if (!q.amountSet) violations.push(new ViolationResult(q, requested, 'amount_not_set', 0));
    const rate = rateOver ? new ViolationResult(q, requested, 'rate_exceeded', q.rateLimitFen as number) : null;
    const cap = capOver ? new ViolationResult(q, requested, 'cap_exceeded', q.capFen as number) : null;
    if (rate && cap && cap.limitFen < rate.limitFen) violations.push(cap, rate);
    else {
      if (rate) violations.push(rate);
      if (cap) violations.push(cap);
    }
    if (maxAwardOver) violations.push(new ViolationResult(q, requested, 'max_award_exceeded', q.maxAwardFen as number));
    if (budgetOver) violations.push(new ViolationResult(q, requested, 'budget_exceeded', q.remainingBudgetFen as number));
  }
  return { ok: violations.length === 0, allowedFen: q.allowedFen, requestedFen: requested, violations, quote: q };
}

/**
 * Like `checkRequest`, but a broken rule throws DomainError('rule_violation', 'policy.<first code>')
 * whose details carry the whole reasoning: {rule, baseFen, rateBp, capFen, allowedFen, requestedFen,
 * violations, …}. Returns the (passing) result otherwise.
 */
export function assertRequest(rule: FundingRule | string, input: CheckInput): CheckResult {
  const result = checkRequest(rule, input);
  if (result.ok) return result;
  const q = result.quote;
  // Plain objects: details go into problem+json bodies and logs as they are.
  const violations = result.violations.map(({ code, limitFen, exceededByFen, message }) => ({
    code,
    limitFen,
    exceededByFen,
    message,
  }));
  throw ruleViolation(`policy.${violations[0].code}`, violations[0].message.en, {
    rule: q.ruleId,
    baseFen: q.baseFen,
    rateBp: q.rateBp,
    rateLimitFen: q.rateLimitFen,
    capFen: q.capFen,
    alreadyGrantedFen: q.alreadyGrantedFen,
    maxAwardFen: q.maxAwardFen,
    remainingBudgetFen: q.remainingBudgetFen,
    amountSet: q.amountSet,
    allowedFen: result.allowedFen,
    requestedFen: result.requestedFen,
    date: input.date.toISOString(),
    violations,
    explanation: q.explanation,
  });
}

/** A class with a prototype getter, like QuoteResult: the message is only built when read. */
class ViolationResult implements Violation {
  readonly exceededByFen: number;
  readonly #quote: QuoteResult;
  readonly #requestedFen: number;
  #message: LocalizedText | undefined;

  constructor(
    q: QuoteResult,
    requestedFen: number,
    readonly code: ViolationCode,
    readonly limitFen: number,
  ) {
    // What the limit still leaves for this project; the request's excess is measured against it.
    const left =
      code === 'not_in_force' || code === 'amount_not_set'
        ? 0
        : code === 'budget_exceeded' || code === 'max_award_exceeded'
          ? limitFen
          : Math.max(0, limitFen - q.alreadyGrantedFen);
    this.exceededByFen = requestedFen - left;
    this.#quote = q;
    this.#requestedFen = requestedFen;
  }

  get message(): LocalizedText {
    return (this.#message ??= violationMessage(this.#quote, this.#requestedFen, this.code, this.limitFen, this.exceededByFen));
  }

  toJSON(): { code: ViolationCode; limitFen: number; exceededByFen: number; message: LocalizedText } {
    return { code: this.code, limitFen: this.limitFen, exceededByFen: this.exceededByFen, message: this.message };
  }
}

function violationMessage(
  ev: QuoteResult,
  requested: number,
  code: ViolationCode,
  limitFen: number,
  over: number,
): LocalizedText {
  const { rule, settings, date } = QuoteResult.context(ev);
  const ref = clauseRef(rule);
  const req = formatCny(requested);
  const already = ev.alreadyGrantedFen;
  const alreadyZh = already > 0 ? `，其中已资助 ${formatCny(already)} 元` : '';
  const alreadyEn = already > 0 ? `, of which ${formatCny(already)} CNY has already been granted` : '';
  switch (code) {
    case 'not_in_force': {
      const w = effectiveWindow(settings);
      const day = beijingDate(date);
      return {
        zh: `${ref.zh}在 ${day} 不在有效期内（有效期 ${w.firstDay} 至 ${w.lastDay}，${BEIJING_DAYS.zh}），不能依本条资助。`,
        en: `${capitalise(ref.en)} is not in force on ${day} (in force ${w.firstDay} to ${w.lastDay}, ${BEIJING_DAYS.en}); nothing can be granted under it.`,
      };
    }
    case 'amount_not_set': {
      const decided = rule.decidedBy as LocalizedText;
      return {
        zh: `本措施未规定${ref.zh}（${rule.title.zh}）的资助金额：${decided.zh}；不能依本措施判断申请 ${req} 元。`,
        en: `These measures set no amount for ${rule.title.en} under ${ref.en} (${decided.en}), so the request of ${req} CNY cannot be judged by them.`,
      };
    }
    case 'rate_exceeded': {
      const rate = formatRate(ev.rateBp as number);
      const base = formatCny(ev.baseFen as number);
      return {
        zh: `申请 ${req} 元超出比例限额 ${formatCny(over)} 元：${rule.base?.zh} ${base} 元的 ${rate} 为 ${formatCny(limitFen)} 元${alreadyZh}。`,
        en: `The request of ${req} CNY exceeds the rate limit by ${formatCny(over)} CNY: ${rate} of the ${rule.base?.en} ${base} CNY is ${formatCny(limitFen)} CNY${alreadyEn}.`,
      };
    }
    case 'cap_exceeded':
      return {
        zh: `申请 ${req} 元超出上限 ${formatCny(over)} 元：${ref.zh}对${rule.title.zh}的资助上限为 ${formatCny(limitFen)} 元${alreadyZh}。`,
        en: `The request of ${req} CNY exceeds the cap by ${formatCny(over)} CNY: the cap for ${rule.title.en} under ${ref.en} is ${formatCny(limitFen)} CNY${alreadyEn}.`,
      };
    // The request, the ceiling and the excess each get their own noun: "超出榜单剩余预算 N 元" alone
    // reads either as "exceeds the budget of N" or "exceeds the budget by N".
    case 'max_award_exceeded':
      return {
        zh: `申请 ${req} 元超出${MAX_AWARD.zh}：该最高额为 ${formatCny(limitFen)} 元，申请比它多 ${formatCny(over)} 元。`,
        en: `The request of ${req} CNY exceeds the challenge's ${MAX_AWARD.en} of ${formatCny(limitFen)} CNY by ${formatCny(over)} CNY.`,
      };
    case 'budget_exceeded':
      return {
        zh: `申请 ${req} 元超出榜单剩余预算：剩余预算为 ${formatCny(limitFen)} 元，申请比它多 ${formatCny(over)} 元。`,
        en: `The request of ${req} CNY exceeds the challenge's remaining budget of ${formatCny(limitFen)} CNY by ${formatCny(over)} CNY.`,
      };
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
