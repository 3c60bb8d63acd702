/**
 * Who may read a bid's contents (pure). The rule of the sealed box:
 *
 *  - its own organisation (team users of the bidding organisation) — always;
 *  - after the deadline (database clock): the challenge's own agency, and the challenge's assigned
 *    reviewers except on bids they have a conflict with (automatic or declared);
 *  - after the deadline, auditors (监督): every bid, read-only;
 *  - nobody else, ever: not other agencies, not admins, not program managers, not the public.
 *    Admins run the platform; they do not judge bids.
 *
 * Before the deadline everyone but the bidder learns only how many live bids there are.
 */
import { AuthUser, Role, actsForAgency } from '@app/common/auth';

export type BidAccess = 'owner' | 'agency' | 'reviewer' | 'auditor' | 'conflicted' | 'none';

export interface SealFacts {
  /** The deadline has passed by the database's clock (and the challenge was published). */
  unsealed: boolean;
  /** The agency organisation that owns the challenge (its officers act for it). */
  agencyOrganizationId: string;
  /** The caller is an assigned reviewer of the challenge. */
  assignedReviewer: boolean;
}

export function accessToBid(
  user: AuthUser | undefined,
  bid: { organizationId: string },
  facts: SealFacts,
  conflicted: boolean,
): BidAccess {
  if (!user) return 'none';
  if (user.role === Role.Team && user.organizationId !== null && user.organizationId === bid.organizationId) return 'owner';
  if (!facts.unsealed) return 'none';
  if (user.role === Role.Auditor) return 'auditor';
  if (actsForAgency(user, facts.agencyOrganizationId)) return 'agency';
  if (user.role === Role.Reviewer && facts.assignedReviewer) return conflicted ? 'conflicted' : 'reviewer';
  return 'none';
}

/** Who sees every live bid in a list (after the deadline); everyone else sees only their own. */
export function seesAllBids(user: AuthUser | undefined, facts: SealFacts): 'all' | 'all_unconflicted' | 'own' {
  if (!user || !facts.unsealed) return 'own';
  if (user.role === Role.Auditor) return 'all';
  if (actsForAgency(user, facts.agencyOrganizationId)) return 'all';
  if (user.role === Role.Reviewer && facts.assignedReviewer) return 'all_unconflicted';
  return 'own';
}

/** What the rule on a bid's files knows of the reader, besides the seal. */
export interface BidDocumentFacts extends SealFacts {
  /** The reader's organisation leads the bid or is in its consortium. */
  participant: boolean;
  /** The reader is an assigned reviewer with a conflict on this bid (automatic or declared). */
  conflicted: boolean;
}

/**
 * Who may download a bid's files (the documents library's answers): the bid's own organisation and
 * its consortium members' team users, always; after the deadline the challenge's agency and its
 * assigned, unconflicted reviewers, and auditors. Everyone else — a conflicted reviewer, admins, other agencies,
 * other teams, the public — may not even learn the file exists ('hidden', a 404); never 'public'.
 */
export function accessToBidDocuments(user: AuthUser | undefined, facts: BidDocumentFacts): 'allowed' | 'hidden' {
  if (!user) return 'hidden';
  if (user.role === Role.Team && facts.participant) return 'allowed';
  if (!facts.unsealed) return 'hidden';
  if (user.role === Role.Auditor) return 'allowed';
  if (actsForAgency(user, facts.agencyOrganizationId)) return 'allowed';
  if (user.role === Role.Reviewer && facts.assignedReviewer && !facts.conflicted) return 'allowed';
  return 'hidden';
}
