import type { INestApplicationContext } from '@nestjs/common';
import { BidsService, ReviewService } from '@app/bids';
import { ChallengeCloseJob, ChallengesService } from '@app/challenges';
import type { AuthUser } from '@app/common/auth';

/**
 * The steps the demo stages share, each through the service the API calls: publish a challenge,
 * bid on it as a team, let its deadline pass and close it (the worker's job, played here), score.
 */
export const DAY = 86_400_000;
export const at = (ms: number) => new Date(Date.now() + ms).toISOString();
export const yuan = (n: number) => n * 100;
export const sleepUntil = (iso: string) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(Date.parse(iso) - Date.now(), 0) + 300));

export interface DemoCast {
  agency: AuthUser;
  programManager: AuthUser;
  reviewers: AuthUser[];
  teams: AuthUser[];
}

/** What every demo challenge shares: the core-technology track, open to companies, universities and institutes. */
export const DEMO_TERMS = {
  track: 'core_tech',
  eligibility: { orgKinds: ['enterprise', 'university', 'institute'], consortiumAllowed: true, maxMembers: 5 },
} as const;

/** Creates and publishes a challenge as the agency; its id. */
export async function publishChallenge(app: INestApplicationContext, agency: AuthUser, draft: object): Promise<string> {
  const challenges = app.get(ChallengesService);
  const created = await challenges.create({ ...DEMO_TERMS, ...draft } as never, agency);
  await challenges.publish(created.id, agency);
  return created.id;
}

export interface DemoMilestone {
  title: string;
  dueAt: string;
  deliverable: string;
  trancheFen: number;
}

export interface DemoBid {
  requestFen: number;
  text: string;
  approach: { metric: string; plan: string };
  milestones: DemoMilestone[];
}

/** A team's sealed bid (it invests three times what it asks, well inside the funding rule's ratio); the bid's id. */
export async function submitBid(
  app: INestApplicationContext,
  team: AuthUser,
  challengeId: string,
  bid: DemoBid,
): Promise<string> {
  const submitted = await app.get(BidsService).submit(
    challengeId,
    {
      totalInvestmentFen: bid.requestFen * 3,
      requestedFundingFen: bid.requestFen,
      proposal: { text: bid.text, approach: [bid.approach] },
      milestones: bid.milestones,
    } as never,
    team,
  );
  return submitted.id;
}

/** Two milestones: the first carries 40 % of the request. */
export function twoMilestones(
  requestFen: number,
  first: Omit<DemoMilestone, 'trancheFen'>,
  second: Omit<DemoMilestone, 'trancheFen'>,
) {
  const firstFen = Math.round(requestFen * 0.4);
  return [
    { ...first, trancheFen: firstFen },
    { ...second, trancheFen: requestFen - firstFen },
  ];
}

/** The deadline passes; the close job (the worker's, normally) closes the challenge and opens the bids to its panel. */
export async function closeAfterDeadline(app: INestApplicationContext, challengeId: string, bidDeadline: string): Promise<void> {
  await sleepUntil(bidDeadline);
  await app.get(ChallengeCloseJob).handle({ challengeId });
}

/** A reviewer's scores of one bid: `rank` 0 is the best bid, `bias` tells the reviewers apart. */
export async function scoreBid(app: INestApplicationContext, reviewer: AuthUser, bidId: string, rank: number, bias: number) {
  const scores = [
    { criterion: 'technical', score: 90 - rank * 6 - bias * 2 },
    { criterion: 'team', score: 85 - rank * 3 },
    { criterion: 'plan', score: 80 - rank * 2 + bias },
  ];
  await app.get(ReviewService).score(bidId, { scores, comment: '方案可行，指标明确。' }, reviewer);
}

/** Every reviewer scores every bid, the panel closes and every bid is shortlisted, ready for awarding. */
export async function reviewAndShortlist(app: INestApplicationContext, cast: DemoCast, challengeId: string, bidIds: string[]) {
  const review = app.get(ReviewService);
  for (const [r, reviewer] of cast.reviewers.entries()) {
    for (const [i, bidId] of bidIds.entries()) await scoreBid(app, reviewer, bidId, i, r);
  }
  await review.closePanel(challengeId, cast.agency);
  await review.shortlist(challengeId, { bidIds }, cast.agency);
}
