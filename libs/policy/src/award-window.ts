/**
 * Publishing checks the window (clause 24 (二十四): "有效期5年"). Awards are made once bidding has
 * closed, so a challenge whose bid deadline falls after the measures' last day could only be awarded
 * when nothing can be granted under them any more: it is refused at publication, with the reason,
 * instead of collecting bids that no award can answer. Days are Beijing calendar days.
 */
import { DomainError } from '@app/common/domain-error';
import type { PolicySettings } from './funding-rule';
import { beijingDate, effectiveWindow } from './effective-window';

/** The error refusing a challenge whose awards could only fall after the window, or null. */
export function awardWindowError(bidDeadline: Date, settings: PolicySettings): DomainError | null {
  const window = effectiveWindow(settings);
  const deadlineDay = beijingDate(bidDeadline);
  // 'YYYY-MM-DD' strings compare as the days they name.
  if (deadlineDay <= window.lastDay) return null;
  const explanation = {
    zh:
      `投标截止日 ${deadlineDay} 晚于本措施有效期的最后一天 ${window.lastDay}（第（二十四）条，有效期 ${window.firstDay} 至 ` +
      `${window.lastDay}，北京时间）：评审与立项只能在截止之后进行，届时已不能依本措施资助，故不能发布。`,
    en:
      `The bid deadline ${deadlineDay} is after the last day the measures are in force, ${window.lastDay} (clause 24 (二十四): ` +
      `in force ${window.firstDay} to ${window.lastDay}, Beijing time, Asia/Shanghai). Awards can only be made after the ` +
      'deadline, when nothing can be granted under the measures any more, so the challenge cannot be published.',
  };
  return new DomainError(
    'rule_violation',
    'policy.awards_after_window',
    explanation.en,
    { bidDeadlineDay: deadlineDay, firstDay: window.firstDay, lastDay: window.lastDay, explanation },
    [
      {
        field: 'bidDeadline',
        message: `must be on or before ${window.lastDay} (Beijing time), the last day the measures are in force`,
      },
    ],
  );
}
