/**
 * The shape of a funding rule from the policy text. Every rule that sets an amount reads: a new grant
 * may not take the project's total under the rule above min(rate × base, cap); a rule may lack the
 * rate or the cap. A clause may also fund without setting any amount ("按相关政策予以资助"): it is
 * listed too (`amountSet: false`), so the table holds every clause that funds, and a quote says where
 * the amount is decided instead of inventing one. The rules live as data in `funding-rules.table.ts`.
 */

/** A bilingual text. English noun phrases are lower-case so they read inside a sentence. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** How the money is paid, as the text or the product defines it. */
export type PaymentMode =
  | 'milestone' // by stage or milestone tranche (clause 4 (四))
  | 'grant' // a grant decided up front
  | 'after_the_fact' // 事后补助 / 事后资助: reimburses spending already made and audited
  | 'after_publication' // paid once the standard has been publicly published (clause 16 (十六))
  | 'not_stated'; // the text says nothing of how (a clause that sets no amount either)

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
  | 'park_operator'
  // Funded by the clause, with no amount set by these measures:
  | 'national_programme_matching'
  | 'national_platform'
  | 'research_infrastructure'
  | 'high_tech_enterprise'
  | 'approved_event'
  | 'themed_event'
  | 'journal_association_think_tank'
  | 'park_district_matching';

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
   * When `rateBp` is null, the policy setting that may supply the rate instead (clause 4 (四)'s
   * project-manager track: the text gives no ratio, so it is configuration, default none).
   */
  readonly rateSetting: RateSetting | null;
  /**
   * The limit in the words of the policy text, verbatim, so a reviewer can check the numbers; for a
   * rule that sets no amount, the words that grant the support.
   */
  readonly limitTextZh: string;
  readonly payment: PaymentMode;
  /**
   * False when the clause funds but these measures set no amount ("按相关政策", "予以一定资助"): then
   * base, rate, cap and rateSetting are all null, and a quote allows no amount but says `decidedBy`.
   */
  readonly amountSet: boolean;
  /**
   * Where the amount is decided when these measures set none, as the text says it (or that it does
   * not say), worded to follow "the amount is …" / "金额…"; null when `amountSet`.
   */
  readonly decidedBy: LocalizedText | null;
}

/** Policy-wide configuration. Build it with `policySettings()`, which validates and fills defaults. */
export interface PolicySettings {
  /**
   * First day the measures apply (clause 24 (二十四): "自2023年X月X日起实施" — the draft leaves the date
   * blank, so it is configuration). Only its Beijing calendar day counts; see `effective-window.ts`.
   */
  readonly effectiveFrom: Date;
  /** Clause 24 (二十四): "有效期5年". */
  readonly validityYears: number;
  /** Ratio for the project-manager track (art4.pm_major), in basis points; null = no ratio (default). */
  readonly pmMajorRateBp: number | null;
}
