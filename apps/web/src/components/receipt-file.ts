import type { BidView } from '../api/bids';
import type { Translate } from '../i18n/i18n';

/** Where anyone holding a receipt checks it (GET, public): the page shows it and the file carries it. */
export const receiptCheckPath = (hash: string) => `/api/v1/bid-receipts/${hash}`;

/** The app's page that checks a receipt (public), with the hash filled in. */
export const receiptPagePath = (hash: string) => `/receipts/${hash}`;

/** The fields of the canonical bid that the hash covers (receipt.ts in libs/bids): names as hashed, in any language. */
const COVERED_FIELDS =
  'v, challengeId, organizationId, submittedAt, totalInvestmentFen, requestedFundingFen, proposal {text, approach}, ' +
  'consortium [{creditCode, role, sharePercent}], milestones [{title, dueAt, deliverable, trancheFen}], ' +
  'documents [{role, sha256, size, name}]';

/**
 * The downloadable receipt: the hash, what it covers and how to verify it — no amount and no word
 * of the proposal (the file may be shown to others; the bid itself stays with the team). Its keys
 * and values a program reads stay as they are; the sentences a person reads are in the reader's
 * language (`t`), and `language` says which.
 */
export function receiptFile(bid: BidView, origin: string, t: Translate, language: string): { name: string; text: string } {
  const { hash } = bid.receipt;
  const body = {
    title: t('receipt.file.title'),
    note: t('receipt.file.note'),
    language,
    receipt: {
      algorithm: bid.receipt.algorithm,
      canonicalization: bid.receipt.canonicalization,
      hash,
      serverTime: bid.receipt.serverTime,
    },
    bidId: bid.id,
    challengeId: bid.challengeId,
    revision: bid.revision,
    covers: t('receipt.file.covers', { fields: COVERED_FIELDS }),
    verify: {
      page: t('receipt.file.page', { url: `${origin}${receiptPagePath(hash)}` }),
      check: t('receipt.file.check', { url: `${origin}${receiptCheckPath(hash)}` }),
      recompute: t('receipt.file.recompute'),
    },
  };
  return { name: `bid-receipt-${hash.slice(0, 16)}.json`, text: `${JSON.stringify(body, null, 2)}\n` };
}
