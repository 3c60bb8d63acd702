import { EntityManager } from 'typeorm';
import { RowOf, rawSql, runSql, sql } from '@app/database';
import { userJoinSql } from '@app/identity';
import type { Criterion } from '../ranking';

/**
 * A challenge's review panel (its criteria; closed or not) and who sits on it. The panel row is
 * the lock that orders scoring (FOR SHARE) against closing and criteria (FOR UPDATE).
 */
export type PanelRow = RowOf<'review_panels', 'challenge_id' | 'criteria' | 'closed_at', { criteria: Criterion[] }>;

/** Creates the panel row with `defaultCriteria` if there is none, then reads it under `lock` (two statements). */
export async function lockPanel(
  em: EntityManager,
  challengeId: string,
  defaultCriteria: readonly Criterion[],
  lock: 'FOR SHARE' | 'FOR UPDATE',
): Promise<PanelRow> {
  await runSql(
    em,
    sql`INSERT INTO review_panels (challenge_id, criteria) VALUES (${challengeId}, ${JSON.stringify(defaultCriteria)}::jsonb)
        ON CONFLICT (challenge_id) DO NOTHING`,
  );
  const [row] = await runSql<PanelRow>(
    em,
    sql`SELECT challenge_id, criteria, closed_at FROM review_panels WHERE challenge_id = ${challengeId} ${rawSql(lock)}`,
  );
  return row;
}

export async function readPanel(em: EntityManager, challengeId: string): Promise<PanelRow | undefined> {
  const [row] = await runSql<PanelRow>(
    em,
    sql`SELECT challenge_id, criteria, closed_at FROM review_panels WHERE challenge_id = ${challengeId}`,
  );
  return row;
}

export async function setPanelCriteria(em: EntityManager, challengeId: string, criteria: Criterion[]): Promise<void> {
  await runSql(
    em,
    sql`UPDATE review_panels SET criteria = ${JSON.stringify(criteria)}::jsonb, updated_at = now() WHERE challenge_id = ${challengeId}`,
  );
}

export async function closePanel(em: EntityManager, challengeId: string, closedBy: string): Promise<Date> {
  const [row] = await runSql<RowOf<'review_panels', 'closed_at', { closed_at: Date }>>(
    em,
    sql`UPDATE review_panels SET closed_at = now(), closed_by = ${closedBy}, updated_at = now()
         WHERE challenge_id = ${challengeId} RETURNING closed_at`,
  );
  return row.closed_at;
}

export async function isPanelReviewer(em: EntityManager, challengeId: string, reviewerId: string): Promise<boolean> {
  const rows = await runSql(
    em,
    sql`SELECT 1 FROM panel_reviewers WHERE challenge_id = ${challengeId} AND reviewer_id = ${reviewerId}`,
  );
  return rows.length > 0;
}

/** Adds reviewers (in the order given; already assigned ones are skipped); the ids added. */
export async function addPanelReviewers(
  em: EntityManager,
  challengeId: string,
  reviewerIds: string[],
  assignedBy: string,
): Promise<string[]> {
  const added = await runSql<RowOf<'panel_reviewers', 'reviewer_id'>>(
    em,
    sql`INSERT INTO panel_reviewers (challenge_id, reviewer_id, assigned_by)
        SELECT ${challengeId}, x, ${assignedBy} FROM unnest(${reviewerIds}::uuid[]) AS x
        ON CONFLICT DO NOTHING RETURNING reviewer_id`,
  );
  return added.map((a) => a.reviewer_id);
}

export type PanelMemberRow = RowOf<'panel_reviewers', 'assigned_at'> &
  RowOf<'users', 'display_name' | 'organization_id'> & { user_id: string };
export type PanelReviewerOrgRow = RowOf<'panel_reviewers', 'reviewer_id'> & RowOf<'users', 'organization_id'>;

/** The panel's reviewers with their names, in order of assignment. */
export function readPanelMembers(em: EntityManager, challengeId: string): Promise<PanelMemberRow[]> {
  return runSql<PanelMemberRow>(
    em,
    sql`SELECT u.id AS user_id, u.display_name, u.organization_id, r.assigned_at
          FROM panel_reviewers r ${userJoinSql('u', 'r.reviewer_id')}
         WHERE r.challenge_id = ${challengeId} ORDER BY r.assigned_at, u.id`,
  );
}

/** The panel's reviewers with their organisations (for automatic conflicts of interest). */
export function readPanelReviewerOrganizations(em: EntityManager, challengeId: string): Promise<PanelReviewerOrgRow[]> {
  return runSql<PanelReviewerOrgRow>(
    em,
    sql`SELECT r.reviewer_id, u.organization_id FROM panel_reviewers r ${userJoinSql('u', 'r.reviewer_id')}
         WHERE r.challenge_id = ${challengeId}`,
  );
}
