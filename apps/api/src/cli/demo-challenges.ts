import type { INestApplicationContext } from '@nestjs/common';
import { ChallengesService } from '@app/challenges';
import type { AuthUser } from '@app/common/auth';
import { AWARDED_RACE_TITLE, seedAwardedRace } from './demo-race';
import { STAGE_TITLES, StartedStage, answerAQuestion, awardInPublicity, startPublicity, startReview } from './demo-stages';
import { startGate } from './demo-gate';
import { DAY, DemoCast, at, publishChallenge, yuan } from './demo-steps';

/** The two challenges open for bids: an open call (with a question answered) and a horse race. */
const OPEN_CALL_TITLE = '量子精密测量仪器核心部件攻关 Quantum precision measurement instrument core components';
const OPEN_RACE_TITLE = '光计算芯片赛马 Optical computing chip horse race';

const OPEN_DRAFTS = [
  {
    title: OPEN_CALL_TITLE,
    summary: '研制面向工业现场的量子精密测量仪器核心部件，实现国产化替代。',
    industry: 'quantum_information',
    field: 'test_instruments',
    mechanism: 'open_call',
    budgetFen: yuan(20_000_000),
    maxAwardFen: yuan(20_000_000),
    objectives: [{ metric: '磁场测量灵敏度 sensitivity', target: 10, unit: 'fT/√Hz' }],
    zone: 'guangming_science_city',
  },
  {
    title: OPEN_RACE_TITLE,
    summary: '三支团队并行攻关光计算芯片，两轮末位淘汰。',
    industry: 'optical_comm_computing',
    secondaryIndustry: 'brain_science',
    field: 'key_components',
    mechanism: 'horse_race',
    parallelSlots: 3,
    budgetFen: yuan(60_000_000),
    maxAwardFen: yuan(20_000_000),
    stages: [
      { name: '初赛 first round', endsAt: at(365 * DAY), advancingSlots: 2 },
      { name: '决赛 final', endsAt: at(2 * 365 * DAY), advancingSlots: 1 },
    ],
    objectives: [{ metric: '算力能效 energy efficiency', target: 100, unit: 'TOPS/W' }],
    zone: 'hitech_nanshan',
  },
];

/** Each demo challenge by title: which stage it shows and who sees that stage, for the seed's closing table. */
export const DEMO_STAGES: Array<{ title: string; stage: string; seenBy: string }> = [
  { title: OPEN_CALL_TITLE, stage: 'open for bids, a question answered', seenBy: 'team*, agency' },
  { title: OPEN_RACE_TITLE, stage: 'open for bids (horse race)', seenBy: 'team*' },
  { title: STAGE_TITLES.review, stage: 'in review: panel assigned, 2 of 6 scores in', seenBy: 'reviewer1, reviewer2, agency' },
  { title: STAGE_TITLES.publicity, stage: 'awarded, publicity running, 1 objection open', seenBy: 'agency, pm, team*' },
  { title: STAGE_TITLES.gate, stage: 'horse race: stage 1 ended, gate ready to run', seenBy: 'agency' },
  { title: AWARDED_RACE_TITLE, stage: 'active: 1 tranche paid, 1 milestone awaiting review', seenBy: 'pm, team1, team2' },
];

/** The agency's challenges by title (the seed's own titles are unique); at most 100 is plenty for a demo. */
export async function challengesByTitle(app: INestApplicationContext, agency: AuthUser) {
  const page = JSON.parse(await app.get(ChallengesService).list({ mine: true, limit: 100 } as never, agency)) as {
    items: { id: string; title: string; status: string }[];
  };
  return new Map(page.items.map((c) => [c.title, c]));
}

/**
 * The seed's past (short windows): every stage whose challenge does not exist yet. The short
 * stages are started first so that their deadlines pass while the awarded race plays out.
 */
export async function seedPast(app: INestApplicationContext, cast: DemoCast): Promise<void> {
  const existing = await challengesByTitle(app, cast.agency);
  const missing = (title: string) => !existing.has(title);
  for (const draft of OPEN_DRAFTS.filter((d) => missing(d.title))) {
    const id = await publishChallenge(app, cast.agency, {
      ...draft,
      bidDeadline: at(30 * DAY),
      projectEndsAt: at(3 * 365 * DAY),
    });
    if (draft.mechanism === 'open_call') await answerAQuestion(app, cast, id);
  }
  const started: StartedStage[] = [];
  if (missing(STAGE_TITLES.gate)) started.push(await startGate(app, cast));
  if (missing(STAGE_TITLES.review)) started.push(await startReview(app, cast));
  if (missing(STAGE_TITLES.publicity)) started.push(await startPublicity(app, cast));
  if (missing(AWARDED_RACE_TITLE)) await seedAwardedRace(app, cast);
  for (const stage of started) await stage.finish();
}

/** The seed's present (the real publicity period): the shortlisted deep-sea call is awarded, once. */
export async function seedPresent(app: INestApplicationContext, cast: DemoCast): Promise<void> {
  const deepSea = (await challengesByTitle(app, cast.agency)).get(STAGE_TITLES.publicity);
  if (deepSea?.status === 'closed') await awardInPublicity(app, cast, deepSea.id);
}
