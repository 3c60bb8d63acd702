import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { BidInput } from './bid-rules';
import { canonicalBid, canonicalBidParts, receiptHash } from './receipt';

const bid = (text: string): BidInput => ({
  totalInvestmentFen: 2_000,
  requestedFundingFen: 1_000,
  proposal: { text, approach: [{ metric: '算力', plan: 'x' }] },
  consortium: [],
  milestones: [{ title: 'm', dueAt: new Date('2031-01-01T00:00:00Z'), deliverable: 'd', trancheFen: 1_000 }],
});

describe('receipt', () => {
  const base = { challengeId: 'c', organizationId: 'o' };

  it('is the SHA-256 of the RFC 8785 text, keys sorted', () => {
    const submittedAt = new Date('2030-01-02T03:04:05.678Z');
    const text = canonicalBid({ ...base, submittedAt, bid: bid('方案') });
    expect(
      text.startsWith('{"challengeId":"c","consortium":[],"milestones":[{"deliverable":"d","dueAt":"2031-01-01T00:00:00.000Z"'),
    ).toBe(true);
    expect(text).toContain('"submittedAt":"2030-01-02T03:04:05.678Z","totalInvestmentFen":2000,"v":1}');
    expect(receiptHash({ ...base, submittedAt, bid: bid('方案') })).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('prefix + ISO time + suffix is the canonical text, whatever the proposal says', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
        (text, at) => {
          const { prefix, suffix } = canonicalBidParts({ ...base, bid: bid(`${text}\u2063submittedAt\u2063`) });
          expect(prefix + at.toISOString() + suffix).toBe(
            canonicalBid({ ...base, submittedAt: at, bid: bid(`${text}\u2063submittedAt\u2063`) }),
          );
        },
      ),
    );
  });
});
