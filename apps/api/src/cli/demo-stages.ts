import type { INestApplicationContext } from '@nestjs/common';
import { AwardsService, ObjectionsService } from '@app/awards';
import { ReviewService } from '@app/bids';
import { QuestionsService } from '@app/challenges';
import {
  DAY,
  DemoCast,
  at,
  closeAfterDeadline,
  publishChallenge,
  reviewAndShortlist,
  scoreBid,
  submitBid,
  twoMilestones,
  yuan,
} from './demo-steps';

/**
 * The demo's challenges at the stages the awarded race (demo-race.ts) does not show: in review, in
 * publicity with an objection, and a horse race whose first stage has ended with its gate ready to
 * run. Each is published with a deadline a few seconds away (the seed's past runs with a short
 * MIN_BID_WINDOW), bid on, and taken as far as its stage through the services, nothing further.
 */
export const STAGE_TITLES = {
  review: '合成生物底盘细胞高通量构建平台 Synthetic-biology chassis cell high-throughput platform',
  publicity: '深海原位探测传感器攻关 Deep-sea in-situ sensor breakthrough',
  gate: '低轨卫星星载智能计算机赛马 LEO satellite on-board AI computer horse race',
} as const;

/** A stage started: its challenge published and bid on; `finish` takes it to its stage once the deadline has passed. */
export interface StartedStage {
  challengeId: string;
  finish: () => Promise<void>;
}

/** Each team bids (in `order`: the first of the order gets the best scores later); the bids' ids. */
async function bidAll(
  app: INestApplicationContext,
  cast: DemoCast,
  challengeId: string,
  order: number[],
  bid: (team: number) => Parameters<typeof submitBid>[3],
): Promise<string[]> {
  const ids: string[] = [];
  for (const team of order) ids.push(await submitBid(app, cast.teams[team], challengeId, bid(team)));
  await app.get(ReviewService).assignReviewers(challengeId, { userIds: cast.reviewers.map((r) => r.id) }, cast.agency);
  return ids;
}

/** In review: the panel is assigned, the first reviewer has scored two of the three bids, the second none yet. */
export async function startReview(app: INestApplicationContext, cast: DemoCast): Promise<StartedStage> {
  const bidDeadline = at(3_000);
  const challengeId = await publishChallenge(app, cast.agency, {
    title: STAGE_TITLES.review,
    summary: '建设合成生物底盘细胞自动化设计—构建—测试—学习平台，年构建通量十万株以上。',
    industry: 'synthetic_biology',
    field: 'major_equipment',
    mechanism: 'open_call',
    budgetFen: yuan(15_000_000),
    maxAwardFen: yuan(15_000_000),
    objectives: [{ metric: '年构建通量 strains per year', target: 100_000, unit: 'strains' }],
    bidDeadline,
    projectEndsAt: at(3 * 365 * DAY),
    zone: 'east_coast_biovalley',
  });
  const bidIds = await bidAll(app, cast, challengeId, [0, 1, 2], (team) => ({
    requestFen: yuan(12_000_000 - team * 1_000_000),
    text: '自动化液体工作站与机器学习驱动的菌株设计闭环。',
    approach: { metric: '年构建通量 strains per year', plan: '模块化工作站并行构建，主动学习筛选。' },
    milestones: twoMilestones(
      yuan(12_000_000 - team * 1_000_000),
      { title: '平台搭建 platform', dueAt: at(300 * DAY), deliverable: '自动化平台验收报告' },
      { title: '通量达标 throughput', dueAt: at(900 * DAY), deliverable: '年度构建通量报告' },
    ),
  }));
  const finish = async () => {
    await closeAfterDeadline(app, challengeId, bidDeadline);
    await scoreBid(app, cast.reviewers[0], bidIds[0], 0, 0);
    await scoreBid(app, cast.reviewers[0], bidIds[1], 1, 0);
  };
  return { challengeId, finish };
}

/** Ready for awarding: every bid scored and shortlisted; awarding waits for the present (`awardInPublicity`). */
export async function startPublicity(app: INestApplicationContext, cast: DemoCast): Promise<StartedStage> {
  const bidDeadline = at(3_000);
  const challengeId = await publishChallenge(app, cast.agency, {
    title: STAGE_TITLES.publicity,
    summary: '研制可在六千米水深长期工作的原位化学与物理参数传感器，替代进口。',
    industry: 'deep_earth_sea',
    field: 'test_instruments',
    mechanism: 'open_call',
    budgetFen: yuan(10_000_000),
    maxAwardFen: yuan(10_000_000),
    objectives: [{ metric: '工作水深 depth', target: 6_000, unit: 'm' }],
    bidDeadline,
    projectEndsAt: at(3 * 365 * DAY),
    zone: 'hitech_baoan',
  });
  const bidIds = await bidAll(app, cast, challengeId, [1, 0, 2], () => ({
    requestFen: yuan(9_000_000),
    text: '耐压封装与光纤传感融合的深海原位传感器。',
    approach: { metric: '工作水深 depth', plan: '钛合金耐压舱与压力平衡设计，分阶段海试。' },
    milestones: twoMilestones(
      yuan(9_000_000),
      { title: '样机海试 sea trial', dueAt: at(365 * DAY), deliverable: '三千米海试报告' },
      { title: '全深度验收 full depth', dueAt: at(800 * DAY), deliverable: '六千米海试与验收报告' },
    ),
  }));
  const finish = async () => {
    await closeAfterDeadline(app, challengeId, bidDeadline);
    await reviewAndShortlist(app, cast, challengeId, bidIds);
  };
  return { challengeId, finish };
}

/**
 * In the present (the real publicity period): the best-ranked bid is awarded and a losing team
 * lodges an objection, which holds the award in publicity until the agency resolves it.
 */
export async function awardInPublicity(app: INestApplicationContext, cast: DemoCast, challengeId: string): Promise<void> {
  const ranking = await app.get(ReviewService).ranking(challengeId, {} as never, cast.agency);
  const best = ranking.items[0];
  const project = await app
    .get(AwardsService)
    .award(challengeId, { bidId: best.bidId, amountFen: yuan(9_000_000), programManagerId: cast.programManager.id }, cast.agency);
  const objector = cast.teams.find((team) => team.organizationId !== best.organizationId) ?? cast.teams[2];
  await app
    .get(ObjectionsService)
    .lodge(
      project.id,
      { reason: '中标方案的耐压指标依据不足，请求复核第三方检测报告。The winning bid’s pressure rating lacks test evidence.' },
      objector,
    );
}

/** The open call also has a question a team asked and the agency answered. */
export async function answerAQuestion(app: INestApplicationContext, cast: DemoCast, challengeId: string): Promise<void> {
  const questions = app.get(QuestionsService);
  const asked = await questions.ask(challengeId, '联合体成员中的高校可否承担核心部件的主要研制任务？', cast.teams[2]);
  await questions.answer(
    challengeId,
    asked.id,
    '可以。高校可作为联合体成员承担核心部件研制任务，各成员的分工与经费比例须在申报书中列明。',
    cast.agency,
  );
}
