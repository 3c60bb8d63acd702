import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';
import { organizationNameJoinSql } from '@app/identity';

/**
 * A conflict of interest, automatic (the reviewer's organisation leads the bid or is in its
 * consortium) or declared.
 */
export async function isConflicted(
  em: EntityManager,
  bidId: string,
  reviewerId: string,
  reviewerOrganizationId: string | null,
): Promise<boolean> {
  const [row] = await runSql<{ conflicted: boolean }>(
    em,
    sql`SELECT (EXISTS (SELECT 1 FROM bid_participants p WHERE p.bid_id = ${bidId} AND p.organization_id = ${reviewerOrganizationId})
            OR EXISTS (SELECT 1 FROM bid_conflicts k WHERE k.bid_id = ${bidId} AND k.reviewer_id = ${reviewerId})) AS conflicted`,
  );
  return row.conflicted;
}

/** Whether reviewer `reviewerId` declared a conflict with the bid aliased `bidAlias`. */
export function conflictDeclaredSql(bidAlias: string, reviewerId: string): Sql {
  return sql`EXISTS (SELECT 1 FROM bid_conflicts k WHERE k.bid_id = ${rawSql(bidAlias)}.id AND k.reviewer_id = ${reviewerId})`;
}

/** Declares the conflict (a second declaration keeps the first reason). */
export async function declareConflict(
  em: EntityManager,
  conflict: RowOf<'bid_conflicts', 'bid_id' | 'challenge_id' | 'reviewer_id' | 'reason'>,
): Promise<RowOf<'bid_conflicts', 'reason' | 'declared_at'>> {
  const [row] = await runSql<RowOf<'bid_conflicts', 'reason' | 'declared_at'>>(
    em,
    sql`INSERT INTO bid_conflicts (bid_id, challenge_id, reviewer_id, reason)
        VALUES (${conflict.bid_id}, ${conflict.challenge_id}, ${conflict.reviewer_id}, ${conflict.reason})
        ON CONFLICT (bid_id, reviewer_id) DO UPDATE SET reason = bid_conflicts.reason
        RETURNING reason, declared_at`,
  );
  return row;
}

export function readConflicts(
  em: EntityManager,
  challengeId: string,
): Promise<RowOf<'bid_conflicts', 'bid_id' | 'reviewer_id'>[]> {
  return runSql<RowOf<'bid_conflicts', 'bid_id' | 'reviewer_id'>>(
    em,
    sql`SELECT bid_id, reviewer_id FROM bid_conflicts WHERE challenge_id = ${challengeId}`,
  );
}

export type ReviewerConflictRow = RowOf<'bid_conflicts', 'bid_id' | 'reason' | 'declared_at'> & { organization_name: string };

/** The conflicts one reviewer declared on the challenge's bids, with the bidding organisation's name, oldest first. */
export function readReviewerConflicts(
  em: EntityManager,
  challengeId: string,
  reviewerId: string,
): Promise<ReviewerConflictRow[]> {
  return runSql<ReviewerConflictRow>(
    em,
    sql`SELECT k.bid_id, k.reason, k.declared_at, o.name AS organization_name
          FROM bid_conflicts k JOIN bids b ON b.id = k.bid_id ${organizationNameJoinSql('o', 'b.organization_id')}
         WHERE k.challenge_id = ${challengeId} AND k.reviewer_id = ${reviewerId}
         ORDER BY k.declared_at, k.bid_id`,
  );
}
