import type { LockedChallenge } from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { DomainError, conflict, forbidden, notFound } from '@app/common/domain-error';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database';

/** The refusals the bid and review paths share. */

export const bidNotFound = (id: string) => notFound('bids.not_found', `No bid ${id} that you may see.`);

export const conflictOfInterest = () =>
  forbidden('bids.conflict_of_interest', 'You have a conflict of interest with this bid; you may neither see nor score it.');

export const teamsOnly = () => forbidden('bids.teams_only', 'Only a team user bids, for its organisation.');

/** The organisation a team user bids (and drafts) for; 403 `bids.teams_only` for anyone else. */
export function teamOrganization(user: AuthUser): string {
  if (user.role !== Role.Team || !user.organizationId) throw teamsOnly();
  return user.organizationId;
}

/** Why a challenge takes no bid now (409), or undefined when it does. */
export function notOpenReason(gate: Pick<LockedChallenge, 'open' | 'status' | 'bid_deadline'>): DomainError | undefined {
  if (gate.open) return undefined;
  if (gate.status !== 'published') {
    return conflict('bids.challenge_not_open', `The challenge is ${gate.status}; bids can no longer be written.`, {
      status: gate.status,
    });
  }
  return conflict(
    'bids.deadline_passed',
    `The bid deadline ${gate.bid_deadline.toISOString()} has passed; bids can no longer be written.`,
    { bidDeadline: gate.bid_deadline.toISOString() },
  );
}

export function assertOpen(gate: Pick<LockedChallenge, 'open' | 'status' | 'bid_deadline'>): void {
  const reason = notOpenReason(gate);
  if (reason) throw reason;
}

/** The unique indexes that make "one live bid per organisation" race-free, as the 409 they mean. */
export function uniqueToConflict(err: unknown): unknown {
  if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) return err;
  const constraint = pgConstraint(err);
  if (constraint === 'UQ_bids_live_org') {
    return conflict(
      'bids.duplicate',
      'Your organisation already has a live bid on this challenge; replace it (PUT) or withdraw it first.',
    );
  }
  if (constraint === 'UQ_bid_participants_live') {
    return conflict(
      'bids.member_in_another_bid',
      'Your organisation or a consortium member already takes part in another live bid on this challenge; an organisation takes part in one bid per challenge.',
    );
  }
  return err;
}
