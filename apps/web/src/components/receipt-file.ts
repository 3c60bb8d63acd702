import type { BidView } from '../api/bids';

/** Where anyone holding a receipt checks it (GET, public): the page shows it and the file carries it. */
export const receiptCheckPath = (hash: string) => `/api/v1/bid-receipts/${hash}`;

/**
 * The downloadable receipt: the hash, what it covers and how to verify it — no amount and no word
 * of the proposal (the file may be shown to others; the bid itself stays with the team).
 */
export function receiptFile(bid: BidView, origin: string): { name: string; text: string } {
  const body = {
    receipt: {
      algorithm: bid.receipt.algorithm,
      canonicalization: bid.receipt.canonicalization,
      hash: bid.receipt.hash,
      serverTime: bid.receipt.serverTime,
    },
    bidId: bid.id,
    challengeId: bid.challengeId,
    revision: bid.revision,
    covers:
      'v, challengeId, organizationId, submittedAt, totalInvestmentFen, requestedFundingFen, proposal {text, approach}, ' +
      'consortium [{creditCode, role, sharePercent}], milestones [{title, dueAt, deliverable, trancheFen}], ' +
      'documents [{role, sha256, size, name}] (when the bid lists documents)',
    verify: {
      check: `GET ${origin}${receiptCheckPath(bid.receipt.hash)}`,
      recompute: 'hex(SHA-256(UTF-8(RFC 8785 canonical JSON of the fields above, as submitted))) equals receipt.hash',
    },
  };
  return { name: `bid-receipt-${bid.receipt.hash.slice(0, 16)}.json`, text: `${JSON.stringify(body, null, 2)}\n` };
}
