import type { INestApplicationContext } from '@nestjs/common';
import { AwardsService, ProjectPublicityEndJob } from '@app/awards';
import { ReviewService } from '@app/bids';
import { DisbursementService, MilestonesService } from '@app/milestones';
import {
  DAY,
  DemoCast,
  at,
  closeAfterDeadline,
  publishChallenge,
  reviewAndShortlist,
  sleepUntil,
  submitBid,
  twoMilestones,
  yuan,
} from './demo-steps';

/**
 * A horse race that has already run its course, so that a first look at the web app shows every
 * screen with something in it: three teams awarded (the slots full, budget left), the publicity
 * period over, one milestone accepted and its tranche paid, one awaiting the program manager's
 * review, one team with nothing submitted yet.
 *
 * Every step goes through the same services as the API (funding rules, audit ledger, database
 * checks); only the waits are short. The seed's past runs with MIN_BID_WINDOW, PUBLICITY_PERIOD and
 * DISBURSEMENT_DELAY of a few seconds (set by seed-demo.ts for that application context only), and
 * plays the worker's part for the dated steps by calling the job handlers themselves.
 */
export const DEMO_RACE_SETTINGS = { MIN_BID_WINDOW: 'PT2S', PUBLICITY_PERIOD: 'PT2S', DISBURSEMENT_DELAY: 'PT0S' } as const;

export const AWARDED_RACE_TITLE = '类脑芯片赛马（已立项）Brain-inspired chip horse race (awarded)';

export async function seedAwardedRace(app: INestApplicationContext, cast: DemoCast): Promise<string> {
  const requests = [yuan(20_000_000), yuan(18_000_000), yuan(15_000_000)];
  const bidDeadline = at(3_000);
  const challengeId = await publishChallenge(app, cast.agency, {
    title: AWARDED_RACE_TITLE,
    summary: '三支团队并行研制类脑计算芯片，首轮关口淘汰一队。Three teams build neuromorphic chips in parallel.',
    industry: 'brain_science',
    field: 'key_components',
    mechanism: 'horse_race',
    parallelSlots: 3,
    budgetFen: yuan(60_000_000),
    maxAwardFen: yuan(20_000_000),
    stages: [
      { name: '样片验证 prototype', endsAt: at(180 * DAY), advancingSlots: 2 },
      { name: '系统交付 delivery', endsAt: at(360 * DAY), advancingSlots: 1 },
    ],
    objectives: [{ metric: '神经元规模 neurons', target: 1_000_000, unit: 'neurons' }],
    bidDeadline,
    projectEndsAt: at(2 * 365 * DAY),
    zone: 'hitech_nanshan',
  });
  const bidIds: string[] = [];
  for (const [i, team] of cast.teams.entries()) {
    bidIds.push(
      await submitBid(app, team, challengeId, {
        requestFen: requests[i],
        text: `团队 ${i + 1} 的类脑芯片方案：存算一体阵列与脉冲神经网络编译器。`,
        approach: { metric: '神经元规模 neurons', plan: '多核片上网络，逐代扩展神经元规模。' },
        milestones: twoMilestones(
          requests[i],
          { title: '样片流片 prototype', dueAt: at(90 * DAY), deliverable: '样片与测试报告' },
          { title: '系统交付 delivery', dueAt: at(330 * DAY), deliverable: '类脑计算系统' },
        ),
      }),
    );
  }
  await app.get(ReviewService).assignReviewers(challengeId, { userIds: cast.reviewers.map((r) => r.id) }, cast.agency);
  await closeAfterDeadline(app, challengeId, bidDeadline);
  await reviewAndShortlist(app, cast, challengeId, bidIds);

  const awards = app.get(AwardsService);
  const projects = [];
  for (const [i, bidId] of bidIds.entries()) {
    projects.push(
      await awards.award(challengeId, { bidId, amountFen: requests[i], programManagerId: cast.programManager.id }, cast.agency),
    );
  }
  await endPublicity(app, projects);
  await reportFirstMilestones(app, cast, projects);
  return challengeId;
}

/** The publicity period ends (the worker's job, normally): the projects turn active. */
export async function endPublicity(app: INestApplicationContext, projects: { id: string; publicityEndsAt: string }[]) {
  await sleepUntil(projects[projects.length - 1].publicityEndsAt);
  for (const p of projects) await app.get(ProjectPublicityEndJob).handle({ projectId: p.id });
}

/** A team reports its milestone; the program manager accepts it and its tranche is paid. */
export async function reportAccepted(
  app: INestApplicationContext,
  cast: DemoCast,
  team: number,
  project: { id: string; milestones: { id: string }[] },
  report: object,
): Promise<void> {
  const milestones = app.get(MilestonesService);
  const m = project.milestones[0];
  await milestones.submit(project.id, m.id, report as never, cast.teams[team]);
  await milestones.review(
    project.id,
    m.id,
    { decision: 'accept', comment: '指标达成，验收通过。' } as never,
    cast.programManager,
  );
  await app.get(DisbursementService).pay(m.id);
}

/** Team 1's first milestone is accepted and paid; team 2's waits for review. */
async function reportFirstMilestones(
  app: INestApplicationContext,
  cast: DemoCast,
  projects: { id: string; milestones: { id: string }[] }[],
): Promise<void> {
  const report = {
    report: '样片流片完成，百万神经元规模实测通过。',
    achieved: [{ metric: '神经元规模 neurons', value: 1_048_576 }],
  };
  await reportAccepted(app, cast, 0, projects[0], report);
  await app.get(MilestonesService).submit(projects[1].id, projects[1].milestones[0].id, report as never, cast.teams[1]);
}
