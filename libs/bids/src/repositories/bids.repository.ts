import { EntityManager } from 'typeorm';
import { type LockedChallenge, publishedChallengeLockedCte, openChallengeForShareCte } from '@app/challenges';

import { RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';
import { organizationNameJoinSql } from '@app/identity';
import type { ProposalInput } from '../bid-rules';
import type { BidStatus, WithdrawnReason } from '../bid.entity';
import { conflictDeclaredSql } from './bid-conflicts.repository';
import { deleteBidMilestonesFromSql, insertBidMilestonesSql, upsertBidMilestonesSql } from './bid-milestones.repository';
import {
  StoredParticipant,
  bidHasParticipantSql,
  insertBidParticipantsSql,
  participantsOfBidJsonSql,
  retireBidParticipantsCte,
} from './bid-participants.repository';

export type BidRow = RowOf<
  'bids',
  | 'id'
  | 'challenge_id'
  | 'organization_id'
  | 'submitted_by'
  | 'status'
  | 'total_investment_fen'
  | 'requested_funding_fen'
  | 'proposal'
  | 'receipt_hash'
  | 'revision'
  | 'submitted_at'
  | 'withdrawn_at'
  | 'withdrawn_reason'
  | 'decided_at'
  | 'updated_at',
  { status: BidStatus; proposal: ProposalInput; withdrawn_reason: WithdrawnReason | null }
>;

const BID_COLUMNS = rawSql(
  'b.id, b.challenge_id, b.organization_id, b.submitted_by, b.status, b.total_investment_fen, b.requested_funding_fen, b.proposal, ' +
    'b.receipt_hash, b.revision, b.submitted_at, b.withdrawn_at, b.withdrawn_reason, b.decided_at, b.updated_at',
);

/** now() to the millisecond: what `submitted_at` stores and the receipt hashes. */
const SUBMITTED_AT = rawSql(`date_trunc('milliseconds', now())`);
/** The same instant as JavaScript's toISOString() writes it. */
const SUBMITTED_AT_TEXT = sql`to_char(${SUBMITTED_AT} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The receipt hash (receipt.ts) with the database's now(): SHA-256(prefix + ISO time + suffix). */
const receiptHashSql = (prefix: string, suffix: string): Sql =>
  sql`encode(sha256(convert_to(${prefix}::text || ${SUBMITTED_AT_TEXT} || ${suffix}::text, 'UTF8')), 'hex')`;
/** A timestamp as a cursor key, to the microsecond. */
const cursorAt = (column: string): Sql => rawSql(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** What a submit or replace writes; the milestones and participants as json for jsonb_to_recordset. */
export interface BidWrite {
  bidId: string;
  challengeId: string;
  organizationId: string;
  submittedBy: string;
  totalInvestmentFen: number;
  requestedFundingFen: number;
  proposal: ProposalInput;
  receipt: { prefix: string; suffix: string };
  milestonesJson: string;
}

/**
 * One statement: the challenge locked FOR SHARE if it still takes bids, the bid, its milestones
 * and its participants, the receipt hashed with the database's now(). Undefined when the
 * challenge does not take bids.
 */
export async function insertBidIfOpen(
  em: EntityManager,
  bid: BidWrite & { participantsJson: string },
): Promise<RowOf<'bids', 'receipt_hash' | 'submitted_at'> | undefined> {
  const [row] = await runSql<RowOf<'bids', 'receipt_hash' | 'submitted_at'>>(
    em,
    sql`WITH ${openChallengeForShareCte('c', bid.challengeId)},
         b AS (
           INSERT INTO bids (id, challenge_id, organization_id, submitted_by, status, total_investment_fen, requested_funding_fen,
                             proposal, receipt_hash, revision, submitted_at)
           SELECT ${bid.bidId}, c.id, ${bid.organizationId}, ${bid.submittedBy}, 'submitted', ${bid.totalInvestmentFen},
                  ${bid.requestedFundingFen}, ${JSON.stringify(bid.proposal)}::jsonb,
                  ${receiptHashSql(bid.receipt.prefix, bid.receipt.suffix)}, 1, ${SUBMITTED_AT} FROM c
           RETURNING id, receipt_hash, submitted_at),
         m AS (${insertBidMilestonesSql('b', bid.milestonesJson)}),
         p AS (${insertBidParticipantsSql('b', bid.challengeId, bid.participantsJson)})
         SELECT receipt_hash, submitted_at FROM b`,
  );
  return row;
}

export type ReplacedBidRow = RowOf<
  'bids',
  'receipt_hash' | 'submitted_at' | 'revision',
  {
    old_hash: string;
    old_revision: number;
    old_submitted_at: Date;
    participants: StoredParticipant[];
    milestone_ids: { id: string; seq: number }[];
  }
>;

/**
 * One statement: the challenge locked FOR SHARE if it still takes bids, the caller organisation's
 * submitted bid locked and rewritten, its milestones upserted and the extra ones dropped. Gives
 * the old receipt and consortium too; undefined when any of that does not hold.
 */
export async function replaceBidIfOpen(
  em: EntityManager,
  bid: BidWrite & { milestoneCount: number },
): Promise<ReplacedBidRow | undefined> {
  const [row] = await runSql<ReplacedBidRow>(
    em,
    sql`WITH ${openChallengeForShareCte('c', bid.challengeId)},
         old AS (
           SELECT b.id, b.receipt_hash, b.revision, b.submitted_at, ${participantsOfBidJsonSql('b')} AS participants
             FROM bids b JOIN c ON c.id = b.challenge_id
            WHERE b.id = ${bid.bidId} AND b.organization_id = ${bid.organizationId} AND b.status = 'submitted'
            FOR UPDATE OF b),
         u AS (
           UPDATE bids SET submitted_by = ${bid.submittedBy}, total_investment_fen = ${bid.totalInvestmentFen},
                  requested_funding_fen = ${bid.requestedFundingFen}, proposal = ${JSON.stringify(bid.proposal)}::jsonb,
                  receipt_hash = ${receiptHashSql(bid.receipt.prefix, bid.receipt.suffix)}, revision = bids.revision + 1,
                  submitted_at = ${SUBMITTED_AT}, updated_at = now()
             FROM old WHERE bids.id = old.id
           RETURNING bids.receipt_hash, bids.submitted_at, bids.revision),
         mu AS (${upsertBidMilestonesSql('old', bid.milestonesJson)}),
         md AS (${deleteBidMilestonesFromSql('old', bid.milestoneCount)})
         SELECT old.receipt_hash AS old_hash, old.revision AS old_revision, old.submitted_at AS old_submitted_at, old.participants,
                u.receipt_hash, u.submitted_at, u.revision,
                (SELECT json_agg(json_build_object('id', mu.id, 'seq', mu.seq)) FROM mu) AS milestone_ids
           FROM old, u`,
  );
  return row;
}

/** The bid withdrawn and its organisations free to bid again, in one statement. */
export async function withdrawBid(em: EntityManager, bidId: string): Promise<void> {
  await runSql(
    em,
    sql`WITH b AS (UPDATE bids SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = ${bidId} RETURNING id),
              ${retireBidParticipantsCte('p', bidId)}
         SELECT (SELECT count(*) FROM b) AS b`,
  );
}

/**
 * The close's verdict on bids a consortium member did not accept (consortium-consent-rules.ts):
 * withdrawn with the reason, their organisations free again, in one statement. Only submitted bids.
 */
export async function lapseBidsWithoutConsent(em: EntityManager, bidIds: string[]): Promise<void> {
  if (!bidIds.length) return;
  await runSql(
    em,
    sql`WITH b AS (UPDATE bids SET status = 'withdrawn', withdrawn_at = now(), withdrawn_reason = 'consortium_consent_missing', updated_at = now()
                    WHERE id = ANY(${bidIds}::uuid[]) AND status = 'submitted' RETURNING id),
              p AS (UPDATE bid_participants SET live = false WHERE bid_id IN (SELECT id FROM b) RETURNING 1)
         SELECT (SELECT count(*) FROM b) AS b, (SELECT count(*) FROM p) AS p`,
  );
}

export type OwnBidRow = RowOf<
  'bids',
  'id' | 'organization_id' | 'status' | 'receipt_hash' | 'revision' | 'submitted_at',
  { status: BidStatus }
>;

/**
 * The published challenge (FOR SHARE) and the bid on it (FOR UPDATE), in one statement, the
 * challenge locked first; undefined when either is missing.
 */
export async function lockChallengeAndBid(
  em: EntityManager,
  challengeId: string,
  bidId: string,
): Promise<{ gate: LockedChallenge; bid: OwnBidRow } | undefined> {
  const [row] = await runSql<LockedChallenge & { bid: Omit<OwnBidRow, 'submitted_at'> & { submitted_at: string } }>(
    em,
    sql`WITH ${publishedChallengeLockedCte('c', challengeId, 'FOR SHARE')}
        SELECT c.*,
               json_build_object('id', b.id, 'organization_id', b.organization_id, 'status', b.status, 'receipt_hash', b.receipt_hash,
                                 'revision', b.revision, 'submitted_at', b.submitted_at) AS bid
          FROM c JOIN bids b ON b.id = ${bidId} AND b.challenge_id = c.id
           FOR UPDATE OF b`,
  );
  if (!row) return undefined;
  const { bid, ...gate } = row;
  return { gate, bid: { ...bid, submitted_at: new Date(bid.submitted_at) } };
}

export async function readBid(em: EntityManager, bidId: string, lock: '' | 'FOR UPDATE' = ''): Promise<BidRow | undefined> {
  const [row] = await runSql<BidRow>(em, sql`SELECT ${BID_COLUMNS} FROM bids b WHERE b.id = ${bidId} ${rawSql(lock)}`);
  return row;
}

/** Who bid and where the bid stands, when it is a bid of the challenge. */
export async function readBidOwnerAndStatus(
  em: EntityManager,
  bidId: string,
  challengeId: string,
): Promise<RowOf<'bids', 'organization_id' | 'status', { status: BidStatus }> | undefined> {
  const [row] = await runSql<RowOf<'bids', 'organization_id' | 'status', { status: BidStatus }>>(
    em,
    sql`SELECT organization_id, status FROM bids WHERE id = ${bidId} AND challenge_id = ${challengeId}`,
  );
  return row;
}

export type BidBriefRow = RowOf<'bids', 'id' | 'challenge_id' | 'status', { status: BidStatus }>;

export async function readBidBrief(em: EntityManager, bidId: string): Promise<BidBriefRow | undefined> {
  const [row] = await runSql<BidBriefRow>(em, sql`SELECT id, challenge_id, status FROM bids WHERE id = ${bidId}`);
  return row;
}

export async function countLiveBids(em: EntityManager, challengeId: string): Promise<number> {
  const [{ n }] = await runSql<{ n: number }>(
    em,
    sql`SELECT count(*)::int AS n FROM bids WHERE challenge_id = ${challengeId} AND status <> 'withdrawn'`,
  );
  return n;
}

/** Which bids of a challenge a page lists: one organisation's (withdrawn too), or the live ones (less a reviewer's conflicts). */
export type BidPageScope =
  { organizationId: string } | { live: true; unconflictedFor?: { reviewerId: string; organizationId: string | null } };

/** A page of the challenge's bids in order of submission, after the cursor `(at, id)`; one row more than `limit` when there is more. */
export function readBidsPage(
  em: EntityManager,
  challengeId: string,
  scope: BidPageScope,
  after: [string, string] | null,
  limit: number,
): Promise<(BidRow & { cursor_at: string })[]> {
  const where: Sql[] = [sql`b.challenge_id = ${challengeId}`];
  if ('organizationId' in scope) where.push(sql`b.organization_id = ${scope.organizationId}`);
  else {
    where.push(sql`b.status <> 'withdrawn'`);
    const reviewer = scope.unconflictedFor;
    if (reviewer) {
      where.push(sql`NOT ${conflictDeclaredSql('b', reviewer.reviewerId)}`);
      where.push(sql`NOT ${bidHasParticipantSql('b', reviewer.organizationId)}`);
    }
  }
  if (after) where.push(sql`(b.submitted_at, b.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`);
  return runSql<BidRow & { cursor_at: string }>(
    em,
    sql`SELECT ${BID_COLUMNS}, ${cursorAt('b.submitted_at')} AS cursor_at
          FROM bids b WHERE ${joinSql(where, ' AND ')} ORDER BY b.submitted_at, b.id LIMIT ${limit + 1}`,
  );
}

export async function shortlistBids(em: EntityManager, bidIds: string[]): Promise<void> {
  await runSql(
    em,
    sql`UPDATE bids SET status = 'shortlisted', decided_at = now(), updated_at = now() WHERE id = ANY(${bidIds}::uuid[])`,
  );
}

export type BidForReviewRow = RowOf<
  'bids',
  'id' | 'organization_id' | 'status' | 'requested_funding_fen' | 'submitted_at',
  { status: BidStatus; organization_name: string }
>;

/** The challenge's live bids with their organisations' names, for the ranking. */
export function readBidsForReview(em: EntityManager, challengeId: string): Promise<BidForReviewRow[]> {
  return runSql<BidForReviewRow>(
    em,
    sql`SELECT b.id, b.organization_id, o.name AS organization_name, b.status, b.requested_funding_fen, b.submitted_at
          FROM bids b ${organizationNameJoinSql('o', 'b.organization_id')}
         WHERE b.challenge_id = ${challengeId} AND b.status <> 'withdrawn'`,
  );
}

/**
 * What a bid's document access rule needs: the bid's challenge, and whether organisation
 * `organizationId` takes part in it (leads it, or is in its consortium). Undefined: no such bid.
 */
export async function readBidForDocuments(
  em: EntityManager,
  bidId: string,
  organizationId: string | null,
): Promise<{ challenge_id: string; participant: boolean } | undefined> {
  const [row] = await runSql<{ challenge_id: string; participant: boolean }>(
    em,
    sql`SELECT b.challenge_id,
               (coalesce(b.organization_id = ${organizationId}::uuid, false) OR ${bidHasParticipantSql('b', organizationId)}) AS participant
          FROM bids b WHERE b.id = ${bidId}`,
  );
  return row;
}

export type BidForOpeningRow = RowOf<
  'bids',
  'id' | 'organization_id' | 'submitted_at' | 'receipt_hash',
  { organization_name: string; member_organization_ids: string[] }
>;

/** The challenge's live bids with their organisations' names, in order of submission (the bid opening, 开标). */
export function readBidsForOpening(em: EntityManager, challengeId: string): Promise<BidForOpeningRow[]> {
  return runSql<BidForOpeningRow>(
    em,
    sql`SELECT b.id, b.organization_id, o.name AS organization_name, b.submitted_at, b.receipt_hash,
               ARRAY(SELECT DISTINCT p.organization_id FROM bid_participants p
                      WHERE p.bid_id = b.id AND p.organization_id <> b.organization_id) AS member_organization_ids
          FROM bids b ${organizationNameJoinSql('o', 'b.organization_id')}
         WHERE b.challenge_id = ${challengeId} AND b.status <> 'withdrawn'
         ORDER BY b.submitted_at, b.id`,
  );
}
