import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { formatFen } from '../lib/money';
import { emptyReview, toReviewBody, validateReview } from './milestone-review';

const t = translator('en');
const TRANCHE = 600_000_00;

describe('milestone review rules (as reviewOutcome judges them)', () => {
  it('always needs a comment', () => {
    for (const decision of ['accept', 'partial', 'reject'] as const)
      expect(validateReview({ decision, comment: ' ', reduced: '1' }, TRANCHE, t, formatFen).comment).toBe('Required');
  });

  it('accept sends no reduced tranche even if one was typed', () => {
    const values = { decision: 'accept' as const, comment: '验收通过', reduced: '10' };
    expect(validateReview(values, TRANCHE, t, formatFen)).toEqual({});
    expect(toReviewBody(values)).toEqual({ decision: 'accept', comment: '验收通过' });
  });

  it('partial needs a reduced tranche in fen, 0 ≤ reduced ≤ planned', () => {
    const partial = (reduced: string) => validateReview({ decision: 'partial', comment: 'c', reduced }, TRANCHE, t, formatFen);
    expect(partial('').reducedTrancheFen).toBe('Required');
    expect(partial('1.234').reducedTrancheFen).toMatch(/two decimals/);
    expect(partial('-5').reducedTrancheFen).toMatch(/two decimals/);
    expect(partial('600,000.01').reducedTrancheFen).toBe('The reduced tranche cannot be above the planned ¥600,000.00');
    expect(partial('600,000')).toEqual({});
    expect(partial('0')).toEqual({});
    expect(toReviewBody({ decision: 'partial', comment: ' 部分 ', reduced: '450,000.50' })).toEqual({
      decision: 'partial',
      comment: '部分',
      reducedTrancheFen: 45_000_050,
    });
  });

  it('reject with a comment is valid', () => {
    expect(validateReview({ decision: 'reject', comment: '数据不足', reduced: '' }, TRANCHE, t, formatFen)).toEqual({});
    // No decision is preselected: sending without one is refused before anything is paid.
    expect(validateReview(emptyReview(), TRANCHE, t, formatFen)).toMatchObject({ decision: 'Choose a decision' });
  });
});
