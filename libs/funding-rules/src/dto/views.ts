import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
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

const PAYMENT_MODES: PaymentMode[] = ['milestone', 'grant', 'after_the_fact', 'after_publication'];
const BINDINGS: Binding[] = ['rate', 'cap', 'both', 'none', 'budget', 'window'];
const VIOLATION_CODES: ViolationCode[] = ['rate_exceeded', 'cap_exceeded', 'budget_exceeded', 'not_in_force'];

export class LocalizedTextView {
  @ApiProperty({ example: '核心技术攻关项目' }) zh: string;
  @ApiProperty({ example: 'core-technology projects' }) en: string;
}

export class FundingBaseView extends LocalizedTextView {
  @ApiProperty({ enum: ['total_investment', 'operating_spend_2y', 'audited_cost', 'sales_contract'] }) key: string;
}

export class EffectiveWindowView {
  @ApiProperty({ example: '2023-01-01', description: 'First day in force (UTC calendar day).' }) firstDay: string;
  @ApiProperty({ example: '2027-12-31', description: 'Last day in force (UTC calendar day); the next day is out.' })
  lastDay: string;
}

/** A funding rule of the policy text, as data. */
export class FundingRuleView {
  @ApiProperty({ example: 'art4.core_tech', description: 'Stable id; stored by bids, awards and disbursements.' }) id: string;
  @ApiProperty({ example: '四', description: 'Clause numeral as printed in the text.' }) clause: string;
  @ApiProperty({ example: 4 }) clauseNumber: number;
  @ApiProperty({ type: LocalizedTextView }) title: LocalizedText;
  @ApiProperty({ enum: FUNDED_KINDS, description: 'What the rule funds.' }) funds: string;
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
  @ApiProperty({ description: 'The limit in the words of the policy text, verbatim.' }) limitTextZh: string;
  @ApiProperty({ type: EffectiveWindowView }) effective: EffectiveWindow;

  static of(rule: FundingRule, rateBp: number | null, window: EffectiveWindow): FundingRuleView {
    return {
      id: rule.id,
      clause: rule.clause,
      clauseNumber: rule.clauseNumber,
      title: { zh: rule.title.zh, en: rule.title.en },
      funds: rule.funds,
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
    description: 'The limit broken: rate limit or cap on the project’s total, the remaining budget, or 0 when not in force.',
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
  @ApiProperty({ example: '2024-03-15', description: 'The decision day judged (UTC).' }) date: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'The largest new amount allowed now, fen; 0 outside the window; null when nothing limits it.',
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
  @ApiProperty({ type: 'integer', nullable: true }) remainingBudgetFen: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'The amount checked, or null when none was given.' })
  requestedFen: number | null;
  @ApiProperty({ type: [ViolationView], description: 'Every limit the request breaks; empty without requestedFen.' })
  violations: ViolationView[];
  @ApiProperty({ type: LocalizedTextView }) explanation: LocalizedText;

  static of(q: Quote, date: Date, check: CheckResult | null): QuoteView {
    return {
      ruleId: q.ruleId,
      inForce: q.inForce,
      date: date.toISOString().slice(0, 10),
      allowedFen: q.allowedFen,
      binding: q.binding,
      baseFen: q.baseFen,
      rateBp: q.rateBp,
      rateLimitFen: q.rateLimitFen,
      capFen: q.capFen,
      alreadyGrantedFen: q.alreadyGrantedFen,
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
