import { describe, expect, it } from 'vitest';
import type { BidView } from '../api/bids';
import { loadDictionary, translator } from '../i18n/i18n';
import { receiptCheckPath, receiptFile, receiptPagePath } from './receipt-file';

const hash = 'ab'.repeat(32);
const bid = {
  id: 'b1',
  challengeId: 'c1',
  revision: 2,
  requestedFundingFen: 123_456_00,
  proposal: { text: 'SECRET PLAN' },
  receipt: { algorithm: 'sha-256', canonicalization: 'RFC 8785 (JCS)', hash, serverTime: '2030-01-02T03:04:05.678Z' },
} as unknown as BidView;

describe('the downloadable receipt', () => {
  it('carries the hash, what it covers and where to check it, and nothing of the bid’s content', () => {
    const file = receiptFile(bid, 'https://jiebang.example', translator('zh'), 'zh');
    expect(file.name).toBe(`bid-receipt-${hash.slice(0, 16)}.json`);
    const json = JSON.parse(file.text);
    expect(json.receipt).toEqual(bid.receipt);
    expect(json).toMatchObject({ bidId: 'b1', challengeId: 'c1', revision: 2, language: 'zh' });
    expect(json.verify.check).toContain(`GET https://jiebang.example/api/v1/bid-receipts/${hash}`);
    expect(json.verify.page).toContain(`https://jiebang.example/receipts/${hash}`);
    expect(file.text).not.toContain('SECRET');
    expect(file.text).not.toContain('12345600');
    expect(receiptCheckPath(hash)).toBe(`/api/v1/bid-receipts/${hash}`);
    expect(receiptPagePath(hash)).toBe(`/receipts/${hash}`);
  });

  it('words its sentences in the reader’s language', async () => {
    const zh = JSON.parse(receiptFile(bid, 'https://x.example', translator('zh'), 'zh').text);
    expect(zh.title).toBe('揭榜申报回执');
    for (const text of [zh.note, zh.covers, zh.verify.page, zh.verify.check, zh.verify.recompute])
      expect(text).toMatch(/[\u4e00-\u9fff]/);
    await loadDictionary('en');
    const en = JSON.parse(receiptFile(bid, 'https://x.example', translator('en'), 'en').text);
    expect(en.title).toBe('Jiebang bid receipt');
    for (const text of [en.note, en.covers, en.verify.page, en.verify.check, en.verify.recompute])
      expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.language).toBe('en');
  });
});
