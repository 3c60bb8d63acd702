/**
 * The public API of the funding-policy engine. Pure: no framework, no I/O. Bids, awards and
 * disbursements call `checkRequest` / `assertRequest` and nothing else to decide what a rule allows.
 */
export type {
  BaseKey,
  FundedKind,
  FundingBase,
  FundingRule,
  LocalizedText,
  PaymentMode,
  PolicySettings,
  RateSetting,
} from './funding-rule';
export { FUNDING_RULES, type FundingRuleId } from './funding-rules.table';
export { findRule, listRules, type RuleFilter } from './rules';
export {
  BEIJING_OFFSET_MS,
  beijingDate,
  DEFAULT_VALIDITY_YEARS,
  effectiveWindow,
  isInForce,
  policySettings,
  type EffectiveWindow,
  type PolicySettingsInput,
} from './effective-window';
export { quote, type Binding, type Quote, type QuoteInput } from './quote';
export { assertRequest, checkRequest, type CheckInput, type CheckResult, type Violation, type ViolationCode } from './check';
export { assertFen, BP_DENOMINATOR, formatCny, formatRate, percentOf, type InvalidAmountReason } from './money';
export {
  assertUnderVersion,
  checkUnderVersion,
  ruleUnderVersion,
  settingsOfVersion,
  versionContentOf,
  versionFingerprint,
  type PolicyVersion,
  type PolicyVersionContent,
  type PolicyVersionRule,
} from './policy-version';
export { awardWindowError } from './award-window';
