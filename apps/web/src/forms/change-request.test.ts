import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { formatFen } from '../lib/money';
import { maxTrancheFen, toChangeBody, validateChange } from './change-request';

const t = translator('en');
const NOW = Date.parse('2030-06-01T00:00:00Z');
const current = { dueAt: '2030-09-01T01:00:00.000Z', trancheFen: 400_000_00 };
const ctx = { current, maxFen: 500_000_00, nowMs: NOW };
const check = (v: Partial<{ dueAt: string; tranche: string; reason: string }>) =>
  validateChange({ dueAt: '', tranche: '', reason: '延期原因', ...v }, ctx, t, formatFen);

describe('plan change rules', () => {
  it('needs a new due date or a new tranche, and a reason', () => {
    expect(check({})).toEqual({ dueAt: 'Give a new due date or a new tranche' });
    expect(check({ dueAt: '2030-12-01T09:00', reason: ' ' })).toEqual({ reason: 'Required' });
  });

  it('reads the date as Shanghai time and wants it in the future and different', () => {
    expect(check({ dueAt: '2030-02-30T09:00' }).dueAt).toBe('Not a valid date and time');
    expect(check({ dueAt: '2030-05-01T09:00' }).dueAt).toBe('The new due date must be in the future');
    // 09:00 in Shanghai is 01:00 UTC: the same instant as now planned
    expect(check({ dueAt: '2030-09-01T09:00' }).dueAt).toBe('Same as the current plan');
    expect(check({ dueAt: '2030-12-01T09:00' })).toEqual({});
    expect(toChangeBody({ dueAt: '2030-12-01T09:00', tranche: '', reason: ' r ' })).toEqual({
      dueAt: '2030-12-01T09:00:00+08:00',
      reason: 'r',
    });
  });

  it('keeps the plan within the grant', () => {
    expect(check({ tranche: '500,000.01' }).trancheFen).toBe(
      'The plan would exceed the grant; this tranche can be at most ¥500,000.00',
    );
    expect(check({ tranche: 'abc' }).trancheFen).toMatch(/two decimals/);
    expect(check({ tranche: '400000' }).dueAt).toBe('Same as the current plan');
    expect(check({ tranche: '500,000' })).toEqual({});
    expect(toChangeBody({ dueAt: '', tranche: '500,000', reason: 'r' })).toEqual({ trancheFen: 500_000_00, reason: 'r' });
  });

  it('the most a tranche may become: grant less open tranches as planned and decided ones as paid', () => {
    const milestones = [
      { id: 'a', status: 'met', trancheFen: 300 },
      { id: 'b', status: 'partially_met', trancheFen: 300 },
      { id: 'c', status: 'scheduled', trancheFen: 200 },
      { id: 'd', status: 'cancelled', trancheFen: 999 },
      { id: 'e', status: 'overdue', trancheFen: 100 },
    ];
    const paid: Record<string, number> = { a: 300, b: 120 };
    // 1000 − (300 + 120 + 100) = 480 for c
    expect(maxTrancheFen(1000, milestones, 'c', (id) => paid[id])).toBe(480);
    // without a disbursement known, a decided milestone counts as planned
    expect(maxTrancheFen(1000, milestones, 'c', () => undefined)).toBe(300);
    expect(maxTrancheFen(100, milestones, 'c', (id) => paid[id])).toBe(0);
  });
});
