/** English of ./receipt (loaded only when a reader picks English). */
import type { receiptZh } from './receipt';

export const receiptEn: Record<keyof typeof receiptZh, string> = {
  'receipt.print': 'Print receipt',
  'receipt.download': 'Download receipt',
  'receipt.verifyTitle': 'How to verify',
  'receipt.verifyRoute': 'Anyone holding the receipt can check it at:',
  'receipt.verifyHint':
    'That address answers only the challenge, the server time and whether the bid is still live — never who bid or what. To verify yourself: canonicalise the bid you kept with RFC 8785, compute its SHA-256 and compare it with the receipt hash; the submission is also recorded in the audit ledger.',
  'receipt.challenge': 'Challenge id',
  'receipt.bid': 'Bid id',
};
