import { EntityManager } from 'typeorm';
import { ConsentPlan, planConsents } from './consortium-consent-rules';
import type { StoredParticipant } from './repositories/bid-participants.repository';
import { readConsentsOfBids, writeConsentPlan } from './repositories/bid-consents.repository';

/**
 * Asks the members a version of the bid names (consortium-consent-rules.ts decides who is asked
 * again), in the bid write's transaction: a first version asks every member; a later one re-asks
 * those whose share changed (or who declined) and removes the requests of members left out.
 * `previous`: the consortium the bid had before this version (none for a first version). Requests
 * exist only for the members of a bid's current consortium, so a bid that had no member has none
 * to read — the common case, and one round trip less in a deadline rush.
 */
export async function askConsents(
  em: EntityManager,
  bid: { bidId: string; challengeId: string; revision: number },
  participants: StoredParticipant[],
  previous: StoredParticipant[] = [],
): Promise<ConsentPlan> {
  const members = membersOf(participants).map((p) => ({
    organizationId: p.organization_id,
    sharePercent: p.share_percent as number,
  }));
  const stored =
    membersOf(previous).length === 0
      ? []
      : (await readConsentsOfBids(em, [bid.bidId])).map((c) => ({
          organizationId: c.organization_id,
          sharePercent: c.share_percent,
          state: c.state,
        }));
  const plan = planConsents(stored, members);
  if (plan.ask.length || plan.remove.length) await writeConsentPlan(em, bid, plan.ask, plan.remove);
  return plan;
}

export const membersOf = (participants: StoredParticipant[]) => participants.filter((p) => p.role === 'member');

/** What the bid's ledger entry says of the requests: organisation ids only, never shares (sealed). */
export function consentAudit(plan: ConsentPlan): Record<string, string[]> {
  return {
    ...(plan.ask.length ? { consentsAsked: plan.ask.map((m) => m.organizationId) } : {}),
    ...(plan.remove.length ? { consentsRemoved: plan.remove } : {}),
  };
}
