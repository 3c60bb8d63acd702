import type { INestApplicationContext } from '@nestjs/common';
import { AwardsService } from '@app/awards';
import { ReviewService } from '@app/bids';
import { endPublicity, reportAccepted } from './demo-race';
import {
  DAY,
  DemoCast,
  at,
  closeAfterDeadline,
  publishChallenge,
  reviewAndShortlist,
  sleepUntil,
  submitBid,
  yuan,
} from './demo-steps';
import { STAGE_TITLES, StartedStage } from './demo-stages';

/** How long after publishing the first stage's milestones fall due and the stage ends (the seed waits for it). */
const MILESTONE_DUE_MS = 20_000;
const STAGE_ENDS_MS = 25_000;

/**
 * A horse race at its first gate: three teams awarded, two of them reported their stage
 * milestone and had it accepted and paid, the third reported nothing; the first stage has ended
 * (by the database's clock) and the gate has not run — the agency runs it. Stage 1 ends seconds
 * after publishing so that its end is in the past when the seed is done.
 */
export async function startGate(app: INestApplicationContext, cast: DemoCast): Promise<StartedStage> {
  const bidDeadline = at(3_000);
  const stageEnds = at(STAGE_ENDS_MS);
  const challengeId = await publishChallenge(app, cast.agency, {
    title: STAGE_TITLES.gate,
    summary: '三支团队并行研制抗辐照星载智能计算机，首轮关口后两队进入在轨验证。',
    industry: 'aerospace',
    field: 'key_components',
    mechanism: 'horse_race',
    parallelSlots: 3,
    budgetFen: yuan(30_000_000),
    maxAwardFen: yuan(10_000_000),
    stages: [
      { name: '地面样机 ground prototype', endsAt: stageEnds, advancingSlots: 2 },
      { name: '在轨验证 in-orbit validation', endsAt: at(365 * DAY), advancingSlots: 1 },
    ],
    objectives: [{ metric: '在轨算力 on-board compute', target: 20, unit: 'TOPS' }],
    bidDeadline,
    projectEndsAt: at(2 * 365 * DAY),
    zone: 'hitech_longhua',
  });
  const requests = [yuan(10_000_000), yuan(9_000_000), yuan(8_000_000)];
  const bidIds: string[] = [];
  for (const [i, team] of cast.teams.entries()) {
    const first = Math.round(requests[i] * 0.3);
    bidIds.push(
      await submitBid(app, team, challengeId, {
        requestFen: requests[i],
        text: '抗辐照异构计算架构，FPGA 与 AI 加速核三模冗余。',
        approach: { metric: '在轨算力 on-board compute', plan: '地面辐照试验后搭载试验星在轨验证。' },
        milestones: [
          {
            title: '地面样机 ground prototype',
            dueAt: at(MILESTONE_DUE_MS),
            deliverable: '样机与辐照试验报告',
            trancheFen: first,
          },
          { title: '在轨验证 in-orbit', dueAt: at(330 * DAY), deliverable: '在轨运行报告', trancheFen: requests[i] - first },
        ],
      }),
    );
  }
  await app.get(ReviewService).assignReviewers(challengeId, { userIds: cast.reviewers.map((r) => r.id) }, cast.agency);
  const finish = async () => {
    await closeAfterDeadline(app, challengeId, bidDeadline);
    await reviewAndShortlist(app, cast, challengeId, bidIds);
    const awards = app.get(AwardsService);
    const projects = [];
    for (const [i, bidId] of bidIds.entries()) {
      const dto = { bidId, amountFen: requests[i], programManagerId: cast.programManager.id };
      projects.push(await awards.award(challengeId, dto, cast.agency));
    }
    await endPublicity(app, projects);
    const report = { report: '地面样机通过总剂量辐照试验。', achieved: [{ metric: '在轨算力 on-board compute', value: 12 }] };
    await reportAccepted(app, cast, 0, projects[0], report);
    await reportAccepted(app, cast, 1, projects[1], report);
    await sleepUntil(stageEnds);
  };
  return { challengeId, finish };
}
