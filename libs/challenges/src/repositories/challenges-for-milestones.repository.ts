import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';

/**
 * Fragments of `challenges` that libs/milestones composes into its sweeps and read models: who
 * the agency is, the horse-race stages that have ended, the columns the portfolio and the ledger
 * show. A fragment's column list is its contract.
 */

/** `SELECT agency_id` (the officer who created it, to whom its notices go) of the challenge `challengeId` (a column). */
export const challengeAgencyOf = (challengeId: Sql): Sql => sql`SELECT c.agency_id FROM challenges c WHERE c.id = ${challengeId}`;

/** `SELECT id` of an agency organisation's challenges. */
export const challengeIdsOfAgency = (agencyOrganizationId: string): Sql =>
  sql`SELECT c.id FROM challenges c WHERE c.agency_organization_id = ${agencyOrganizationId}`;

/** `SELECT id, title, industry, budget_fen` of every challenge, or of one agency organisation's. */
export const ledgerChallenges = (agencyOrganizationId: string | null): Sql =>
  sql`SELECT c.id, c.title, c.industry, c.budget_fen FROM challenges c ${
    agencyOrganizationId === null ? rawSql('') : sql`WHERE c.agency_organization_id = ${agencyOrganizationId}`
  }`;

/**
 * The stages of awarded horse races that have ended (database clock):
 * `SELECT challenge_id, agency_id, title, stage, stage_name, ends_at`.
 */
export const endedHorseRaceStages = (): Sql =>
  sql`SELECT c.id AS challenge_id, c.agency_id, c.title, s.ord AS stage, coalesce(s.v->>'name', '') AS stage_name,
             (s.v->>'endsAt')::timestamptz AS ends_at
        FROM challenges c CROSS JOIN LATERAL jsonb_array_elements(c.stages) WITH ORDINALITY AS s(v, ord)
       WHERE c.mechanism = 'horse_race' AND c.status = 'awarded' AND (s.v->>'endsAt')::timestamptz <= now()`;

/** A scalar: when the next stage of an awarded horse race ends (null: none ahead). */
export const nextHorseRaceStageEnd = (): Sql =>
  sql`(SELECT min((s.v->>'endsAt')::timestamptz) FROM challenges c CROSS JOIN LATERAL jsonb_array_elements(c.stages) AS s(v)
        WHERE c.mechanism = 'horse_race' AND c.status = 'awarded' AND (s.v->>'endsAt')::timestamptz > now())`;

// ---- Notices (libs/milestones/src/notices) ----------------------------------------------------

export type ChallengeForNotices = RowOf<'challenges', 'id' | 'title' | 'agency_id' | 'agency_organization_id'>;

/** The challenge a ledger entry is about: its title and whose it is (the officers are read from identity). */
export async function challengeForNotices(em: EntityManager, challengeId: string): Promise<ChallengeForNotices | undefined> {
  const [row] = await runSql<ChallengeForNotices>(
    em,
    sql`SELECT c.id, c.title, c.agency_id, c.agency_organization_id FROM challenges c WHERE c.id = ${challengeId}`,
  );
  return row;
}

/** Who asked a question (never shown to anyone but the asker; the notice of its answer goes to them). */
export async function questionAskerForNotices(
  em: EntityManager,
  questionId: string,
): Promise<RowOf<'challenge_questions', 'asker_id' | 'asker_organization_id'> | undefined> {
  const [row] = await runSql<RowOf<'challenge_questions', 'asker_id' | 'asker_organization_id'>>(
    em,
    sql`SELECT q.asker_id, q.asker_organization_id FROM challenge_questions q WHERE q.id = ${questionId}`,
  );
  return row;
}

/**
 * `SELECT id, title, bid_deadline` of the published challenges still open for bids whose deadline
 * is within `withinMs` of the database's now() (for the bid-deadline reminders).
 */
export const challengesClosingWithin = (withinMs: number): Sql =>
  sql`SELECT c.id, c.title, c.bid_deadline FROM challenges c
       WHERE c.status = 'published' AND c.bid_deadline > now()
         AND c.bid_deadline <= now() + ${withinMs} * interval '1 millisecond'`;
