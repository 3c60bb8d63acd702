import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';
import { organizationNameJoinSql } from '@app/identity';
import type { ConsortiumRole } from '../bid-rules';

export type BidParticipantRow = RowOf<
  'bid_participants',
  'bid_id' | 'organization_id' | 'credit_code' | 'role' | 'share_percent' | 'seq',
  { role: ConsortiumRole }
>;

/** A participant as the replace statement compares old and new consortia. */
export type StoredParticipant = Pick<BidParticipantRow, 'organization_id' | 'credit_code' | 'role' | 'share_percent'>;

const COLUMNS = rawSql('p.bid_id, p.organization_id, p.credit_code, p.role, p.share_percent, p.seq');

/** Inserts the participants of `participantsJson` for the bid in CTE `bidCte` (nothing when it is empty). */
export function insertBidParticipantsSql(bidCte: string, challengeId: string, participantsJson: string): Sql {
  const b = rawSql(bidCte);
  return sql`INSERT INTO bid_participants (bid_id, challenge_id, organization_id, credit_code, role, share_percent, seq, live)
   SELECT ${b}.id, ${challengeId}::uuid, x.organization_id, x.credit_code, x.role, x.share_percent, x.seq, true
     FROM ${b}, jsonb_to_recordset(${participantsJson}::jsonb) AS x(organization_id uuid, credit_code text, role text, share_percent int, seq int)`;
}

/** The participants of the bid aliased `bidAlias`, in seq order, as a json array of StoredParticipant. */
export function participantsOfBidJsonSql(bidAlias: string): Sql {
  return rawSql(`(SELECT coalesce(json_agg(json_build_object('organization_id', p.organization_id, 'credit_code', p.credit_code,
                                                              'role', p.role, 'share_percent', p.share_percent) ORDER BY p.seq), '[]')
                     FROM bid_participants p WHERE p.bid_id = ${bidAlias}.id)`);
}

/** `<name> AS (UPDATE bid_participants SET live = false …)`: a withdrawn bid's organisations may bid again. */
export function retireBidParticipantsCte(name: string, bidId: string): Sql {
  return sql`${rawSql(name)} AS (UPDATE bid_participants SET live = false WHERE bid_id = ${bidId} RETURNING id)`;
}

/** A replaced bid's consortium: the old rows go, the new ones come (two statements, as the unique index needs). */
export async function replaceBidParticipants(
  em: EntityManager,
  bidId: string,
  challengeId: string,
  participantsJson: string,
): Promise<void> {
  await runSql(em, sql`DELETE FROM bid_participants WHERE bid_id = ${bidId}`);
  await runSql(
    em,
    sql`WITH b AS (SELECT ${bidId}::uuid AS id), p AS (${insertBidParticipantsSql('b', challengeId, participantsJson)}) SELECT 1`,
  );
}

/** Whether organisation `orgAlias` takes part in a live bid on the challenge other than `exceptBidId`. */
export function inOtherLiveBidSql(orgAlias: string, challengeId: string, exceptBidId: string | null): Sql {
  return sql`EXISTS (SELECT 1 FROM bid_participants p
                         WHERE p.challenge_id = ${challengeId} AND p.live AND p.organization_id = ${rawSql(orgAlias)}.id
                           AND (${exceptBidId}::uuid IS NULL OR p.bid_id <> ${exceptBidId}))`;
}

/** Whether organisation `organizationId` takes part in the bid aliased `bidAlias` (lead or member). */
export function bidHasParticipantSql(bidAlias: string, organizationId: string | null): Sql {
  return sql`EXISTS (SELECT 1 FROM bid_participants p WHERE p.bid_id = ${rawSql(bidAlias)}.id AND p.organization_id = ${organizationId})`;
}

/** Whether organisation `organizationId` is a consortium member (not the lead) of the bid aliased `bidAlias`. */
export function bidHasMemberSql(bidAlias: string, organizationId: string): Sql {
  return sql`EXISTS (SELECT 1 FROM bid_participants p WHERE p.bid_id = ${rawSql(bidAlias)}.id AND p.organization_id = ${organizationId} AND p.role = 'member')`;
}

/** The participants of the bids, by bid then seq. */
export function readParticipantsOfBids(em: EntityManager, bidIds: string[]): Promise<BidParticipantRow[]> {
  return runSql<BidParticipantRow>(
    em,
    sql`SELECT ${COLUMNS} FROM bid_participants p WHERE p.bid_id = ANY(${bidIds}::uuid[]) ORDER BY p.bid_id, p.seq`,
  );
}

/** A participant with its organisation's registered name, as a bid's view shows it. */
export type NamedBidParticipantRow = BidParticipantRow & { organization_name: string };

/** The participants of the bids with their organisations' names, by bid then seq. */
export function readNamedParticipantsOfBids(em: EntityManager, bidIds: string[]): Promise<NamedBidParticipantRow[]> {
  return runSql<NamedBidParticipantRow>(
    em,
    sql`SELECT ${COLUMNS}, o.name AS organization_name
          FROM bid_participants p ${organizationNameJoinSql('o', 'p.organization_id')}
         WHERE p.bid_id = ANY(${bidIds}::uuid[]) ORDER BY p.bid_id, p.seq`,
  );
}

/** Which organisations take part in which live bid of the challenge (for automatic conflicts of interest). */
export function readLiveParticipants(
  em: EntityManager,
  challengeId: string,
): Promise<RowOf<'bid_participants', 'bid_id' | 'organization_id'>[]> {
  return runSql<RowOf<'bid_participants', 'bid_id' | 'organization_id'>>(
    em,
    sql`SELECT bid_id, organization_id FROM bid_participants WHERE challenge_id = ${challengeId} AND live`,
  );
}
