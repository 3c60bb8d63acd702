import { EntityManager } from 'typeorm';
import { challengeSummaryJoinSql } from '@app/challenges';
import { RowOf, Sql, runSql, sql } from '@app/database';
import { userJoinSql } from '@app/identity';

export type BidDraftRow = RowOf<'bid_drafts', 'key_id' | 'wrapped_key' | 'sealed' | 'saved_at', { saved_by_name: string }>;

/** The organisation's sealed draft on the challenge, with the saver's name; undefined when there is none. */
export async function readBidDraft(
  em: EntityManager,
  challengeId: string,
  organizationId: string,
): Promise<BidDraftRow | undefined> {
  const [row] = await runSql<BidDraftRow>(
    em,
    sql`SELECT d.key_id, d.wrapped_key, d.sealed, d.saved_at, u.display_name AS saved_by_name
          FROM bid_drafts d ${userJoinSql('u', 'd.saved_by')}
         WHERE d.challenge_id = ${challengeId} AND d.organization_id = ${organizationId}`,
  );
  return row;
}

export interface BidDraftWrite {
  challengeId: string;
  organizationId: string;
  keyId: string;
  wrappedKey: Buffer;
  sealed: Buffer;
  savedBy: string;
}

/** Inserts or replaces the organisation's draft; answers when it was saved (the database's now()). */
export async function upsertBidDraft(em: EntityManager, d: BidDraftWrite): Promise<Date> {
  const [row] = await runSql<{ saved_at: Date }>(
    em,
    sql`INSERT INTO bid_drafts (challenge_id, organization_id, key_id, wrapped_key, sealed, saved_by, saved_at)
        VALUES (${d.challengeId}, ${d.organizationId}, ${d.keyId}, ${d.wrappedKey}, ${d.sealed}, ${d.savedBy}, now())
        ON CONFLICT (challenge_id, organization_id) DO UPDATE
          SET key_id = EXCLUDED.key_id, wrapped_key = EXCLUDED.wrapped_key, sealed = EXCLUDED.sealed,
              saved_by = EXCLUDED.saved_by, saved_at = EXCLUDED.saved_at
        RETURNING saved_at`,
  );
  return row.saved_at;
}

/** Deletes the organisation's draft (when it submits, or discards it); answers whether there was one. */
/** The same as a statement for a CTE: the write that supersedes the draft deletes it in its own statement. */
export function deleteBidDraftSql(challengeId: string, organizationId: string): Sql {
  return sql`DELETE FROM bid_drafts WHERE challenge_id = ${challengeId} AND organization_id = ${organizationId}`;
}

export async function deleteBidDraft(em: EntityManager, challengeId: string, organizationId: string): Promise<boolean> {
  const rows = await runSql<{ n: number }>(
    em,
    sql`DELETE FROM bid_drafts WHERE challenge_id = ${challengeId} AND organization_id = ${organizationId} RETURNING 1 AS n`,
  );
  return rows.length > 0;
}

/** At the close: every draft on the challenge goes (a draft is of no use once bids are opened). */
export async function deleteDraftsOfChallenge(em: EntityManager, challengeId: string): Promise<number> {
  const rows = await runSql<{ n: number }>(em, sql`DELETE FROM bid_drafts WHERE challenge_id = ${challengeId} RETURNING 1 AS n`);
  return rows.length;
}

export type DraftSummaryRow = RowOf<'bid_drafts', 'challenge_id' | 'saved_at', { saved_by_name: string }> & {
  challenge_title: string;
  bid_deadline: Date;
};

/** The organisation's drafts on challenges still open (database clock), nearest deadline first; never their contents. */
export function readDraftsOfOrganization(em: EntityManager, organizationId: string): Promise<DraftSummaryRow[]> {
  return runSql<DraftSummaryRow>(
    em,
    sql`SELECT d.challenge_id, d.saved_at, u.display_name AS saved_by_name, ch.title AS challenge_title, ch.bid_deadline
          FROM bid_drafts d ${userJoinSql('u', 'd.saved_by')} ${challengeSummaryJoinSql('ch', 'd.challenge_id')}
         WHERE d.organization_id = ${organizationId} AND ch.status = 'published' AND now() < ch.bid_deadline
         ORDER BY ch.bid_deadline, d.challenge_id`,
  );
}
