import { describe, expect, it } from 'vitest';
import type { BidView } from '../api/bids';
import { receiptCheckPath, receiptFile } from './receipt-file';

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
  it('carries the hash, what it covers and the check address, and nothing of the bid’s content', () => {
    const file = receiptFile(bid, 'https://jiebang.example');
    expect(file.name).toBe(`bid-receipt-${hash.slice(0, 16)}.json`);
    const json = JSON.parse(file.text);
    expect(json.receipt).toEqual(bid.receipt);
    expect(json).toMatchObject({ bidId: 'b1', challengeId: 'c1', revision: 2 });
    expect(json.verify.check).toBe(`GET https://jiebang.example/api/v1/bid-receipts/${hash}`);
    expect(file.text).not.toContain('SECRET');
    expect(file.text).not.toContain('12345600');
    expect(receiptCheckPath(hash)).toBe(`/api/v1/bid-receipts/${hash}`);
  });
});
