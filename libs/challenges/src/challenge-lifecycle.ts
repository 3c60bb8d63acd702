/**
 * The lifecycle of a challenge, as pure rules (no Nest, no TypeORM): which action moves a
 * challenge from which status to which, and who may take it.
 *
 *   draft ──publish──▶ published ──close (job, at bidDeadline)──▶ closed ──award──▶ awarded ──complete──▶ completed
 *     │                   │                                         │
 *     └──────cancel───────┴──────────────cancel─────────────────────┘──▶ cancelled
 *
 * Decisions:
 * - `closed → cancelled` is allowed. After the deadline the agency may find that no bid is good
 *   enough, or that none came in (流标); without this the challenge would stay `closed` forever.
 *   Once anything is awarded the challenge can no longer be cancelled: projects exist and are
 *   ended one by one (terminated), not by cancelling the challenge.
 * - `completed` and `cancelled` are terminal: no action leaves them.
 * - Only a draft is edited. A published challenge changes in one way only: its deadline is
 *   extended (by the agency, or by a late answer to a question), never shortened.
 * - Closing is the system's (the deadline job); no person closes a challenge by hand.
 */
import { conflict, forbidden } from '@app/common/domain-error';

export const CHALLENGE_STATUSES = ['draft', 'published', 'closed', 'awarded', 'completed', 'cancelled'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly ChallengeStatus[] = ['completed', 'cancelled'];

/** Statuses the public sees (everything that was once published). */
export const PUBLIC_STATUSES: readonly ChallengeStatus[] = ['published', 'closed', 'awarded', 'completed', 'cancelled'];

export type ChallengeAction =
  'edit' | 'publish' | 'extend_deadline' | 'ask' | 'answer' | 'close' | 'award' | 'complete' | 'cancel';

/** Who takes an action: the agency that owns the challenge, a team, or the system (jobs). */
export type ActorKind = 'owning_agency' | 'team' | 'system';

interface Transition {
  from: readonly ChallengeStatus[];
  /** The status afterwards; `null` when the action does not change the status. */
  to: ChallengeStatus | null;
  by: readonly ActorKind[];
}

export const TRANSITIONS: Readonly<Record<ChallengeAction, Transition>> = {
  edit: { from: ['draft'], to: null, by: ['owning_agency'] },
  publish: { from: ['draft'], to: 'published', by: ['owning_agency'] },
  extend_deadline: { from: ['published'], to: null, by: ['owning_agency'] },
  ask: { from: ['published'], to: null, by: ['team'] },
  answer: { from: ['published'], to: null, by: ['owning_agency'] },
  close: { from: ['published'], to: 'closed', by: ['system'] },
  award: { from: ['closed'], to: 'awarded', by: ['owning_agency'] },
  complete: { from: ['awarded'], to: 'completed', by: ['owning_agency', 'system'] },
  cancel: { from: ['draft', 'published', 'closed'], to: 'cancelled', by: ['owning_agency'] },
};

export const CHALLENGE_ACTIONS = Object.keys(TRANSITIONS) as ChallengeAction[];

export function isTerminal(status: ChallengeStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function canApply(status: ChallengeStatus, action: ChallengeAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

export function mayAct(actor: ActorKind, action: ChallengeAction): boolean {
  return TRANSITIONS[action].by.includes(actor);
}

/** The status after `action`, or a 409 naming the current status and the ones it would need. */
export function nextStatus(status: ChallengeStatus, action: ChallengeAction): ChallengeStatus {
  const t = TRANSITIONS[action];
  if (!t.from.includes(status)) {
    throw conflict(
      'challenges.wrong_state',
      `Cannot ${action.replace('_', ' ')} a challenge that is ${status}; it must be ${t.from.join(' or ')}.`,
      { status, action, allowedFrom: [...t.from] },
    );
  }
  return t.to ?? status;
}

/** 403 unless this kind of actor may take the action, then 409 unless the status allows it. */
export function assertAction(actor: ActorKind, status: ChallengeStatus, action: ChallengeAction): ChallengeStatus {
  if (!mayAct(actor, action)) {
    throw forbidden(
      'challenges.not_allowed',
      `Only ${TRANSITIONS[action].by.join(' or ').replace('_', ' ')} may ${action.replace('_', ' ')} a challenge.`,
    );
  }
  return nextStatus(status, action);
}

/** Every status reachable from `status` by one action (for docs and property tests). */
export function successors(status: ChallengeStatus): ChallengeStatus[] {
  const out = new Set<ChallengeStatus>();
  for (const action of CHALLENGE_ACTIONS) if (canApply(status, action)) out.add(TRANSITIONS[action].to ?? status);
  return [...out];
}
