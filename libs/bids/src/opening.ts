/**
 * The bid opening (开标) — pure. At the deadline the close job writes, in its own transaction, one
 * ledger entry `bids.opened` (never public) listing every live bid: organisation, submission time,
 * receipt hash and each document's name, size, SHA-256 and role. What was written is what is shown
 * afterwards: the record is read back from the ledger, never recomputed.
 *
 * Who sees what of it:
 *  - the challenge's agency, and auditors: everything;
 *  - a team of a bidding organisation, lead or consortium member: its own entries (opened or not) and the number of bids;
 *  - anyone else (other teams, reviewers, admins, the public): the number of bids only, and only
 *    once the results are published (the challenge `awarded` or later); before that nothing (404).
 */
import { AuthUser, Role, actsForAgency } from '@app/common/auth';

export interface OpeningDocument {
  name: string;
  size: number;
  sha256: string;
  role: string;
}

export interface OpeningEntry {
  bidId: string;
  organizationId: string;
  organizationName: string;
  /** The consortium's other members (records written before this field existed lack it: none). */
  memberOrganizationIds?: string[];
  submittedAt: string;
  receiptHash: string;
  documents: OpeningDocument[];
}

/**
 * A live bid the close did not open (consortium-consent-rules.ts): a member had not accepted. It is
 * withdrawn with that reason; its documents are not listed (it was not opened).
 */
export interface NotOpenedEntry {
  bidId: string;
  organizationId: string;
  organizationName: string;
  memberOrganizationIds: string[];
  submittedAt: string;
  receiptHash: string;
  reason: 'consortium_consent_missing';
  /** The members that had not accepted (pending or declined). */
  missingOrganizationIds: string[];
}

/** The ledger entry's `after`, as written at the close. */
export interface OpeningRecord {
  openedAt: string;
  /** The bids opened (not counting those not opened). */
  bidCount: number;
  entries: OpeningEntry[];
  /** Records written before consortium consent existed lack it: none. */
  notOpened?: NotOpenedEntry[];
}

/** The statuses in which a challenge's results are public (libs/challenges' lifecycle: awarded, then completed). */
export const RESULTS_PUBLIC_STATUSES: readonly string[] = ['awarded', 'completed'];

export interface OpeningFacts {
  /** The agency organisation that owns the challenge. */
  agencyOrganizationId: string;
  status: string;
}

const takesPart = (e: Pick<OpeningEntry, 'organizationId' | 'memberOrganizationIds'>, organizationId: string): boolean =>
  e.organizationId === organizationId || (e.memberOrganizationIds ?? []).includes(organizationId);

/** What `user` may see of the record: all of it, a part of it, or nothing (undefined). */
export function openingFor(record: OpeningRecord, user: AuthUser | undefined, facts: OpeningFacts): OpeningRecord | undefined {
  if (actsForAgency(user, facts.agencyOrganizationId)) return record;
  if (user?.role === Role.Auditor) return record;
  const team = user?.role === Role.Team && user.organizationId !== null ? (user.organizationId as string) : null;
  const own = team ? record.entries.filter((e) => takesPart(e, team)) : [];
  const ownNotOpened = team ? (record.notOpened ?? []).filter((e) => takesPart(e, team)) : [];
  if (own.length || ownNotOpened.length) return { ...record, entries: own, notOpened: ownNotOpened };
  if (RESULTS_PUBLIC_STATUSES.includes(facts.status)) return { ...record, entries: [], notOpened: [] };
  return undefined;
}
