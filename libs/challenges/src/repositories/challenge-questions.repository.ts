import { EntityManager } from 'typeorm';
import { RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';

/** A question as the views need it (never who answered; the asker only to tell them it is theirs). */
export type QuestionRow = RowOf<
  'challenge_questions',
  'id' | 'challenge_id' | 'asker_id' | 'text' | 'answer_text' | 'answered_at' | 'created_at'
>;

const QUESTION_COLUMNS = rawSql('q.id, q.challenge_id, q.asker_id, q.text, q.answer_text, q.answered_at, q.created_at');
const RETURNING_COLUMNS = rawSql('id, challenge_id, asker_id, text, answer_text, answered_at, created_at');

export async function insertQuestion(
  em: EntityManager,
  question: { challengeId: string; askerId: string; askerOrganizationId: string | null; text: string },
): Promise<QuestionRow> {
  const [row] = await runSql<QuestionRow>(
    em,
    sql`INSERT INTO challenge_questions (challenge_id, asker_id, asker_organization_id, text)
        VALUES (${question.challengeId}, ${question.askerId}, ${question.askerOrganizationId}, ${question.text})
        RETURNING ${RETURNING_COLUMNS}`,
  );
  return row;
}

/** The question of that challenge, under FOR UPDATE (so it is answered once). */
export async function lockQuestion(em: EntityManager, questionId: string, challengeId: string): Promise<QuestionRow | undefined> {
  const [row] = await runSql<QuestionRow>(
    em,
    sql`SELECT ${QUESTION_COLUMNS} FROM challenge_questions q WHERE q.id = ${questionId} AND q.challenge_id = ${challengeId} FOR UPDATE`,
  );
  return row;
}

export async function answerQuestion(
  em: EntityManager,
  questionId: string,
  answerText: string,
  answeredBy: string,
): Promise<QuestionRow> {
  const [row] = await runSql<QuestionRow>(
    em,
    sql`UPDATE challenge_questions SET answer_text = ${answerText}, answered_at = now(), answered_by = ${answeredBy}
        WHERE id = ${questionId} RETURNING ${RETURNING_COLUMNS}`,
  );
  return row;
}

/** Which questions a reader sees: all of them, the answered ones, or the answered ones and their own. */
export type QuestionVisibility = { kind: 'all' } | { kind: 'answered' } | { kind: 'answered_or_asked_by'; askerId: string };

const visibilityCondition = (visibility: QuestionVisibility): Sql | undefined =>
  visibility.kind === 'all'
    ? undefined
    : visibility.kind === 'answered'
      ? sql`q.answer_text IS NOT NULL`
      : sql`(q.answer_text IS NOT NULL OR q.asker_id = ${visibility.askerId})`;

/**
 * A page of a challenge's questions, oldest first, keyset on (created_at, id), one row more than
 * `limit` (to tell whether there is a next page); `cursor_key` is created_at to the microsecond.
 */
export function listQuestions(
  em: EntityManager,
  page: { challengeId: string; visibility: QuestionVisibility; after?: { key: string; id: string }; limit: number },
): Promise<(QuestionRow & { cursor_key: string })[]> {
  const where = [sql`q.challenge_id = ${page.challengeId}`];
  const visible = visibilityCondition(page.visibility);
  if (visible) where.push(visible);
  if (page.after) where.push(sql`(q.created_at, q.id) > (${page.after.key}::timestamptz, ${page.after.id}::uuid)`);
  return runSql(
    em,
    sql`SELECT ${QUESTION_COLUMNS}, to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_key
          FROM challenge_questions q WHERE ${joinSql(where, ' AND ')} ORDER BY q.created_at, q.id LIMIT ${page.limit + 1}`,
  );
}
