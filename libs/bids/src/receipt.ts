/**
 * The submission receipt: SHA-256 over the RFC 8785 (JCS) canonical JSON of the bid as stored, with
 * the server time of submission. Only the hash goes to the audit ledger; the team keeps the bid, so
 * it can later prove what it sent and when (recompute the hash from `canonicalBid` of its own bid).
 *
 *   receiptHash = hex(SHA-256(UTF-8(JCS({
 *     v: 1, challengeId, organizationId, submittedAt (ISO-8601 UTC, ms),
 *     totalInvestmentFen, requestedFundingFen,
 *     proposal: {text, approach: [{metric, plan}] | null},
 *     consortium: [{creditCode, role, sharePercent}],           // [] when bidding alone
 *     milestones: [{title, dueAt (ISO-8601 UTC, ms), deliverable, trancheFen}],
 *   }))))
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { BidInput } from './bid-rules';

export const RECEIPT_VERSION = 1;

export interface CanonicalBidFields {
  challengeId: string;
  organizationId: string;
  submittedAt: Date;
  bid: BidInput;
}

export function canonicalBid({ challengeId, organizationId, submittedAt, bid }: CanonicalBidFields): string {
  const doc = {
    v: RECEIPT_VERSION,
    challengeId,
    organizationId,
    submittedAt: submittedAt.toISOString(),
    totalInvestmentFen: bid.totalInvestmentFen,
    requestedFundingFen: bid.requestedFundingFen,
    proposal: {
      text: bid.proposal.text,
      approach: bid.proposal.approach === null ? null : bid.proposal.approach.map((a) => ({ metric: a.metric, plan: a.plan })),
    },
    consortium: bid.consortium.map((c) => ({ creditCode: c.creditCode, role: c.role, sharePercent: c.sharePercent })),
    milestones: bid.milestones.map((m) => ({
      title: m.title,
      dueAt: m.dueAt.toISOString(),
      deliverable: m.deliverable,
      trancheFen: m.trancheFen,
    })),
  };
  const text = canonicalize(doc);
  if (text === undefined) throw new Error('bid cannot be canonicalised');
  return text;
}

export function receiptHash(fields: CanonicalBidFields): string {
  return createHash('sha256').update(canonicalBid(fields), 'utf8').digest('hex');
}
