import { EntityManager } from 'typeorm';
import { challengeSummaryJoinSql } from '@app/challenges';
import { RowOf, runSql, sql } from '@app/database';
import { organizationNameJoinSql } from '@app/identity';
import type { ConsentAnswer, ConsentState, MemberTerms } from '../consortium-consent-rules';
import type { BidStatus } from '../bid.entity';

export type ConsentRow = RowOf<
  'bid_consents',
  'id' | 'bid_id' | 'organization_id' | 'share_percent' | 'state' | 'reason' | 'asked_at' | 'decided_at',
  { state: ConsentState; organization_name: string }
>;

/** The consents of the bids with the member organisations' names, in the consortium's order. */
export function readConsentsOfBids(em: EntityManager, bidIds: string[]): Promise<ConsentRow[]> {
  return runSql<ConsentRow>(
    em,
    sql`SELECT k.id, k.bid_id, k.organization_id, o.name AS organization_name, k.share_percent, k.state, k.reason, k.asked_at, k.decided_at
          FROM bid_consents k ${organizationNameJoinSql('o', 'k.organization_id')}
          LEFT JOIN bid_participants p ON p.bid_id = k.bid_id AND p.organization_id = k.organization_id
         WHERE k.bid_id = ANY(${bidIds}::uuid[]) ORDER BY k.bid_id, p.seq, k.organization_id`,
  );
}

/**
 * A version of the bid's requests as planned (consortium-consent-rules.ts): the removed members'
 * rows deleted, the asked ones inserted or reset to pending with their new share, in one statement.
 */
export async function writeConsentPlan(
  em: EntityManager,
  bid: { bidId: string; challengeId: string; revision: number },
  ask: MemberTerms[],
  remove: string[],
): Promise<void> {
  await runSql(
    em,
    sql`WITH d AS (DELETE FROM bid_consents WHERE bid_id = ${bid.bidId} AND organization_id = ANY(${remove}::uuid[]) RETURNING 1),
             i AS (
               INSERT INTO bid_consents (bid_id, challenge_id, organization_id, share_percent, state, asked_revision, asked_at)
               SELECT ${bid.bidId}, ${bid.challengeId}, x."organizationId", x."sharePercent", 'pending', ${bid.revision}, now()
                 FROM jsonb_to_recordset(${JSON.stringify(ask)}::jsonb) AS x("organizationId" uuid, "sharePercent" int)
               ON CONFLICT (bid_id, organization_id) DO UPDATE
                 SET share_percent = EXCLUDED.share_percent, state = 'pending', reason = NULL, decided_by = NULL, decided_at = NULL,
                     asked_revision = EXCLUDED.asked_revision, asked_at = EXCLUDED.asked_at
               RETURNING 1)
        SELECT (SELECT count(*) FROM d) AS d, (SELECT count(*) FROM i) AS i`,
  );
}

export type ConsentRequestRow = ConsentRow &
  RowOf<'bids', 'challenge_id', { lead_organization_id: string; lead_organization_name: string; bid_status: BidStatus }> & {
    challenge_title: string;
    bid_deadline: Date;
    challenge_open: boolean;
  };

const REQUEST_SELECT = sql`SELECT k.id, k.bid_id, k.organization_id, m.name AS organization_name, k.share_percent, k.state, k.reason,
                                  k.asked_at, k.decided_at, b.challenge_id, b.organization_id AS lead_organization_id,
                                  l.name AS lead_organization_name, b.status AS bid_status, ch.title AS challenge_title,
                                  ch.bid_deadline, (ch.status = 'published' AND now() < ch.bid_deadline) AS challenge_open
                             FROM bid_consents k JOIN bids b ON b.id = k.bid_id
                                  ${organizationNameJoinSql('m', 'k.organization_id')}
                                  ${organizationNameJoinSql('l', 'b.organization_id')}
                                  ${challengeSummaryJoinSql('ch', 'b.challenge_id')}`;

/** The requests addressed to the organisation on bids not withdrawn, newest first. */
export function readConsentRequests(em: EntityManager, organizationId: string): Promise<ConsentRequestRow[]> {
  return runSql<ConsentRequestRow>(
    em,
    sql`${REQUEST_SELECT} WHERE k.organization_id = ${organizationId} AND b.status <> 'withdrawn' ORDER BY k.asked_at DESC, k.id`,
  );
}

/** One request, only when it is addressed to the organisation (otherwise undefined: not theirs to see). */
export async function readConsentRequest(
  em: EntityManager,
  id: string,
  organizationId: string,
): Promise<ConsentRequestRow | undefined> {
  const [row] = await runSql<ConsentRequestRow>(
    em,
    sql`${REQUEST_SELECT} WHERE k.id = ${id} AND k.organization_id = ${organizationId}`,
  );
  return row;
}

/**
 * The request and its bid locked for an answer (the bid FOR SHARE, so a new version of the bid —
 * which holds it FOR UPDATE — and an answer never cross; the request FOR UPDATE). The caller has
 * locked the challenge FOR SHARE first, as every bid write does.
 */
export async function lockConsentForAnswer(
  em: EntityManager,
  id: string,
): Promise<(RowOf<'bid_consents', 'state'> & { bid_status: BidStatus; state: ConsentState }) | undefined> {
  const [row] = await runSql<RowOf<'bid_consents', 'state'> & { bid_status: BidStatus; state: ConsentState }>(
    em,
    sql`WITH b AS (SELECT b.id, b.status FROM bids b JOIN bid_consents k ON k.bid_id = b.id WHERE k.id = ${id} FOR SHARE OF b)
        SELECT k.state, b.status AS bid_status FROM bid_consents k JOIN b ON b.id = k.bid_id WHERE k.id = ${id} FOR UPDATE OF k`,
  );
  return row;
}

export async function answerConsent(
  em: EntityManager,
  id: string,
  answer: { state: ConsentAnswer; reason: string | null; decidedBy: string },
): Promise<void> {
  await runSql(
    em,
    sql`UPDATE bid_consents SET state = ${answer.state}, reason = ${answer.reason}, decided_by = ${answer.decidedBy}, decided_at = now()
         WHERE id = ${id}`,
  );
}

/** The consents of the challenge's live bids (the close judges each bid by them). */
export function readConsentsOfLiveBids(
  em: EntityManager,
  challengeId: string,
): Promise<RowOf<'bid_consents', 'bid_id' | 'organization_id' | 'state', { state: ConsentState }>[]> {
  return runSql<RowOf<'bid_consents', 'bid_id' | 'organization_id' | 'state', { state: ConsentState }>>(
    em,
    sql`SELECT k.bid_id, k.organization_id, k.state FROM bid_consents k JOIN bids b ON b.id = k.bid_id
         WHERE k.challenge_id = ${challengeId} AND b.status <> 'withdrawn'`,
  );
}
