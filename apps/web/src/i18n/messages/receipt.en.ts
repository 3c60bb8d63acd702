/** English of ./receipt (loaded only when a reader picks English). */
import type { receiptZh } from './receipt';

export const receiptEn: Record<keyof typeof receiptZh, string> = {
  'receipt.print': 'Print receipt',
  'receipt.download': 'Download receipt',
  'receipt.verifyTitle': 'How to verify',
  'receipt.verifyRoute': 'Anyone holding the receipt can check it here:',
  'receipt.checkLink': 'Check this receipt',
  'receipt.apiRoute': 'API address:',
  'receipt.verifyHint':
    'That address answers only the challenge, the server time and whether the bid is still live — never who bid or what. To verify yourself: canonicalise the bid you kept with RFC 8785, compute its SHA-256 and compare it with the receipt hash; the submission is also recorded in the audit ledger.',
  'receipt.challenge': 'Challenge id',
  'receipt.bid': 'Bid id',
  'nav.receipts': 'Check a receipt',
  'receipt.check.title': 'Check a bid receipt',
  'receipt.check.intro':
    'Paste the hash from a bid receipt (64 hexadecimal characters) to see which challenge it belongs to, when the server issued it, and whether the bid still stands. The answer never says who bid or what.',
  'receipt.check.hash': 'Receipt hash',
  'receipt.check.hashHint': '64 hexadecimal characters (0–9, a–f), either case',
  'receipt.check.submit': 'Check',
  'receipt.check.invalid': 'A receipt hash is 64 hexadecimal characters (0–9, a–f); this has {n}.',
  'receipt.check.result': 'Result',
  'receipt.check.state': 'State',
  'receipt.check.live': 'Valid: the receipt of the bid’s current version, still in the running',
  'receipt.check.withdrawn': 'A valid receipt, but the bid has been withdrawn',
  'receipt.check.replaced': 'A valid receipt, superseded by a later revision of the same bid',
  'receipt.check.replacedAt': 'Superseded at (Beijing time)',
  'receipt.check.serverTime': 'Issued at (Beijing time)',
  'receipt.check.challenge': 'Challenge',
  'receipt.check.notFound': 'No revision of any bid carried this receipt hash. Check that the whole hash was copied.',
  'receipt.check.privacy':
    'This page shows only the challenge, the times and the state; who bid, the amounts and the bid itself stay sealed.',
  'receipt.file.title': 'Jiebang bid receipt',
  'receipt.file.note':
    'This file proves that the bid was submitted at the time shown. It holds no amount and no word of the bid, so it can be shown to others to check.',
  'receipt.file.covers': 'The receipt hash covers these fields of the canonical bid: {fields}',
  'receipt.file.page': 'Check it on the site: {url}',
  'receipt.file.check': 'Check it by the API: GET {url}',
  'receipt.file.recompute':
    'Check it yourself: canonicalise the fields above, as submitted, to JSON by RFC 8785, encode as UTF-8 and compute SHA-256; its hex must equal receipt.hash.',
};
