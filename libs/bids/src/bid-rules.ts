/**
 * The rules a bid must satisfy against its challenge (pure: no Nest, no database). The DTOs check
 * each field on its own; these check how the bid fits the challenge, and report every broken rule
 * with its field. Messages never repeat what the bid says (its text, its plans): a bid is sealed,
 * and an error message is one more place it could leak from. Amounts and counts are fine.
 *
 * Funding limits (rate, cap, budget) are NOT checked here: `FundingPolicy.assertRequest` does that.
 */
import { FieldError } from '@app/common/domain-error';

export type ConsortiumRole = 'lead' | 'member';
export const CONSORTIUM_ROLES: readonly ConsortiumRole[] = ['lead', 'member'];

export interface ApproachInput {
  /** The challenge objective's metric this part of the approach answers. */
  metric: string;
  plan: string;
}

/** `approach` is null when the proposal was sent as plain text. */
export interface ProposalInput {
  text: string;
  approach: ApproachInput[] | null;
}

export interface ConsortiumEntryInput {
  creditCode: string;
  role: ConsortiumRole;
  sharePercent: number;
}

export interface MilestoneInput {
  title: string;
  dueAt: Date;
  deliverable: string;
  trancheFen: number;
}

export interface BidInput {
  totalInvestmentFen: number;
  requestedFundingFen: number;
  proposal: ProposalInput;
  /** Empty when the organisation bids alone. */
  consortium: ConsortiumEntryInput[];
  milestones: MilestoneInput[];
}

export interface ChallengeFacts {
  objectives: { metric: string }[];
  eligibility: { orgKinds: string[]; consortiumAllowed: boolean; maxMembers: number };
  projectEndsAt: Date;
}

export interface OrgFacts {
  id: string;
  kind: string;
  creditCode: string;
  /** The registered name (what a bid's answer shows beside the credit code). */
  name?: string;
}

/** Milestones, tranches, the approach against the objectives, and the request against the investment. */
export function bidShapeErrors(input: BidInput, challenge: ChallengeFacts, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });

  if (input.requestedFundingFen > input.totalInvestmentFen) {
    err('requestedFundingFen', 'must not exceed totalInvestmentFen');
  }

  input.milestones.forEach((m, i) => {
    if (Number.isNaN(m.dueAt.getTime())) err(`milestones[${i}].dueAt`, 'is not a valid date');
    else {
      if (m.dueAt.getTime() <= now.getTime()) err(`milestones[${i}].dueAt`, 'must be in the future');
      if (m.dueAt.getTime() > challenge.projectEndsAt.getTime()) {
        err(`milestones[${i}].dueAt`, `must not be after the project ends (${challenge.projectEndsAt.toISOString()})`);
      }
    }
  });
  // Tranches are safe integers each; their sum of at most 50 stays exact below 2^53 · 50 only as a
  // BigInt, so add them as BigInts.
  const sum = input.milestones.reduce((s, m) => s + BigInt(m.trancheFen), 0n);
  if (sum !== BigInt(input.requestedFundingFen)) {
    err(
      'milestones',
      `tranches must add up exactly to requestedFundingFen (${input.requestedFundingFen} fen); they add up to ${sum} fen`,
    );
  }

  const approach = input.proposal.approach;
  if (approach !== null) {
    const wanted = new Map<string, number>();
    for (const o of challenge.objectives) wanted.set(norm(o.metric), (wanted.get(norm(o.metric)) ?? 0) + 1);
    const given = new Map<string, number>();
    approach.forEach((a, i) => {
      const key = norm(a.metric);
      given.set(key, (given.get(key) ?? 0) + 1);
      if (!wanted.has(key)) err(`proposal.approach[${i}].metric`, 'is not one of the challenge’s objectives');
      else if ((given.get(key) as number) > (wanted.get(key) as number))
        err(`proposal.approach[${i}].metric`, 'answers an objective twice');
    });
    challenge.objectives.forEach((o, i) => {
      if (!given.has(norm(o.metric)))
        err('proposal.approach', `must address objective ${i + 1} of the challenge (metric “${o.metric}”)`);
    });
  }
  return errors;
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The consortium against the challenge: allowed at all, size, one lead who is the bidding
 * organisation, shares adding up to 100, no organisation twice, every member a registered
 * organisation of an eligible kind. `registered` maps an upper-cased credit code to its organisation.
 */
export function consortiumErrors(
  consortium: ConsortiumEntryInput[],
  challenge: ChallengeFacts,
  lead: OrgFacts,
  registered: ReadonlyMap<string, OrgFacts>,
): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  if (consortium.length === 0) return errors;
  const { consortiumAllowed, maxMembers, orgKinds } = challenge.eligibility;
  if (!consortiumAllowed) {
    err('consortium', 'is not allowed: this challenge does not accept consortia');
    return errors;
  }
  if (consortium.length < 2) err('consortium', 'must list the lead and at least one member (omit it to bid alone)');
  if (consortium.length > maxMembers) {
    err('consortium', `has ${consortium.length} organisations, lead included; this challenge allows at most ${maxMembers}`);
  }
  const leads = consortium.filter((c) => c.role === 'lead');
  if (leads.length !== 1) err('consortium', `must have exactly one entry with role lead (it has ${leads.length})`);
  const total = consortium.reduce((s, c) => s + c.sharePercent, 0);
  if (total !== 100) err('consortium', `shares must add up to 100 percent (they add up to ${total})`);

  const seen = new Set<string>();
  let leadListed = false;
  consortium.forEach((c, i) => {
    const at = `consortium[${i}]`;
    const code = c.creditCode.trim().toUpperCase();
    if (seen.has(code)) err(`${at}.creditCode`, 'appears twice in the consortium');
    seen.add(code);
    if (code === lead.creditCode) {
      leadListed = true;
      if (c.role !== 'lead') err(`${at}.role`, 'must be lead: the bidding organisation leads its consortium');
      return;
    }
    if (c.role === 'lead') err(`${at}.role`, 'must be member: the lead is the bidding organisation');
    const org = registered.get(code);
    if (!org) err(`${at}.creditCode`, 'is not a registered organisation (members must register first)');
    else if (!orgKinds.includes(org.kind)) {
      err(
        `${at}.creditCode`,
        `is an organisation of kind ${org.kind}, which this challenge does not admit (${orgKinds.join(', ')})`,
      );
    }
  });
  if (!leadListed) err('consortium', 'must list the bidding organisation (the lead) with its share');
  return errors;
}
