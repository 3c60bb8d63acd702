import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';

/** A reviewer's sheet: `{criterion → score}`. */
export type Scores = Record<string, number>;

/** Removes the reviewer's sheet on the bid; whether there was one. */
export async function deleteScore(em: EntityManager, bidId: string, reviewerId: string): Promise<boolean> {
  const removed = await runSql(
    em,
    sql`DELETE FROM bid_scores WHERE bid_id = ${bidId} AND reviewer_id = ${reviewerId} RETURNING id`,
  );
  return removed.length > 0;
}

export async function readScore(
  em: EntityManager,
  bidId: string,
  reviewerId: string,
): Promise<RowOf<'bid_scores', 'scores' | 'revision', { scores: Scores }> | undefined> {
  const [row] = await runSql<RowOf<'bid_scores', 'scores' | 'revision', { scores: Scores }>>(
    em,
    sql`SELECT scores, revision FROM bid_scores WHERE bid_id = ${bidId} AND reviewer_id = ${reviewerId}`,
  );
  return row;
}

/** Writes the reviewer's sheet, or revises it (revision + 1). */
export async function upsertScore(
  em: EntityManager,
  sheet: RowOf<'bid_scores', 'bid_id' | 'challenge_id' | 'reviewer_id' | 'comment', { scores: Scores }>,
): Promise<RowOf<'bid_scores', 'revision' | 'updated_at' | 'comment'>> {
  const [row] = await runSql<RowOf<'bid_scores', 'revision' | 'updated_at' | 'comment'>>(
    em,
    sql`INSERT INTO bid_scores (bid_id, challenge_id, reviewer_id, scores, comment)
        VALUES (${sheet.bid_id}, ${sheet.challenge_id}, ${sheet.reviewer_id}, ${JSON.stringify(sheet.scores)}::jsonb, ${sheet.comment})
        ON CONFLICT (bid_id, reviewer_id) DO UPDATE
          SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, revision = bid_scores.revision + 1, updated_at = now()
        RETURNING revision, updated_at, comment`,
  );
  return row;
}

export function readScores(
  em: EntityManager,
  challengeId: string,
): Promise<RowOf<'bid_scores', 'bid_id' | 'reviewer_id' | 'scores', { scores: Scores }>[]> {
  return runSql<RowOf<'bid_scores', 'bid_id' | 'reviewer_id' | 'scores', { scores: Scores }>>(
    em,
    sql`SELECT bid_id, reviewer_id, scores FROM bid_scores WHERE challenge_id = ${challengeId}`,
  );
}

export type ReviewerSheetRow = RowOf<
  'bid_scores',
  'bid_id' | 'scores' | 'comment' | 'revision' | 'updated_at',
  { scores: Scores }
>;

/** One reviewer's own sheets on the challenge's live bids, in the order the bids were submitted. */
export function readReviewerSheets(em: EntityManager, challengeId: string, reviewerId: string): Promise<ReviewerSheetRow[]> {
  return runSql<ReviewerSheetRow>(
    em,
    sql`SELECT s.bid_id, s.scores, s.comment, s.revision, s.updated_at
          FROM bid_scores s JOIN bids b ON b.id = s.bid_id AND b.status <> 'withdrawn'
         WHERE s.challenge_id = ${challengeId} AND s.reviewer_id = ${reviewerId}
         ORDER BY b.submitted_at, b.id`,
  );
}
