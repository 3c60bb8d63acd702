import type { Client } from 'pg';
import type TestAgent from 'supertest/lib/agent';
import { bidBody, challengeBody, isoIn } from '@app/bids/testing/fixtures';
import { bearer, type Session } from './factories';

const API = '/api/v1';
const DAY = 86_400_000;

/** What the horse-race suites (gate publicity, merges, their browser test) share to build a race. */
export interface RaceParties {
  http: TestAgent;
  db: Client;
  agency: Session;
  /** One per project: team i leads p[i]. */
  teams: Session[];
}

/**
 * A horse race of one project per team (10,000,000 CNY each, two stages: 2 advance at gate 1, then
 * 1), awarded through the api and brought to its first gate in SQL, where the api would need months:
 * the deadline passed, stage 1 ended, and milestone 0 of p0 and p1 met, p2's partially met.
 */
export async function raceAtFirstGate({ http, db, agency, teams }: RaceParties): Promise<{ challengeId: string; p: string[] }> {
  const body = challengeBody({
    mechanism: 'horse_race',
    parallelSlots: teams.length,
    budgetFen: teams.length * 1_000_000_000,
    stages: [
      { name: '第一阶段', endsAt: isoIn(150 * DAY), advancingSlots: 2 },
      { name: '第二阶段', endsAt: isoIn(250 * DAY), advancingSlots: 1 },
    ],
  });
  const challengeId = (await http.post(`${API}/challenges`).set(bearer(agency)).send(body).expect(201)).body.id as string;
  await http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
  const bids: string[] = [];
  for (const team of teams) {
    const bid = http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(team)).send(bidBody({}));
    bids.push((await bid.expect(201)).body.id);
  }
  await db.query(
    `UPDATE challenges SET bid_deadline = now() - interval '1 second', status = 'closed', closed_at = now() WHERE id = $1`,
    [challengeId],
  );
  const p: string[] = [];
  for (const bidId of bids) {
    const award = http
      .post(`${API}/challenges/${challengeId}/awards`)
      .set(bearer(agency))
      .send({ bidId, amountFen: 1_000_000_000 });
    p.push((await award.expect(201)).body.id);
  }
  await endStage(db, challengeId, 0);
  for (const [i, status] of ['met', 'met', 'partially_met'].entries())
    await db.query(`UPDATE project_milestones SET status = $2 WHERE project_id = $1 AND seq = 0`, [p[i], status]);
  return { challengeId, p };
}

/** Moves the end of stage `index` (0-based) one second into the past. */
export const endStage = (db: Client, challengeId: string, index: number) =>
  db.query(`UPDATE challenges SET stages = jsonb_set(stages, $2::text[], to_jsonb(now() - interval '1 second')) WHERE id = $1`, [
    challengeId,
    `{${index},endsAt}`,
  ]);
