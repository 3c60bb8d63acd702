/**
 * Who reads which ledger entries (pure; the SQL in audit-entries.repository.ts says the same).
 *
 *  - everyone, signed in or not: the public entries;
 *  - an auditor (监督): every entry, except that sealed facts — who bid, and when — stay sealed
 *    until the challenge's bid deadline, for auditors as for everyone (procurement law: the number
 *    and names of applicants are confidential until the opening);
 *  - the agency that owns a challenge: its challenge's entries, public or not, once the deadline
 *    has passed (who bid, the reviewer assignments, the conflicts).
 *
 * Fails closed: a role not named here reads only public entries.
 */
import { AuthUser, Role } from '@app/common/auth';

export type LedgerReader = 'auditor' | 'agency' | 'public';

/** Actions whose entries tell who bid or what they bid: sealed until the deadline. */
export const SEALED_ACTION_PREFIXES: readonly string[] = ['bid.'];

export const isSealedAction = (action: string): boolean => SEALED_ACTION_PREFIXES.some((p) => action.startsWith(p));

export function ledgerReaderOf(user: Pick<AuthUser, 'role'> | undefined): LedgerReader {
  if (user?.role === Role.Auditor) return 'auditor';
  if (user?.role === Role.Agency) return 'agency';
  return 'public';
}

/** What the rule knows of the entry's challenge, for this reader. */
export interface EntryChallengeFacts {
  /** The challenge was published and its bid deadline has passed (database clock). */
  unsealed: boolean;
  /** The reader's agency owns the challenge (libs/challenges' owner check). */
  owned: boolean;
}

export function mayReadEntry(
  reader: LedgerReader,
  entry: { public: boolean; action: string; challengeId: string | null },
  facts: EntryChallengeFacts | null,
): boolean {
  if (entry.public) return true;
  const unsealed = facts?.unsealed ?? false;
  if (reader === 'auditor') return entry.challengeId === null || !isSealedAction(entry.action) || unsealed;
  if (reader === 'agency') return entry.challengeId !== null && unsealed && (facts?.owned ?? false);
  return false;
}

/** Auditors see who acted; everyone else sees the public rule's actor (public-actor.ts). */
export const seesEveryActor = (reader: LedgerReader): boolean => reader === 'auditor';
