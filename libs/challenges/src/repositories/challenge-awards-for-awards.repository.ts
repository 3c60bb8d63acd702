import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';

/**
 * The challenge's award counters and status as awards move them: an award adds to them, an upheld
 * objection gives back, finishing marks the challenge awarded. The CHECKs (awarded_fen ≤ budget_fen,
 * awarded_count ≤ parallel_slots) refuse any overrun whatever the caller checked.
 */

export type ChallengeCounters = RowOf<'challenges', 'awarded_fen' | 'awarded_count'>;

/**
 * `<cteName> AS (UPDATE challenges … RETURNING status, awarded_fen, awarded_count)`: one award of
 * `amountFen` on the challenge; the last of its `slots` moves it to `awarded`. Placed in the
 * award's one write statement, under the challenge row lock the caller holds.
 */
export function addAwardToChallengeCte(cteName: string, challengeId: string, amountFen: number, slots: number): Sql {
  return sql`${rawSql(cteName)} AS (
           UPDATE challenges
              SET awarded_fen = awarded_fen + ${amountFen}, awarded_count = awarded_count + 1,
                  status = CASE WHEN awarded_count + 1 >= ${slots} THEN 'awarded' ELSE status END, updated_at = now()
            WHERE id = ${challengeId}
           RETURNING status, awarded_fen, awarded_count
         )`;
}

/** A revoked award gives back the money not paid and its slot; the counters after. */
export async function returnAwardToChallenge(
  em: EntityManager,
  challengeId: string,
  returnedFen: number,
): Promise<ChallengeCounters> {
  const [after] = await runSql<ChallengeCounters>(
    em,
    sql`UPDATE challenges SET awarded_fen = awarded_fen - ${returnedFen}, awarded_count = awarded_count - 1, updated_at = now()
         WHERE id = ${challengeId} RETURNING awarded_fen, awarded_count`,
  );
  return after;
}

/** The agency is done awarding: the challenge is `awarded`. */
export async function markChallengeAwarded(em: EntityManager, challengeId: string): Promise<void> {
  await runSql(em, sql`UPDATE challenges SET status = 'awarded', updated_at = now() WHERE id = ${challengeId}`);
}

/**
 * A merge at a gate (强强联合): `mergedCount` awards became one, and the grants not carried into the
 * merged grant (`releasedFen`) return to the budget. The counters after.
 */
export async function mergeAwardsInChallenge(
  em: EntityManager,
  challengeId: string,
  releasedFen: number,
  mergedCount: number,
): Promise<ChallengeCounters> {
  const [after] = await runSql<ChallengeCounters>(
    em,
    sql`UPDATE challenges SET awarded_fen = awarded_fen - ${releasedFen}, awarded_count = awarded_count - ${mergedCount - 1},
               updated_at = now()
         WHERE id = ${challengeId} RETURNING awarded_fen, awarded_count`,
  );
  return after;
}
