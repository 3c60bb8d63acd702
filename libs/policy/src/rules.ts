/** Looking rules up in the table. Unknown ids are a typed 'not_found', never undefined. */
import { DomainError, invalid, notFound } from '@app/common/domain-error';
import type { FundedKind, FundingRule } from './funding-rule';
import { FUNDING_RULES } from './funding-rules.table';
import { assertFen, assertRateBp } from './money';

const BY_ID: ReadonlyMap<string, FundingRule> = new Map(FUNDING_RULES.map((rule) => [rule.id, rule]));
// Rules from the table are checked by its spec; only hand-made rules are validated per call.
const FROM_TABLE: ReadonlySet<FundingRule> = new Set(FUNDING_RULES);

export function findRule(id: string): FundingRule {
  const rule = typeof id === 'string' ? BY_ID.get(id) : undefined;
  if (!rule)
    throw notFound('policy.unknown_rule', `No funding rule has the id ${JSON.stringify(String(id))}`).withParams({
      id: String(id),
    });
  return rule;
}

export interface RuleFilter {
  /** The clause as printed ('四'), or its number (4 or '4'). */
  clause?: string | number;
  funds?: FundedKind | string;
}

/** Rules in table order, optionally filtered; a filter that matches nothing gives an empty list. */
export function listRules(filter: RuleFilter = {}): FundingRule[] {
  const { clause, funds } = filter;
  return FUNDING_RULES.filter(
    (rule) =>
      (clause === undefined || rule.clause === clause || String(rule.clauseNumber) === String(clause)) &&
      (funds === undefined || rule.funds === funds),
  );
}

/** Accepts a rule or its id; a rule not from the table is checked, so a bad one cannot yield a wrong number. */
export function resolveRule(rule: FundingRule | string): FundingRule {
  if (typeof rule === 'string') return findRule(rule);
  if (FROM_TABLE.has(rule)) return rule;
  if (typeof rule !== 'object' || rule === null || typeof rule.id !== 'string') {
    const message = 'rule must be a funding rule or a rule id';
    throw invalid('policy.invalid_rule', message, [{ field: 'rule', message }]);
  }
  try {
    if (rule.rateBp !== null) assertRateBp(rule.rateBp, 'rule.rateBp');
    if (rule.capFen !== null) assertFen(rule.capFen, 'rule.capFen');
    if ((rule.rateBp !== null || rule.rateSetting) && !rule.base) {
      const message = 'rule.base is required when the rule has a rate';
      throw invalid('policy.invalid_rule', message, [{ field: 'rule.base', message }]);
    }
    // A rule that sets no amount must say where it is decided, and carry no limit that would be ignored.
    if (rule.amountSet === false && (!rule.decidedBy || rule.rateBp !== null || rule.capFen !== null || rule.rateSetting)) {
      const message = 'a rule with amountSet false needs decidedBy and no rate, rate setting or cap';
      throw invalid('policy.invalid_rule', message, [{ field: 'rule.amountSet', message }]);
    }
  } catch (error) {
    if (error instanceof DomainError) throw invalid('policy.invalid_rule', error.message, error.fieldErrors);
    throw error;
  }
  return rule;
}
