import { EntityManager } from 'typeorm';
import { AuthUser, Role, actsForAgency } from '@app/common/auth';
import { forbidden, notFound } from '@app/common/domain-error';
import { Sql, rawSql, runSql, sql } from '@app/database';
import { CHALLENGE_COLUMNS, ChallengeRow } from '../dto/views';

/**
 * The one way any library reads a challenge row to write something that depends on it: under the
 * lock its caller needs, with the database's clock and its verdicts on the deadline, and checked
 * against the caller by one rule with one error code (`challenges.not_owner`).
 */
export interface LockedChallenge extends ChallengeRow {
  /** The database's now(), so deadlines are judged by one clock. */
  db_now: Date;
  /** Published and before its deadline: bids may be written. */
  open: boolean;
  /** Published once and past its deadline: sealed contents may be read by its agency and reviewers. */
  unsealed: boolean;
}

/** FOR UPDATE serialises writers of the challenge (awards, gates, deadline moves); FOR SHARE lets bids run side by side while the close job waits. */
export type ChallengeLockMode = 'FOR UPDATE' | 'FOR SHARE' | 'none';

const LOCKED_COLUMNS = rawSql(`${CHALLENGE_COLUMNS.map((c) => `c.${c}`).join(', ')},
  now() AS db_now,
  (c.status = 'published' AND now() < c.bid_deadline) AS open,
  (c.published_at IS NOT NULL AND now() >= c.bid_deadline) AS unsealed`);

const lockClause = (mode: ChallengeLockMode): Sql => rawSql(mode === 'none' ? '' : mode);

/**
 * `<name> AS (SELECT <the LockedChallenge columns> FROM challenges c WHERE c.id = … AND published <mode>)`:
 * the published challenge under `mode`, as the first part of a statement that goes on to lock a
 * row of its own (Postgres materialises a locking CTE, so the challenge is locked first). Empty
 * for a draft or an unknown id.
 */
export function publishedChallengeLockedCte(name: string, challengeId: string, mode: ChallengeLockMode): Sql {
  return sql`${rawSql(name)} AS (
    SELECT ${LOCKED_COLUMNS} FROM challenges c WHERE c.id = ${challengeId} AND c.published_at IS NOT NULL ${lockClause(mode)})`;
}

export const challengeNotFound = (id: string) => notFound('challenges.not_found', `No challenge ${id}.`);

/**
 * The agency organisation an agency user acts for; 403 `challenges.agency_without_organization`
 * when an admin has not (or no longer) made them an officer of one.
 */
export function agencyOrganizationOf(user: AuthUser): string {
  if (user.organizationId === null) {
    throw forbidden(
      'challenges.agency_without_organization',
      'This agency account belongs to no agency organisation; an admin must add it to one first.',
    );
  }
  return user.organizationId;
}

export const notChallengeOwner = () =>
  forbidden('challenges.not_owner', 'Only the agency that published this challenge may do this.');

/** Who may see a challenge: everyone once published; before that its agency's officers and admins. */
export function canSeeChallenge(
  row: Pick<ChallengeRow, 'published_at' | 'agency_organization_id'>,
  user: AuthUser | undefined,
): boolean {
  if (row.published_at !== null) return true;
  if (!user) return false;
  return user.role === Role.Admin || isChallengeOwner(row, user);
}

/** The challenge belongs to the caller's agency: any officer of the owning organisation, not only its creator. */
export function isChallengeOwner(row: Pick<ChallengeRow, 'agency_organization_id'>, user: AuthUser | undefined): boolean {
  return actsForAgency(user, row.agency_organization_id);
}

/** `isChallengeOwner` as a condition on the challenges row `c` (keep the two in step). */
export function challengeOwnerSql(user: AuthUser | undefined): Sql {
  return user?.role === Role.Agency && user.organizationId !== null
    ? sql`c.agency_organization_id = ${user.organizationId}`
    : sql`false`;
}

/** The row under `mode`, or undefined when there is none. */
export async function readChallengeLocked(
  em: EntityManager,
  challengeId: string,
  mode: ChallengeLockMode,
): Promise<LockedChallenge | undefined> {
  const [row] = await runSql<LockedChallenge>(
    em,
    sql`SELECT ${LOCKED_COLUMNS} FROM challenges c WHERE c.id = ${challengeId} ${lockClause(mode)}`,
  );
  return row;
}

/** A published challenge (any status since): 404 for a draft or an unknown id, whoever asks. */
export async function lockPublishedChallenge(
  em: EntityManager,
  challengeId: string,
  mode: ChallengeLockMode,
): Promise<LockedChallenge> {
  const row = await readChallengeLocked(em, challengeId, mode);
  if (!row || row.published_at === null) throw challengeNotFound(challengeId);
  return row;
}

/** The caller's own challenge: 404 when they may not see it, 403 `challenges.not_owner` when it is not theirs. */
export async function lockOwnedChallenge(
  em: EntityManager,
  challengeId: string,
  user: AuthUser,
  mode: ChallengeLockMode = 'FOR UPDATE',
): Promise<LockedChallenge> {
  const row = await readChallengeLocked(em, challengeId, mode);
  if (!row || !canSeeChallenge(row, user)) throw challengeNotFound(challengeId);
  if (!isChallengeOwner(row, user)) throw notChallengeOwner();
  return row;
}
