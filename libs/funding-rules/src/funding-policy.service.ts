import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@app/common/clock';
import {
  assertRequest,
  checkRequest,
  effectiveWindow,
  findRule,
  listRules,
  quote,
  type CheckInput,
  type CheckResult,
  type EffectiveWindow,
  type FundingRule,
  type PolicySettings,
  type Quote,
  type QuoteInput,
  type RuleFilter,
} from '@app/policy';
import { POLICY_SETTINGS } from './policy-settings.provider';

/** A quote input without the settings; `date` defaults to now (the injected Clock). */
export type PolicyQuoteInput = Omit<QuoteInput, 'settings' | 'date'> & { date?: Date };

/** A check input without the settings; `date` defaults to now (the injected Clock). */
export type PolicyCheckInput = Omit<CheckInput, 'settings' | 'date'> & { date?: Date };

/**
 * The funding-policy engine (`@app/policy`) with the configured settings and clock filled in. This
 * is what bids, awards and disbursements inject to decide what a rule allows:
 *
 *   this.fundingPolicy.assertRequest('art4.core_tech', { baseFen, requestedFen, alreadyGrantedFen, remainingBudgetFen });
 *
 * - `quote`          the largest amount allowed now, which limit binds, and why (zh/en).
 * - `checkRequest`   every violation of a requested amount (never throws for a broken rule).
 * - `assertRequest`  like checkRequest, but throws DomainError('rule_violation', 'policy.<code>') → 422.
 * The challenge's ceilings are two inputs, each named as itself in messages: `maxAwardFen` (its
 * per-award maximum) and `remainingBudgetFen` (what is left of its budget).
 * Bad input (unknown rule id, amounts that are not safe non-negative integers of fen, a missing base
 * for a rule with a rate) throws DomainError 'not_found' / 'invalid' → 404 / 400. The decision date
 * defaults to now; pass the decision's own date when judging a past decision.
 */
@Injectable()
export class FundingPolicy {
  constructor(
    @Inject(POLICY_SETTINGS) readonly settings: PolicySettings,
    private readonly clock: Clock,
  ) {}

  quote(rule: FundingRule | string, input: PolicyQuoteInput): Quote {
    return quote(rule, this.complete(input));
  }

  checkRequest(rule: FundingRule | string, input: PolicyCheckInput): CheckResult {
    return checkRequest(rule, this.complete(input));
  }

  assertRequest(rule: FundingRule | string, input: PolicyCheckInput): CheckResult {
    return assertRequest(rule, this.complete(input));
  }

  /** The rule with this id; DomainError 'not_found' (404) for an unknown id. */
  rule(id: string): FundingRule {
    return findRule(id);
  }

  rules(filter: RuleFilter = {}): FundingRule[] {
    return listRules(filter);
  }

  /** "Now" by the injected clock: the decision date when a caller gives none. */
  now(): Date {
    return this.clock.now();
  }

  /** The days the measures are in force (Beijing calendar days, inclusive). */
  window(): EffectiveWindow {
    return effectiveWindow(this.settings);
  }

  /** The rate a rule applies: its own, or the one the settings supply (project-manager track). */
  rateBpOf(rule: FundingRule): number | null {
    return rule.rateBp ?? (rule.rateSetting === null ? null : this.settings[rule.rateSetting]);
  }

  private complete<T extends { date?: Date }>(input: T): T & { settings: PolicySettings; date: Date } {
    return { ...input, settings: this.settings, date: input?.date ?? this.now() };
  }
}
