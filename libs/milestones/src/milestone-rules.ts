/**
 * The pure rules of milestones (no Nest, no database): who may submit when, what a review does to
 * a milestone, how much a tranche may pay, and a project's traffic-light health. The services
 * apply them to rows they have locked; the database's CHECKs are the last line of defence.
 */
import { conflict, invalid, ruleViolation } from '@app/common/domain-error';

export type MilestoneStatus = 'scheduled' | 'submitted' | 'met' | 'partially_met' | 'not_met' | 'overdue' | 'cancelled';
export type ReviewDecision = 'accept' | 'reject' | 'partial';
export type Health = 'on_track' | 'at_risk' | 'late';

/** Statuses a project's milestones can still be paid or reported from. */
export const PAYABLE_MILESTONE_STATUSES: readonly MilestoneStatus[] = ['met', 'partially_met'];

/**
 * May the team submit now? `scheduled` any time; `overdue` (past its due date, nothing accepted
 * yet — including a rejection after the due date) until due + grace. Anything else: 409.
 */
export function assertCanSubmit(
  m: { status: MilestoneStatus; dueAt: Date },
  now: Date,
  graceMs: number,
  projectStatus: string,
): void {
  if (projectStatus !== 'active' && projectStatus !== 'publicity') {
    throw conflict('milestones.project_not_live', `The project is ${projectStatus}; it takes no more reports.`);
  }
  if (m.status === 'scheduled') return;
  if (m.status === 'overdue' && now.getTime() <= m.dueAt.getTime() + graceMs) return;
  if (m.status === 'submitted')
    throw conflict('milestones.already_submitted', 'A submission of this milestone is waiting for review.');
  if (m.status === 'overdue')
    throw conflict('milestones.grace_over', 'The grace period for this milestone is over.', {
      graceEndsAt: new Date(m.dueAt.getTime() + graceMs).toISOString(),
    });
  throw conflict('milestones.closed', `The milestone is ${m.status}; it takes no more submissions.`);
}

export interface ReviewOutcome {
  status: MilestoneStatus;
  /** What the disbursement pays (null: nothing is paid). */
  payFen: number | null;
  /** When rejected after the due date but within the grace period: when resubmission closes. */
  graceEndsAt: Date | null;
}

/**
 * What a review does. accept → met, the full tranche; partial → partially_met, the reduced tranche
 * (0 ≤ reduced ≤ planned, else 422); reject → back to the team: `scheduled` before the due date,
 * `overdue` (resubmission open until due + grace) after it, `not_met` once the grace is over.
 */
export function reviewOutcome(
  m: { status: MilestoneStatus; dueAt: Date; trancheFen: number },
  decision: ReviewDecision,
  reducedTrancheFen: number | undefined,
  now: Date,
  graceMs: number,
): ReviewOutcome {
  if (m.status !== 'submitted') {
    throw conflict('milestones.not_awaiting_review', `The milestone is ${m.status}; there is no submission to review.`, {
      status: m.status,
    });
  }
  if (decision === 'accept') {
    if (reducedTrancheFen !== undefined)
      throw invalid('milestones.reduced_on_accept', 'reducedTrancheFen is only for a partial acceptance.', [
        { field: 'reducedTrancheFen', message: 'only with decision "partial"' },
      ]);
    return { status: 'met', payFen: m.trancheFen, graceEndsAt: null };
  }
  if (decision === 'partial') {
    if (reducedTrancheFen === undefined)
      throw invalid('milestones.reduced_required', 'A partial acceptance needs reducedTrancheFen.', [
        { field: 'reducedTrancheFen', message: 'is required with decision "partial"' },
      ]);
    if (!Number.isSafeInteger(reducedTrancheFen) || reducedTrancheFen < 0)
      throw invalid('milestones.reduced_invalid', 'reducedTrancheFen must be a whole number of fen ≥ 0.', [
        { field: 'reducedTrancheFen', message: 'must be a whole number ≥ 0' },
      ]);
    if (reducedTrancheFen > m.trancheFen)
      throw ruleViolation('milestones.reduced_above_planned', 'A reduced tranche cannot be above the planned one.', {
        plannedFen: m.trancheFen,
        requestedFen: reducedTrancheFen,
        allowedFen: m.trancheFen,
      });
    return { status: 'partially_met', payFen: reducedTrancheFen, graceEndsAt: null };
  }
  const graceEnds = new Date(m.dueAt.getTime() + graceMs);
  if (now.getTime() < m.dueAt.getTime()) return { status: 'scheduled', payFen: null, graceEndsAt: null };
  if (now.getTime() < graceEnds.getTime()) return { status: 'overdue', payFen: null, graceEndsAt: graceEnds };
  return { status: 'not_met', payFen: null, graceEndsAt: null };
}

/**
 * How much of a tranche may be paid now: never more than the grant still unpaid. The funding rule
 * (rate × base, the rule's cap) is checked separately by FundingPolicy.assertRequest. Returns the
 * amount to pay, or throws 422 — a disbursement never pays a part of a tranche silently.
 */
export function assertWithinGrant(p: { grantedFen: number; paidFen: number }, amountFen: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw invalid('milestones.amount_invalid', 'The amount must be a whole number of fen ≥ 0.');
  const remaining = p.grantedFen - p.paidFen;
  if (amountFen > remaining)
    throw ruleViolation('milestones.grant_exceeded', 'Paying this tranche would pay the project more than its grant.', {
      grantedFen: p.grantedFen,
      paidFen: p.paidFen,
      requestedFen: amountFen,
      allowedFen: Math.max(0, remaining),
    });
  return amountFen;
}

/**
 * A plan change may move a due date and a tranche; the sum of all tranches (the planned ones, the
 * reduced ones actually paid or scheduled, the new one) never exceeds the grant.
 */
export function assertPlanWithinGrant(grantedFen: number, otherTranchesFen: number, newTrancheFen: number): void {
  if (otherTranchesFen + newTrancheFen > grantedFen)
    throw ruleViolation('milestones.plan_exceeds_grant', 'The plan’s tranches would add up to more than the grant.', {
      grantedFen,
      otherTranchesFen,
      requestedFen: newTrancheFen,
      allowedFen: Math.max(0, grantedFen - otherTranchesFen),
    });
}

export const AT_RISK_WINDOW_MS = 14 * 86_400_000;

/** late: any milestone overdue (or not met); at_risk: one due within 14 days with no submission; else on_track. */
export function healthOf(
  milestones: { status: MilestoneStatus; dueAt: Date }[],
  now: Date,
  atRiskWindowMs = AT_RISK_WINDOW_MS,
): Health {
  if (milestones.some((m) => m.status === 'overdue' || m.status === 'not_met')) return 'late';
  if (milestones.some((m) => m.status === 'scheduled' && m.dueAt.getTime() - now.getTime() <= atRiskWindowMs)) return 'at_risk';
  return 'on_track';
}
