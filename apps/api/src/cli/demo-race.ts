import type { INestApplicationContext } from '@nestjs/common';
import { AwardsService, ProjectPublicityEndJob } from '@app/awards';
import { BidsService, ReviewService } from '@app/bids';
import { ChallengeCloseJob, ChallengesService } from '@app/challenges';
import type { AuthUser } from '@app/common/auth';
import { DisbursementService, MilestonesService } from '@app/milestones';

/**
 * A horse race that has already run its course, so that a first look at the web app shows every
 * screen with something in it: three teams awarded (the slots full, budget left), the publicity
 * period over, one milestone accepted and its tranche paid, one awaiting the program manager's
 * review, one team with nothing submitted yet.
 *
 * Every step goes through the same services as the API (funding rules, audit ledger, database
 * checks); only the waits are short. The seed runs with MIN_BID_WINDOW, PUBLICITY_PERIOD and
 * DISBURSEMENT_DELAY of a few seconds (set by seed-demo.ts for its own process only), and plays
 * the worker's part for the three dated steps by calling the job handlers themselves.
 */
export const DEMO_RACE_SETTINGS = { MIN_BID_WINDOW: 'PT2S', PUBLICITY_PERIOD: 'PT2S', DISBURSEMENT_DELAY: 'PT0S' } as const;

const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleepUntil = (iso: string) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(Date.parse(iso) - Date.now(), 0) + 300));
const yuan = (n: number) => n * 100;

export interface DemoCast {
  agency: AuthUser;
  programManager: AuthUser;
  reviewers: AuthUser[];
  teams: AuthUser[];
}

export async function seedAwardedRace(app: INestApplicationContext, cast: DemoCast): Promise<string[][]> {
  const requests = [yuan(20_000_000), yuan(18_000_000), yuan(15_000_000)];
  const { challengeId, bidDeadline } = await publishRace(app, cast);
  const bidIds = await submitRaceBids(app, cast, challengeId, requests);

  // The deadline passes; the close job (the worker's, normally) closes the challenge.
  await app.get(ReviewService).assignReviewers(challengeId, { userIds: cast.reviewers.map((r) => r.id) }, cast.agency);
  await sleepUntil(bidDeadline);
  await app.get(ChallengeCloseJob).handle({ challengeId });
  await reviewRace(app, cast, challengeId, bidIds);

  const awards = app.get(AwardsService);
  const projects = [];
  for (const [i, bidId] of bidIds.entries()) {
    projects.push(
      await awards.award(challengeId, { bidId, amountFen: requests[i], programManagerId: cast.programManager.id }, cast.agency),
    );
  }

  // The publicity period ends (the worker's job, normally): the projects turn active.
  await sleepUntil(projects[projects.length - 1].publicityEndsAt);
  for (const p of projects) await app.get(ProjectPublicityEndJob).handle({ projectId: p.id });
  await reportFirstMilestones(app, cast, projects);
  return [[`challenge (horse_race, awarded)`, challengeId, '类脑芯片赛马', '3 projects, 1 tranche paid']];
}

async function publishRace(app: INestApplicationContext, cast: DemoCast): Promise<{ challengeId: string; bidDeadline: string }> {
  const challenges = app.get(ChallengesService);
  const bidDeadline = at(3_000);
  const draft = await challenges.create(
    {
      title: '类脑芯片赛马（已立项）Brain-inspired chip horse race (awarded)',
      summary: '三支团队并行研制类脑计算芯片，首轮关口淘汰一队。Three teams build neuromorphic chips in parallel.',
      industry: 'brain_science',
      field: 'key_components',
      mechanism: 'horse_race',
      track: 'core_tech',
      parallelSlots: 3,
      budgetFen: yuan(60_000_000),
      maxAwardFen: yuan(20_000_000),
      stages: [
        { name: '样片验证 prototype', endsAt: at(180 * DAY), advancingSlots: 2 },
        { name: '系统交付 delivery', endsAt: at(360 * DAY), advancingSlots: 1 },
      ],
      objectives: [{ metric: '神经元规模 neurons', target: 1_000_000, unit: 'neurons' }],
      eligibility: { orgKinds: ['enterprise', 'university', 'institute'], consortiumAllowed: true, maxMembers: 5 },
      bidDeadline,
      projectEndsAt: at(2 * 365 * DAY),
      zone: 'hitech_nanshan',
    } as never,
    cast.agency,
  );
  await challenges.publish(draft.id, cast.agency);
  return { challengeId: draft.id, bidDeadline };
}

async function submitRaceBids(
  app: INestApplicationContext,
  cast: DemoCast,
  challengeId: string,
  requests: number[],
): Promise<string[]> {
  const bids = app.get(BidsService);
  const bidIds: string[] = [];
  for (const [i, team] of cast.teams.entries()) {
    const first = Math.round(requests[i] * 0.4);
    const bid = await bids.submit(
      challengeId,
      {
        totalInvestmentFen: requests[i] * 3,
        requestedFundingFen: requests[i],
        proposal: {
          text: `团队 ${i + 1} 的类脑芯片方案：存算一体阵列与脉冲神经网络编译器。`,
          approach: [{ metric: '神经元规模 neurons', plan: '多核片上网络，逐代扩展神经元规模。' }],
        },
        milestones: [
          { title: '样片流片 prototype', dueAt: at(90 * DAY), deliverable: '样片与测试报告', trancheFen: first },
          { title: '系统交付 delivery', dueAt: at(330 * DAY), deliverable: '类脑计算系统', trancheFen: requests[i] - first },
        ],
      } as never,
      team,
    );
    bidIds.push(bid.id);
  }
  return bidIds;
}

async function reviewRace(app: INestApplicationContext, cast: DemoCast, challengeId: string, bidIds: string[]): Promise<void> {
  const review = app.get(ReviewService);
  for (const [r, reviewer] of cast.reviewers.entries()) {
    for (const [i, bidId] of bidIds.entries()) {
      const scores = [
        { criterion: 'technical', score: 90 - i * 6 - r * 2 },
        { criterion: 'team', score: 85 - i * 3 },
        { criterion: 'plan', score: 80 - i * 2 + r },
      ];
      await review.score(bidId, { scores, comment: '方案可行，指标明确。' }, reviewer);
    }
  }
  await review.closePanel(challengeId, cast.agency);
  await review.shortlist(challengeId, { bidIds }, cast.agency);
}

/** Team 1's first milestone is accepted and paid; team 2's waits for review. */
async function reportFirstMilestones(
  app: INestApplicationContext,
  cast: DemoCast,
  projects: { id: string; milestones: { id: string }[] }[],
): Promise<void> {
  const milestones = app.get(MilestonesService);
  const report = {
    report: '样片流片完成，百万神经元规模实测通过。',
    achieved: [{ metric: '神经元规模 neurons', value: 1_048_576 }],
  };
  const m1 = projects[0].milestones[0];
  await milestones.submit(projects[0].id, m1.id, report as never, cast.teams[0]);
  await milestones.review(
    projects[0].id,
    m1.id,
    { decision: 'accept', comment: '指标达成，验收通过。' } as never,
    cast.programManager,
  );
  await app.get(DisbursementService).pay(m1.id);
  await milestones.submit(projects[1].id, projects[1].milestones[0].id, report as never, cast.teams[1]);
}
