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
 *     documents: [{role, sha256 (hex), size (bytes), name}],   // only when the bid lists documents
 *   }))))
 *
 * `documents` is the bid's current set of files in the order the team listed them: each file's
 * SHA-256 of its plaintext, its size and its display name as stored, so a changed file changes the
 * receipt. A bid without documents has no `documents` key at all, so its receipt is byte for byte
 * what it was before documents existed (and `v` stays 1: older receipts still verify).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { BidInput } from './bid-rules';

export const RECEIPT_VERSION = 1;

/** A file of the bid as the receipt covers it. */
export interface ReceiptDocument {
  role: string;
  sha256: string;
  size: number;
  name: string;
}

export interface CanonicalBidFields {
  challengeId: string;
  organizationId: string;
  submittedAt: Date;
  bid: BidInput;
  /** The bid's current documents, in order; omitted or [] when it has none. */
  documents?: readonly ReceiptDocument[];
}

export function canonicalBid(fields: CanonicalBidFields): string {
  return canonicalText({ ...fields, submittedAt: fields.submittedAt.toISOString() });
}

function canonicalText({
  challengeId,
  organizationId,
  submittedAt,
  bid,
  documents = [],
}: Omit<CanonicalBidFields, 'submittedAt'> & { submittedAt: string }): string {
  const doc = {
    v: RECEIPT_VERSION,
    challengeId,
    organizationId,
    submittedAt,
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
    ...(documents.length
      ? { documents: documents.map((d) => ({ role: d.role, sha256: d.sha256, size: d.size, name: d.name })) }
      : {}),
  };
  const text = canonicalize(doc);
  if (text === undefined) throw new Error('bid cannot be canonicalised');
  return text;
}

export function receiptHash(fields: CanonicalBidFields): string {
  return createHash('sha256').update(canonicalBid(fields), 'utf8').digest('hex');
}

const MARK = '\u2063submittedAt\u2063';

/**
 * The canonical text around the submission time, so the database can hash the bid with its own
 * now() in the statement that stores it: receiptHash = SHA-256(prefix + ISO time + suffix). JCS
 * sorts keys, and only numbers follow `submittedAt` (totalInvestmentFen, v), so the mark's last
 * occurrence is the one (a proposal or a document name that contains the mark cannot move it:
 * `documents` sorts before `submittedAt`).
 */
export function canonicalBidParts(fields: Omit<CanonicalBidFields, 'submittedAt'>): { prefix: string; suffix: string } {
  const text = canonicalText({ ...fields, submittedAt: MARK });
  const at = text.lastIndexOf(MARK);
  return { prefix: text.slice(0, at), suffix: text.slice(at + MARK.length) };
}
