/**
 * The wording of the funding rules' problems. A violated rule is explained by the policy engine
 * itself in both languages (clause, base, rate, cap: libs/policy check.ts), carried in the
 * problem's `violations[0].message` or `explanation`; these wordings say it, with a plain sentence
 * when a thrower gave none.
 */
import { fieldSummary } from './platform';
import { ProblemParams, ProblemWording, WordingTable, fixed } from './words';

const explained = (p: ProblemParams, zh: string, en: string): string => {
  const violations = p.get('violations');
  const first = Array.isArray(violations) ? (violations[0] as { message?: unknown } | undefined) : undefined;
  return p.localized(first?.message) ?? p.localized(p.get('explanation')) ?? (p.lang === 'zh' ? zh : en);
};
const violation = (zh: string, en: string): ProblemWording => ({
  zh: (p) => explained(p, zh, en),
  en: (p) => explained(p, zh, en),
});
const fields = (zh: string, en: string): ProblemWording => ({
  zh: (p) => fieldSummary(p, zh, en),
  en: (p) => fieldSummary(p, zh, en),
});

export const POLICY_WORDING: WordingTable = {
  'policy.rate_exceeded': violation('申请金额超出资助比例限额。', 'The request exceeds the rate limit of the funding rule.'),
  'policy.cap_exceeded': {
    zh: (p) => explained(p, `申请金额 ${p.money('requestedFen')} 超出资助上限 ${p.money('capFen')}。`, ''),
    en: (p) => explained(p, '', `The request of ${p.money('requestedFen')} exceeds the funding cap of ${p.money('capFen')}.`),
  },
  'policy.max_award_exceeded': violation(
    '申请金额超出榜单单项最高额。',
    'The request exceeds the challenge’s per-award maximum.',
  ),
  'policy.budget_exceeded': violation('申请金额超出榜单剩余预算。', 'The request exceeds the challenge’s remaining budget.'),
  'policy.not_in_force': violation('该资助条款当日不在有效期内。', 'The funding rule is not in force on that day.'),
  'policy.amount_not_set': violation('本措施未规定该条款的资助金额。', 'These measures set no amount under this rule.'),
  'policy.awards_after_window': violation('已过本措施的授予期限。', 'Awards are no longer made under these measures.'),
  'policy.unknown_version': fixed('该政策版本不存在。', 'No such policy version.'),
  'policy.unknown_rule': {
    zh: (p) => `没有编号为 ${JSON.stringify(p.text('id'))} 的资助条款。`,
    en: (p) => `No funding rule has the id ${JSON.stringify(p.text('id'))}.`,
  },
  'policy.rule_not_in_version': fixed('该政策版本不含此资助条款。', 'The policy version holds no such funding rule.'),
  'policy.invalid_amount': fields('金额无效', 'The amount is not valid'),
  'policy.invalid_rate': fields('比例无效', 'The rate is not valid'),
  'policy.invalid_date': fields('日期无效', 'The date is not valid'),
  'policy.invalid_input': fields('输入无效', 'The input is not valid'),
  'policy.invalid_settings': fields('政策设置无效', 'The policy settings are not valid'),
  'policy.invalid_rule': fields('资助条款无效', 'The funding rule is not valid'),
};
