/**
 * Consortium consent (pure: no Nest, no database). Naming an organisation as a consortium member
 * asks it to accept its place; a bid is opened at the deadline only when every member accepted.
 *
 * What counts as a change that asks again (a new version of the bid, PUT): a member's own
 * participation — its share in the consortium (a member's role is always `member`: the lead is the
 * bidding organisation). Changes to the sealed contents (proposal, money, milestones, documents) do
 * not ask again: the member never sees them, so its answer could not have been about them. A member
 * that declined is asked again by any new version: re-submitting after a decline is the lead's way
 * of asking once more. A member left out of the new version has its request removed.
 */

export const CONSENT_STATES = ['pending', 'accepted', 'declined'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];
export type ConsentAnswer = 'accepted' | 'declined';

/** Why a bid was not opened at its deadline (recorded in the opening record and on the bid). */
export const CONSENT_MISSING = 'consortium_consent_missing';

/** A member's participation as a version of the bid names it. */
export interface MemberTerms {
  organizationId: string;
  sharePercent: number;
}

/** A member's request as stored: the terms it was asked about and its answer. */
export interface StoredConsent extends MemberTerms {
  state: ConsentState;
}

/** What a new version of the bid does to the requests: ask (new or changed), keep as answered, remove. */
export interface ConsentPlan {
  ask: MemberTerms[];
  keep: string[];
  remove: string[];
}

export function planConsents(stored: readonly StoredConsent[], members: readonly MemberTerms[]): ConsentPlan {
  const before = new Map(stored.map((c) => [c.organizationId, c]));
  const named = new Set(members.map((m) => m.organizationId));
  const plan: ConsentPlan = {
    ask: [],
    keep: [],
    remove: stored.filter((c) => !named.has(c.organizationId)).map((c) => c.organizationId),
  };
  for (const m of members) {
    const old = before.get(m.organizationId);
    if (old && old.sharePercent === m.sharePercent && old.state !== 'declined') plan.keep.push(m.organizationId);
    else plan.ask.push(m);
  }
  return plan;
}

/** The consortium's consent as one word: any decline wins, then any pending; no members is complete. */
export function consortiumConsent(states: readonly ConsentState[]): 'complete' | 'pending' | 'declined' {
  if (states.includes('declined')) return 'declined';
  if (states.includes('pending')) return 'pending';
  return 'complete';
}

export type OpeningVerdict = { open: true } | { open: false; reason: typeof CONSENT_MISSING; missingOrganizationIds: string[] };

/** Whether a live bid is opened at the deadline: only when every member has accepted. */
export function openingVerdict(consents: readonly { organizationId: string; state: ConsentState }[]): OpeningVerdict {
  const missing = consents.filter((c) => c.state !== 'accepted').map((c) => c.organizationId);
  return missing.length ? { open: false, reason: CONSENT_MISSING, missingOrganizationIds: missing } : { open: true };
}

/**
 * Why an answer is refused (a 409 code), or undefined when it may be given: only before the deadline
 * (database clock) and while the bid is submitted (not withdrawn, not yet judged).
 */
export function answerRefusal(facts: { challengeOpen: boolean; bidStatus: string }): string | undefined {
  if (!facts.challengeOpen) return 'bids.consent_closed';
  if (facts.bidStatus !== 'submitted') return 'bids.consent_bid_not_submitted';
  return undefined;
}

/** An answer equal to the current state changes nothing (and records nothing); any other is a decision. */
export const answerChanges = (current: ConsentState, answer: ConsentAnswer): boolean => current !== answer;
