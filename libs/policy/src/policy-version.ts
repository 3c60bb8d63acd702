/**
 * The policy as versioned law (clause 23 (二十三) evaluates and adjusts the measures; clause 24
 * (二十四) bounds them in time). A version is the rule table's numbers together with the settings
 * that shape them (the effective window, the project-manager-track ratio), frozen. A project is
 * judged for its whole life by the version it was awarded under: a setting changed later makes a
 * new version for new awards and never re-judges an existing project.
 *
 * Same content → same fingerprint → same version row, so restarting with unchanged settings
 * chooses the version already stored instead of making another. Pure: no framework, no I/O.
 */
import { createHash } from 'node:crypto';
import { notFound } from '@app/common/domain-error';
import type { BaseKey, FundingBase, FundingRule, PolicySettings, RateSetting } from './funding-rule';
import { FUNDING_RULES } from './funding-rules.table';
import { BEIJING_OFFSET_MS, effectiveWindow, policySettings } from './effective-window';
import { assertRequest, checkRequest, type CheckInput, type CheckResult } from './check';

/** One rule's numbers as a version holds them. */
export interface PolicyVersionRule {
  ruleId: string;
  clause: string;
  clauseNumber: number;
  baseKey: BaseKey | null;
  /** The rate in force: the rule's own, or the one the settings supplied (null: no rate). */
  rateBp: number | null;
  /** Where a rate the text does not state came from (e.g. 'pmMajorRateBp'); null for the text's own. */
  rateSetting: RateSetting | null;
  capFen: number | null;
  amountSet: boolean;
}

/** What a version is made of: everything that decides what a rule allows. */
export interface PolicyVersionContent {
  /** First and last Beijing calendar day in force, 'YYYY-MM-DD' (clause 24 (二十四)). */
  firstDay: string;
  lastDay: string;
  validityYears: number;
  pmMajorRateBp: number | null;
  rules: PolicyVersionRule[];
}

/** A stored version: its content, its fingerprint and the id projects refer to. */
export interface PolicyVersion extends PolicyVersionContent {
  id: string;
  fingerprint: string;
}

/** The version the settings and the rule table make now (rules in table order). */
export function versionContentOf(settings: PolicySettings, rules: readonly FundingRule[] = FUNDING_RULES): PolicyVersionContent {
  const window = effectiveWindow(settings);
  return {
    firstDay: window.firstDay,
    lastDay: window.lastDay,
    validityYears: settings.validityYears,
    pmMajorRateBp: settings.pmMajorRateBp,
    rules: rules.map((rule) => ({
      ruleId: rule.id,
      clause: rule.clause,
      clauseNumber: rule.clauseNumber,
      baseKey: rule.base?.key ?? null,
      rateBp: rule.rateBp ?? (rule.rateSetting === null ? null : settings[rule.rateSetting]),
      rateSetting: rule.rateBp === null ? rule.rateSetting : null,
      capFen: rule.capFen,
      amountSet: rule.amountSet,
    })),
  };
}

/**
 * SHA-256 (hex) of the content written with a fixed key order, so equal content always gives the
 * same fingerprint whatever order an object's keys were built in.
 */
export function versionFingerprint(content: PolicyVersionContent): string {
  const canonical = JSON.stringify([
    content.firstDay,
    content.lastDay,
    content.validityYears,
    content.pmMajorRateBp,
    content.rules.map((r) => [r.ruleId, r.clause, r.clauseNumber, r.baseKey, r.rateBp, r.rateSetting, r.capFen, r.amountSet]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The settings a version was made under (its first day at Beijing midnight; only the day counts). */
export function settingsOfVersion(version: PolicyVersionContent): PolicySettings {
  let settings = SETTINGS.get(version);
  if (!settings) {
    const effectiveFrom = new Date(Date.parse(`${version.firstDay}T00:00:00Z`) - BEIJING_OFFSET_MS);
    settings = policySettings({
      effectiveFrom,
      validityYears: version.validityYears,
      pmMajorRateBp: version.pmMajorRateBp,
    });
    SETTINGS.set(version, settings);
  }
  return settings;
}

/**
 * The rule as the version holds it: the table's words with the version's numbers. The rate is
 * fixed in the rule, so a setting read later can never supply another. A rule the table no
 * longer has keeps its numbers and is named by its id.
 */
export function ruleUnderVersion(version: PolicyVersionContent, ruleId: string): FundingRule {
  let byId = RULES.get(version);
  if (!byId) RULES.set(version, (byId = new Map()));
  const cached = byId.get(ruleId);
  if (cached) return cached;
  const held = version.rules.find((r) => r.ruleId === ruleId);
  if (!held) throw notFound('policy.rule_not_in_version', `The policy version holds no funding rule ${JSON.stringify(ruleId)}.`);
  const words = FUNDING_RULES.find((r) => r.id === ruleId) ?? wordsOf(held);
  const rule: FundingRule = Object.freeze({
    ...words,
    base: held.baseKey === null ? null : baseOf(held.baseKey, words.base),
    rateBp: held.rateBp,
    // Only a rule with no rate keeps its setting's name: the explanation then says none was set.
    rateSetting: held.rateBp === null ? held.rateSetting : null,
    capFen: held.capFen,
    amountSet: held.amountSet,
  });
  byId.set(ruleId, rule);
  return rule;
}

/** `checkRequest` under the version: its rule and its settings, never the current ones. */
export function checkUnderVersion(
  version: PolicyVersionContent,
  ruleId: string,
  input: Omit<CheckInput, 'settings'>,
): CheckResult {
  return checkRequest(ruleUnderVersion(version, ruleId), { ...input, settings: settingsOfVersion(version) });
}

/** `assertRequest` under the version (throws DomainError 'rule_violation', as assertRequest does). */
export function assertUnderVersion(
  version: PolicyVersionContent,
  ruleId: string,
  input: Omit<CheckInput, 'settings'>,
): CheckResult {
  return assertRequest(ruleUnderVersion(version, ruleId), { ...input, settings: settingsOfVersion(version) });
}

// Versions are immutable once built, so what is derived from one is computed once.
const SETTINGS = new WeakMap<PolicyVersionContent, PolicySettings>();
const RULES = new WeakMap<PolicyVersionContent, Map<string, FundingRule>>();

const BASE_WORDS: Record<BaseKey, FundingBase> = {
  total_investment: { key: 'total_investment', zh: '总投资', en: 'total investment' },
  operating_spend_2y: { key: 'operating_spend_2y', zh: '近两年投入运营经费', en: 'operating spend of the last two years' },
  audited_cost: { key: 'audited_cost', zh: '专项审计后确认费用', en: 'cost confirmed by a special audit' },
  sales_contract: { key: 'sales_contract', zh: '销售合同金额', en: 'sales contract amount' },
};

const baseOf = (key: BaseKey, fromTable: FundingBase | null): FundingBase =>
  fromTable?.key === key ? fromTable : BASE_WORDS[key];

function wordsOf(held: PolicyVersionRule): FundingRule {
  return {
    id: held.ruleId,
    clause: held.clause,
    clauseNumber: held.clauseNumber,
    title: { zh: held.ruleId, en: held.ruleId },
    funds: 'core_tech_project',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh: '',
    payment: 'not_stated',
    amountSet: held.amountSet,
    decidedBy: held.amountSet ? null : { zh: '本版本未存原文', en: 'the text is not held by this version' },
  };
}
