/**
 * A plan change of one milestone (pure), as POST .../milestones/:mid/change-requests takes it and
 * as the program manager's approval judges it (libs/milestones assertPlanWithinGrant): a new due
 * date and/or a new tranche, with a reason; the plan's tranches never add up to more than the grant.
 */
import type { MessageKey } from '../i18n/zh';
import { parseYuan } from '../lib/money';
import { fromShanghaiInput } from '../lib/time';

export interface ChangeValues {
  /** datetime-local in Shanghai time ('' = keep). */
  dueAt: string;
  /** yuan as typed ('' = keep). */
  tranche: string;
  reason: string;
}

export interface ChangeBody {
  dueAt?: string;
  trancheFen?: number;
  reason: string;
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const REASON_MAX = 5000;

export const emptyChange = (): ChangeValues => ({ dueAt: '', tranche: '', reason: '' });

type PlanMilestone = { id: string; status: string; trancheFen: number };

/**
 * The most the milestone's tranche may become: the grant less what the rest of the plan commits
 * (open milestones as planned, met / partially met ones as actually paid or scheduled).
 */
export function maxTrancheFen(
  grantedFen: number,
  milestones: readonly PlanMilestone[],
  milestoneId: string,
  disbursedFen: (milestoneId: string) => number | undefined,
): number {
  let others = 0;
  for (const m of milestones) {
    if (m.id === milestoneId) continue;
    if (m.status === 'scheduled' || m.status === 'submitted' || m.status === 'overdue') others += m.trancheFen;
    else if (m.status === 'met' || m.status === 'partially_met') others += disbursedFen(m.id) ?? m.trancheFen;
  }
  return Math.max(0, grantedFen - others);
}

export function validateChange(
  values: ChangeValues,
  ctx: { current: { dueAt: string; trancheFen: number }; maxFen: number; nowMs: number },
  t: T,
  money: (fen: number) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const due = values.dueAt.trim();
  const tranche = values.tranche.trim();
  if (!due && !tranche) errors.dueAt = t('projects.err.changeEmpty');
  let dueIso: string | null = null;
  if (due) {
    dueIso = fromShanghaiInput(due);
    if (!dueIso) errors.dueAt = t('projects.err.date');
    else if (Date.parse(dueIso) <= ctx.nowMs) errors.dueAt = t('projects.err.dateFuture');
  }
  let fen: number | null = null;
  if (tranche) {
    const parsed = parseYuan(tranche);
    if (!parsed.ok) errors.trancheFen = t('projects.err.money');
    else if (parsed.fen > ctx.maxFen) errors.trancheFen = t('projects.err.planAbove', { amount: money(ctx.maxFen) });
    else fen = parsed.fen;
  }
  if (
    !errors.dueAt &&
    !errors.trancheFen &&
    (dueIso === null || Date.parse(dueIso) === Date.parse(ctx.current.dueAt)) &&
    (fen === null || fen === ctx.current.trancheFen)
  )
    errors.dueAt = t('projects.err.changeSame');
  if (!values.reason.trim()) errors.reason = t('projects.err.required');
  else if (values.reason.length > REASON_MAX) errors.reason = t('projects.err.tooLong', { n: REASON_MAX });
  return errors;
}

export function toChangeBody(values: ChangeValues): ChangeBody {
  const body: ChangeBody = { reason: values.reason.trim() };
  const due = values.dueAt.trim() ? fromShanghaiInput(values.dueAt) : null;
  if (due) body.dueAt = due;
  const parsed = values.tranche.trim() ? parseYuan(values.tranche) : null;
  if (parsed?.ok) body.trancheFen = parsed.fen;
  return body;
}
