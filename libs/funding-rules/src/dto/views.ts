import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  beijingDate,
  formatCny,
  type Binding,
  type CheckResult,
  type EffectiveWindow,
  type FundingRule,
  type LocalizedText,
  type PaymentMode,
  type Quote,
  type ViolationCode,
} from '@app/policy';
import { FUNDED_KINDS } from './list-query.dto';

const PAYMENT_MODES: PaymentMode[] = ['milestone', 'grant', 'after_the_fact', 'after_publication', 'not_stated'];
// New values go last: clients that switch over the older ones keep working.
const BINDINGS: Binding[] = ['rate', 'cap', 'both', 'none', 'budget', 'window', 'max_award', 'not_set'];
const VIOLATION_CODES: ViolationCode[] = [
  'rate_exceeded',
  'cap_exceeded',
  'budget_exceeded',
  'not_in_force',
  'max_award_exceeded',
  'amount_not_set',
];

export class LocalizedTextView {
  @ApiProperty({ example: '核心技术攻关项目' }) zh: string;
  @ApiProperty({ example: 'core-technology projects' }) en: string;
}

export class FundingBaseView extends LocalizedTextView {
  @ApiProperty({ enum: ['total_investment', 'operating_spend_2y', 'audited_cost', 'sales_contract'] }) key: string;
}

export class EffectiveWindowView {
  @ApiProperty({ example: '2023-01-01', description: 'First day in force (a Beijing calendar day, Asia/Shanghai).' })
  firstDay: string;
  @ApiProperty({
    example: '2027-12-31',
    description: 'Last day in force (a Beijing calendar day, Asia/Shanghai); the next day is out.',
  })
  lastDay: string;
}

/** A funding rule of the policy text, as data. */
export class FundingRuleView {
  @ApiProperty({ example: 'art4.core_tech', description: 'Stable id; stored by bids, awards and disbursements.' }) id: string;
  @ApiProperty({ example: '四', description: 'Clause numeral as printed in the text.' }) clause: string;
  @ApiProperty({ example: 4 }) clauseNumber: number;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedText;
  @ApiProperty({ enum: FUNDED_KINDS, description: 'What the rule funds.' }) funds: string;
  @ApiProperty({
    example: true,
    description:
      'False when the clause funds but these measures set no amount (按相关政策…): base, rate and cap are then null, and ' +
      '`decidedBy` says where the amount is decided.',
  })
  amountSet: boolean;
  @ApiProperty({
    type: LocalizedTextView,
    nullable: true,
    example: null,
    description: 'Where the amount is decided when the measures set none, as the text says it; null when amountSet.',
  })
  decidedBy: LocalizedText | null;
  @ApiProperty({ type: FundingBaseView, nullable: true, description: 'What the rate applies to; null for a fixed cap.' })
  base: FundingBaseView | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 5000,
    description:
      'The rate applied, in basis points (5000 = 50%): the text’s, or the configured one for the project-manager track.',
  })
  rateBp: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'The policy setting that supplies the rate when the text states none (pmMajorRateBp), else null.',
  })
  rateSetting: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 3_000_000_000, description: 'Cap per project in fen.' })
  capFen: number | null;
  @ApiProperty({ type: String, nullable: true, example: '30,000,000.00', description: 'The cap in CNY, for people.' })
  capCny: string | null;
  @ApiProperty({ enum: PAYMENT_MODES }) payment: PaymentMode;
  @ApiProperty({
    description: 'The limit in the words of the policy text, verbatim (for a rule without an amount, the words that grant it).',
  })
  limitTextZh: string;
  @ApiProperty({ type: EffectiveWindowView }) effective: EffectiveWindow;

  static of(rule: FundingRule, rateBp: number | null, window: EffectiveWindow): FundingRuleView {
    return {
      id: rule.id,
      clause: rule.clause,
      clauseNumber: rule.clauseNumber,
      title: { zh: rule.title.zh, en: rule.title.en },
      funds: rule.funds,
      amountSet: rule.amountSet,
      decidedBy: rule.decidedBy ? { zh: rule.decidedBy.zh, en: rule.decidedBy.en } : null,
      base: rule.base ? { key: rule.base.key, zh: rule.base.zh, en: rule.base.en } : null,
      rateBp,
      rateSetting: rule.rateSetting,
      capFen: rule.capFen,
      capCny: rule.capFen === null ? null : formatCny(rule.capFen),
      payment: rule.payment,
      limitTextZh: rule.limitTextZh,
      effective: { firstDay: window.firstDay, lastDay: window.lastDay },
    };
  }
}

export class FundingRuleList {
  @ApiProperty({ type: [FundingRuleView] }) items: FundingRuleView[];
}

export class ViolationView {
  @ApiProperty({ enum: VIOLATION_CODES }) code: ViolationCode;
  @ApiProperty({
    type: 'integer',
    description:
      'The limit broken: rate limit or cap on the project’s total, the per-award maximum, the remaining budget, or 0 when ' +
      'the rule is not in force or sets no amount.',
  })
  limitFen: number;
  @ApiProperty({ type: 'integer', description: 'How much of the request lies beyond what that limit still leaves.' })
  exceededByFen: number;
  @ApiProperty({ type: LocalizedTextView }) message: LocalizedText;
}

/** What a rule allows for one project now, and why. */
export class QuoteView {
  @ApiProperty({ example: 'art4.core_tech' }) ruleId: string;
  @ApiProperty({ description: 'Whether the rule is in force on the decision date.' }) inForce: boolean;
  @ApiProperty({ example: '2024-03-15', description: 'The decision day judged (a Beijing calendar day, Asia/Shanghai).' })
  date: string;
  @ApiProperty({
    description:
      'False when these measures set no amount for this clause: allowedFen is then null (0 outside the window) and the ' +
      'explanation says where the amount is decided.',
  })
  amountSet: boolean;
  @ApiProperty({
    type: LocalizedTextView,
    nullable: true,
    description: 'Where the amount is decided when the measures set none; null when amountSet.',
  })
  decidedBy: LocalizedText | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'The largest new amount allowed now, fen; 0 outside the window; null when nothing limits it or the measures set no amount.',
  })
  allowedFen: number | null;
  @ApiProperty({ enum: BINDINGS, description: 'Which limit sets allowedFen.' }) binding: Binding;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The base used, or null when the rule applies no rate.' })
  baseFen: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) rateBp: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'floor(base × rate), a limit on the project’s total.' })
  rateLimitFen: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) capFen: number | null;
  @ApiProperty({ type: 'integer' }) alreadyGrantedFen: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The challenge’s per-award maximum given, or null.' })
  maxAwardFen: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) remainingBudgetFen: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'The amount checked, or null when none was given.' })
  requestedFen: number | null;
  @ApiProperty({ type: [ViolationView], description: 'Every limit the request breaks; empty without requestedFen.' })
  violations: ViolationView[];
  @ApiProperty({ type: LocalizedTextView }) explanation: LocalizedText;

  static of(q: Quote, rule: FundingRule, date: Date, check: CheckResult | null): QuoteView {
    return {
      ruleId: q.ruleId,
      inForce: q.inForce,
      date: beijingDate(date),
      amountSet: q.amountSet,
      decidedBy: rule.decidedBy ? { zh: rule.decidedBy.zh, en: rule.decidedBy.en } : null,
      allowedFen: q.allowedFen,
      binding: q.binding,
      baseFen: q.baseFen,
      rateBp: q.rateBp,
      rateLimitFen: q.rateLimitFen,
      capFen: q.capFen,
      alreadyGrantedFen: q.alreadyGrantedFen,
      maxAwardFen: q.maxAwardFen,
      remainingBudgetFen: q.remainingBudgetFen,
      requestedFen: check ? check.requestedFen : null,
      violations: (check?.violations ?? []).map(({ code, limitFen, exceededByFen, message }) => ({
        code,
        limitFen,
        exceededByFen,
        message: { zh: message.zh, en: message.en },
      })),
      explanation: { zh: q.explanation.zh, en: q.explanation.en },
    };
  }
}
