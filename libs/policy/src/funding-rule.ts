/**
 * The shape of a funding rule from the policy text. Every rule reads: a new grant may not take the
 * project's total under the rule above min(rate × base, cap); a rule may lack the rate, the cap,
 * or both. The rules themselves live as data in `funding-rules.table.ts`.
 */

/** A bilingual text. English noun phrases are lower-case so they read inside a sentence. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** How the money is paid, as the text or the product defines it. */
export type PaymentMode =
  | 'milestone' // by stage or milestone tranche (clause 四)
  | 'grant' // a grant decided up front
  | 'after_the_fact' // 事后补助 / 事后资助: reimburses spending already made and audited
  | 'after_publication'; // paid once the standard has been publicly published (clause 十六)

/** The amount a rate is applied to. */
export type BaseKey = 'total_investment' | 'operating_spend_2y' | 'audited_cost' | 'sales_contract';

export interface FundingBase extends LocalizedText {
  key: BaseKey;
}

/** What a rule funds (filterable). */
export type FundedKind =
  | 'hk_macao_programme_project'
  | 'core_tech_project'
  | 'pm_major_project'
  | 'key_lab_or_centre'
  | 'incubator'
  | 'maker_space'
  | 'testing_verification'
  | 'first_purchase'
  | 'international_standard'
  | 'national_standard'
  | 'industry_standard'
  | 'testing_certification_platform'
  | 'standardisation_platform'
  | 'park_operator';

/** A policy setting that may supply a rule's rate when the text states none. */
export type RateSetting = 'pmMajorRateBp';

export interface FundingRule {
  /** Stable id, `art<clause number>.<name>`; stored by bids, awards and disbursements. */
  readonly id: string;
  /** Clause numeral as printed in the text, e.g. '四' for （四）. */
  readonly clause: string;
  readonly clauseNumber: number;
  readonly title: LocalizedText;
  readonly funds: FundedKind;
  /** What the rate applies to; null when the limit is a fixed cap only. */
  readonly base: FundingBase | null;
  /** Rate in basis points (5000 = 50%); null when the text states none. */
  readonly rateBp: number | null;
  /** Cap per project (per item) in fen; null when the text states none. */
  readonly capFen: number | null;
  /**
   * When `rateBp` is null, the policy setting that may supply the rate instead (clause 四's
   * project-manager track: the text gives no ratio, so it is configuration, default none).
   */
  readonly rateSetting: RateSetting | null;
  /** The limit in the words of the policy text, verbatim, so a reviewer can check the numbers. */
  readonly limitTextZh: string;
  readonly payment: PaymentMode;
}

/** Policy-wide configuration. Build it with `policySettings()`, which validates and fills defaults. */
export interface PolicySettings {
  /**
   * First day the measures apply (clause 二十四: "自2023年X月X日起实施" — the draft leaves the date
   * blank, so it is configuration). Only its UTC calendar day counts; see `effective-window.ts`.
   */
  readonly effectiveFrom: Date;
  /** Clause 二十四: "有效期5年". */
  readonly validityYears: number;
  /** Ratio for the project-manager track (art4.pm_major), in basis points; null = no ratio (default). */
  readonly pmMajorRateBp: number | null;
}
