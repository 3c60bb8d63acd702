import { EntityManager } from 'typeorm';
import { fen } from '@app/database';
import { documentsOfBids } from './bid-documents';
import { consortiumConsent } from './consortium-consent-rules';
import { MemberConsentView } from './dto/consent';
import { ConsentRow, readConsentsOfBids } from './repositories/bid-consents.repository';
import { BidDocumentView, BidView } from './dto/views';
import { BidMilestoneRow, readMilestonesOfBids } from './repositories/bid-milestones.repository';
import {
  BidParticipantRow,
  NamedBidParticipantRow,
  readNamedParticipantsOfBids,
} from './repositories/bid-participants.repository';
import { BidRow, readBid } from './repositories/bids.repository';

/** A consortium entry of a bid (an award needs it; the view shows it). */
export interface ConsortiumEntry {
  organizationId: string;
  creditCode: string;
  role: 'lead' | 'member';
  sharePercent: number;
}

/** A lone bid has one participant (its lead, without a share): no consortium. */
export function consortiumOf(rows: BidParticipantRow[]): ConsortiumEntry[] {
  if (rows.length < 2) return [];
  return rows.map((p) => ({
    organizationId: p.organization_id,
    creditCode: p.credit_code,
    role: p.role,
    sharePercent: p.share_percent as number,
  }));
}

function viewOfRow(
  r: BidRow,
  milestones: BidMilestoneRow[],
  participants: NamedBidParticipantRow[],
  documents: BidDocumentView[],
  consents: MemberConsentView[],
): BidView {
  const submittedAt = r.submitted_at.toISOString();
  return {
    id: r.id,
    challengeId: r.challenge_id,
    organizationId: r.organization_id,
    status: r.status,
    totalInvestmentFen: fen(r.total_investment_fen),
    requestedFundingFen: fen(r.requested_funding_fen),
    proposal: { text: r.proposal.text, approach: r.proposal.approach },
    consortium: consortiumOf(participants).map((c, i) => ({ ...c, organizationName: participants[i].organization_name })),
    milestones: milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      dueAt: m.due_at.toISOString(),
      deliverable: m.deliverable,
      trancheFen: fen(m.tranche_fen),
    })),
    documents,
    receiptHash: r.receipt_hash,
    receipt: { algorithm: 'sha-256', canonicalization: 'RFC 8785 (JCS)', hash: r.receipt_hash, serverTime: submittedAt },
    revision: r.revision,
    submittedAt,
    withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
    withdrawnReason: r.withdrawn_reason,
    consents,
    consortiumConsent: consortiumConsent(consents.map((c) => c.state)),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A member's consent as its bid shows it. */
export function consentViewOf(c: ConsentRow): MemberConsentView {
  return {
    organizationId: c.organization_id,
    organizationName: c.organization_name,
    sharePercent: c.share_percent,
    state: c.state,
    reason: c.reason,
    askedAt: c.asked_at.toISOString(),
    decidedAt: c.decided_at ? c.decided_at.toISOString() : null,
  };
}

/** The views of the bids, with their milestones, consortia, documents and consents (five more statements, whatever the count). */
export async function viewsOf(em: EntityManager, rows: BidRow[]): Promise<BidView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const milestones = await readMilestonesOfBids(em, ids);
  const participants = await readNamedParticipantsOfBids(em, ids);
  const documents = await documentsOfBids(em, ids);
  const consents = await readConsentsOfBids(em, ids);
  return rows.map((r) =>
    viewOfRow(
      r,
      milestones.filter((m) => m.bid_id === r.id),
      participants.filter((p) => p.bid_id === r.id),
      documents.get(r.id) ?? [],
      consents.filter((c) => c.bid_id === r.id).map(consentViewOf),
    ),
  );
}

export async function viewOf(em: EntityManager, bidId: string): Promise<BidView> {
  const row = (await readBid(em, bidId)) as BidRow;
  return (await viewsOf(em, [row]))[0];
}
