/**
 * The program manager's milestone review form (pure), as POST .../milestones/:mid/review judges it
 * (libs/milestones milestone-rules.ts reviewOutcome): a comment is always required; accept pays the
 * full tranche; partial pays a reduced tranche, 0 ≤ reduced ≤ planned; reject sends it back.
 */
import type { MessageKey } from '../i18n/zh';
import { parseYuan } from '../lib/money';

export type ReviewDecision = 'accept' | 'partial' | 'reject';

export interface ReviewValues {
  /** Nothing chosen at first: paying a tranche is a decision the program manager makes, not a default. */
  decision: ReviewDecision | '';
  comment: string;
  /** The reduced tranche in yuan as typed (only with "partial"). */
  reduced: string;
}

export interface ReviewBody {
  decision: ReviewDecision;
  comment: string;
  reducedTrancheFen?: number;
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const COMMENT_MAX = 10_000;

export const emptyReview = (): ReviewValues => ({ decision: '', comment: '', reduced: '' });

export function validateReview(
  values: ReviewValues,
  trancheFen: number,
  t: T,
  money: (fen: number) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.decision) errors.decision = t('projects.err.chooseDecision');
  if (!values.comment.trim()) errors.comment = t('projects.err.required');
  else if (values.comment.length > COMMENT_MAX) errors.comment = t('projects.err.tooLong', { n: COMMENT_MAX });
  if (values.decision === 'partial') {
    const parsed = parseYuan(values.reduced);
    if (!parsed.ok) errors.reducedTrancheFen = parsed.reason === 'empty' ? t('projects.err.required') : t('projects.err.money');
    else if (parsed.fen > trancheFen) errors.reducedTrancheFen = t('projects.err.reducedAbove', { amount: money(trancheFen) });
  }
  return errors;
}

export function toReviewBody(values: ReviewValues): ReviewBody {
  if (!values.decision) throw new Error('toReviewBody: no decision (validateReview first)');
  const body: ReviewBody = { decision: values.decision, comment: values.comment.trim() };
  if (values.decision === 'partial') {
    const parsed = parseYuan(values.reduced);
    if (parsed.ok) body.reducedTrancheFen = parsed.fen;
  }
  return body;
}
