/**
 * Pure rules of awarding (no Nest, no database): tranche scaling, stage mapping, who may be
 * awarded, and the limits an award is judged by. The funding rule itself is judged by
 * `FundingPolicy.assertRequest` (libs/funding-rules); nothing here does cap arithmetic of the policy.
 */
import { conflict, ruleViolation } from '@app/common/domain-error';

/**
 * Scales a plan's tranches to an award amount so that they add up to it exactly (largest-remainder
 * method on integer fen). Each tranche gets floor(t × amount / total); the fen left over go one each
 * to the tranches with the largest remainders (on a tie, the earlier tranche). Exact in BigInt, so
 * t × amount never loses precision. When amount = total the plan is returned unchanged.
 */
export function scaleTranches(tranches: readonly number[], amountFen: number): number[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError('amountFen must be a non-negative safe integer');
  for (const t of tranches)
    if (!Number.isSafeInteger(t) || t < 0) throw new RangeError('tranches must be non-negative safe integers');
  if (tranches.length === 0) {
    if (amountFen !== 0) throw new RangeError('cannot scale an empty plan to a positive amount');
    return [];
  }
  const total = tranches.reduce((a, b) => a + b, 0);
  if (!Number.isSafeInteger(total)) throw new RangeError('the tranches add up beyond a safe integer');
  if (total === amountFen) return [...tranches];
  if (total === 0) {
    // Nothing to be proportional to: spread evenly (remainder to the earliest tranches).
    const each = Math.floor(amountFen / tranches.length);
    const extra = amountFen - each * tranches.length;
    return tranches.map((_, i) => each + (i < extra ? 1 : 0));
  }
  const T = BigInt(total);
  const A = BigInt(amountFen);
  const floors: number[] = [];
  const remainders: { i: number; r: bigint }[] = [];
  let assigned = 0;
  tranches.forEach((t, i) => {
    const p = BigInt(t) * A;
    const q = p / T;
    floors.push(Number(q));
    assigned += Number(q);
    remainders.push({ i, r: p - q * T });
  });
  let left = amountFen - assigned; // < tranches.length
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return floors;
}

export interface StageLike {
  endsAt: string | Date;
}

/** The 0-based stage a milestone due at `dueAt` belongs to: the first stage ending at or after it; null after the last. */
export function stageIndexOf(dueAt: Date, stages: readonly StageLike[]): number | null {
  const t = dueAt.getTime();
  for (let i = 0; i < stages.length; i++) {
    if (t <= new Date(stages[i].endsAt).getTime()) return i;
  }
  return null;
}

/** How many projects a challenge may award: one for an open call, `parallelSlots` for a horse race. */
export function slotsOf(mechanism: string, parallelSlots: number): number {
  return mechanism === 'open_call' ? 1 : parallelSlots;
}

/** Only shortlisted bids may be awarded, or submitted ones when the challenge had no review panel. */
export function assertAwardableBid(status: string, hasPanel: boolean, bidId: string): void {
  if (status === 'shortlisted' || (status === 'submitted' && !hasPanel)) return;
  throw conflict(
    'awards.bid_not_awardable',
    hasPanel
      ? `Bid ${bidId} is ${status}; only a shortlisted bid can be awarded (the challenge had a review panel).`
      : `Bid ${bidId} is ${status}; only a submitted or shortlisted bid can be awarded.`,
    { bidId, bidStatus: status, reviewPanel: hasPanel },
  );
}

export interface AwardChallengeFacts {
  id: string;
  status: string;
  mechanism: string;
  parallelSlots: number;
  awardedCount: number;
}

/** 409 unless the challenge is closed and has a slot left. */
export function assertSlotLeft(c: AwardChallengeFacts): void {
  if (c.status !== 'closed') {
    throw conflict('awards.challenge_not_closed', `The challenge is ${c.status}; awards are made only on a closed challenge.`, {
      status: c.status,
    });
  }
  const slots = slotsOf(c.mechanism, c.parallelSlots);
  if (c.awardedCount >= slots) {
    throw conflict(
      'awards.no_slot_left',
      c.mechanism === 'open_call'
        ? 'An open call has one award, and it has been made.'
        : `All ${slots} parallel slots of this horse race are awarded.`,
      { slots, awarded: c.awardedCount },
    );
  }
}

/**
 * The limits of the challenge and the bid on one award (422): never more than the bid asked for,
 * never more than the challenge's per-award maximum. The funding rule and the budget are judged by
 * the funding policy afterwards.
 */
export function assertWithinBidAndMaximum(amountFen: number, requestedFen: number, maxAwardFen: number | null): void {
  if (amountFen > requestedFen) {
    throw ruleViolation(
      'awards.exceeds_request',
      `The award of ${amountFen} fen exceeds the bid's request of ${requestedFen} fen.`,
      {
        rule: 'award.within_request',
        capFen: requestedFen,
        allowedFen: maxAwardFen === null ? requestedFen : Math.min(requestedFen, maxAwardFen),
        requestedFen: amountFen,
      },
    );
  }
  if (maxAwardFen !== null && amountFen > maxAwardFen) {
    throw ruleViolation(
      'awards.exceeds_max_award',
      `The award of ${amountFen} fen exceeds the challenge's per-award maximum of ${maxAwardFen} fen.`,
      { rule: 'challenge.max_award', capFen: maxAwardFen, allowedFen: maxAwardFen, requestedFen: amountFen },
    );
  }
}

/** The tightest per-project limit stored on the project row (its CHECK compares granted_fen with it). */
export function projectCap(limits: {
  rateLimitFen: number | null;
  ruleCapFen: number | null;
  maxAwardFen: number | null;
  budgetFen: number;
}): number {
  const candidates = [limits.rateLimitFen, limits.ruleCapFen, limits.maxAwardFen].filter((v): v is number => v !== null);
  return candidates.length ? Math.min(...candidates) : limits.budgetFen;
}
