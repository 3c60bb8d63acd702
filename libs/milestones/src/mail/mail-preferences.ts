/**
 * Which notice kinds a user can receive, by role — so the settings page offers a team only the
 * kinds a team gets. Pure. A role not listed (admin, or one added later) sees every kind.
 */
import { NOTIFICATION_KINDS, NotificationKind } from '../notifications/notification-wording';

const KINDS_OF_ROLE: Record<string, readonly NotificationKind[]> = {
  team: [
    'disbursement.paid',
    'milestone.rejected',
    'milestone.reminder',
    'milestone.not_met',
    'question.answered',
    'bid.received',
    'bid.deadline_approaching',
    'award.granted',
    'award.objected',
    'award.objection_dismissed',
    'award.revoked',
    'award.final',
    'gate.result',
    'objection.decided',
    'consent.requested',
    'consent.reminder',
    'consent.accepted',
    'consent.declined',
    'consent.incomplete',
  ],
  program_manager: ['milestone.overdue', 'review.sla', 'milestone.awaiting_review', 'award.revoked', 'award.final'],
  agency: [
    'milestone.overdue',
    'review.sla',
    'stage.gate_due',
    'question.asked',
    'objection.lodged',
    'milestone.awaiting_review',
  ],
  reviewer: ['review.assigned'],
};

export function kindsForRole(role: string): readonly NotificationKind[] {
  return KINDS_OF_ROLE[role] ?? NOTIFICATION_KINDS;
}

/** Mail on/off per kind: what the user set, on where they set nothing. */
export function mailPreferenceList(
  kinds: readonly NotificationKind[],
  saved: { kind: string; mail: boolean }[],
): { kind: NotificationKind; mail: boolean }[] {
  const byKind = new Map(saved.map((s) => [s.kind, s.mail]));
  return kinds.map((kind) => ({ kind, mail: byKind.get(kind) ?? true }));
}
