import { randomUUID } from 'node:crypto';
import { forbidden } from '@app/common/domain-error';
import { BidInput, ChallengeFacts, ConsortiumEntryInput, OrgFacts } from './bid-rules';
import type { BidStatus } from './bid.entity';
import { BidDto, isTextOnly } from './dto/bid.dto';
import { consortiumConsent } from './consortium-consent-rules';
import { MemberConsentView } from './dto/consent';
import { BidDocumentView, BidView } from './dto/views';
import type { StoredParticipant } from './repositories/bid-participants.repository';

/** What a bid write sends to the database and answers with, built from the request alone (pure). */

/** A milestone with the id and seq it is stored under. */
export interface StoredMilestone {
  id: string;
  seq: number;
  title: string;
  dueAt: Date;
  deliverable: string;
  trancheFen: number;
}

/** The DTO as the rules see it (trimmed credit codes, dates parsed). */
export function toInput(dto: BidDto): BidInput {
  return {
    totalInvestmentFen: dto.totalInvestmentFen,
    requestedFundingFen: dto.requestedFundingFen,
    proposal: {
      text: dto.proposal.text,
      approach:
        isTextOnly(dto.proposal) || !dto.proposal.approach
          ? null
          : dto.proposal.approach.map((a) => ({ metric: a.metric, plan: a.plan })),
    },
    consortium: (dto.consortium ?? []).map((c) => ({
      creditCode: c.creditCode.trim().toUpperCase(),
      role: c.role,
      sharePercent: c.sharePercent,
    })),
    milestones: dto.milestones.map((m) => ({
      title: m.title,
      dueAt: new Date(m.dueAt),
      deliverable: m.deliverable,
      trancheFen: m.trancheFen,
    })),
  };
}

/** The bidding organisation, if its kind may bid on the challenge (403 otherwise). */
export function leadOf(org: OrgFacts, eligibility: ChallengeFacts['eligibility']): OrgFacts {
  if (!eligibility.orgKinds.includes(org.kind)) {
    throw forbidden(
      'bids.organization_not_eligible',
      `Organisations of kind ${org.kind} may not bid on this challenge (eligible: ${eligibility.orgKinds.join(', ')}).`,
    );
  }
  return org;
}

/** Milestones with ids made here, so the answer needs no read-back inside the transaction. */
export function withIds(input: BidInput): StoredMilestone[] {
  return input.milestones.map((m, seq) => ({ ...m, id: randomUUID(), seq }));
}

export function milestonesJson(milestones: StoredMilestone[]): string {
  return JSON.stringify(
    milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      due_at: m.dueAt.toISOString(),
      deliverable: m.deliverable,
      tranche_fen: m.trancheFen,
    })),
  );
}

/** The participant rows: the lead alone (without a share), or every consortium member. */
export function participantsOf(
  lead: OrgFacts,
  consortium: ConsortiumEntryInput[],
  registered: Map<string, OrgFacts>,
): (StoredParticipant & { seq: number })[] {
  if (consortium.length === 0) {
    return [{ organization_id: lead.id, credit_code: lead.creditCode, role: 'lead', share_percent: null, seq: 0 }];
  }
  return consortium.map((c, seq) => ({
    organization_id: (registered.get(c.creditCode) as OrgFacts).id,
    credit_code: c.creditCode,
    role: c.role,
    share_percent: c.sharePercent,
    seq,
  }));
}

/** Whether a replacement changes who takes part, in which role, with which share. */
export function consortiumChanged(before: StoredParticipant[], after: StoredParticipant[]): boolean {
  const key = (rows: StoredParticipant[]) => JSON.stringify(rows.map((p) => [p.organization_id, p.role, p.share_percent]));
  return key(before) !== key(after);
}

/** What was written, for the answer. */
export interface WrittenBid {
  id: string;
  challengeId: string;
  organizationId: string;
  input: BidInput;
  consortium: ConsortiumEntryInput[];
  registered: Map<string, OrgFacts>;
  milestones: StoredMilestone[];
  documents: BidDocumentView[];
  hash: string;
  submittedAt: Date;
  revision: number;
  status: BidStatus;
  consents: MemberConsentView[];
}

/** The answer to a write, built from what was written (no read-back while the ledger lock is held). */
export function viewOfWrite(w: WrittenBid): BidView {
  const submittedAt = w.submittedAt.toISOString();
  return {
    id: w.id,
    challengeId: w.challengeId,
    organizationId: w.organizationId,
    status: w.status,
    totalInvestmentFen: w.input.totalInvestmentFen,
    requestedFundingFen: w.input.requestedFundingFen,
    proposal: { text: w.input.proposal.text, approach: w.input.proposal.approach },
    consortium: w.consortium.map((c) => ({
      creditCode: c.creditCode,
      organizationId: (w.registered.get(c.creditCode) as OrgFacts).id,
      organizationName: (w.registered.get(c.creditCode) as OrgFacts).name ?? '',
      role: c.role,
      sharePercent: c.sharePercent,
    })),
    milestones: w.milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      dueAt: m.dueAt.toISOString(),
      deliverable: m.deliverable,
      trancheFen: m.trancheFen,
    })),
    documents: w.documents,
    receiptHash: w.hash,
    receipt: { algorithm: 'sha-256', canonicalization: 'RFC 8785 (JCS)', hash: w.hash, serverTime: submittedAt },
    revision: w.revision,
    submittedAt,
    withdrawnAt: null,
    withdrawnReason: null,
    consents: w.consents,
    consortiumConsent: consortiumConsent(w.consents.map((c) => c.state)),
    // The row's updated_at is the transaction's now(), which is submittedAt.
    updatedAt: submittedAt,
  };
}
