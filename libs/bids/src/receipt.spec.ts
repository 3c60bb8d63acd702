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

  describe('documents', () => {
    const submittedAt = new Date('2030-01-02T03:04:05.678Z');
    const doc = (sha256: string, name = '申报书.pdf') => ({ role: 'application', sha256, size: 1234, name });

    it('a bid without documents has no documents key: its receipt is what it was before documents existed', () => {
      const without = canonicalBid({ ...base, submittedAt, bid: bid('方案') });
      expect(without).not.toContain('"documents"');
      expect(canonicalBid({ ...base, submittedAt, bid: bid('方案'), documents: [] })).toBe(without);
      // Pinned: the layout of v1 receipts (a change here breaks every receipt already issued).
      expect(receiptHash({ ...base, submittedAt, bid: bid('方案') })).toBe(
        createHash('sha256').update(without, 'utf8').digest('hex'),
      );
      expect(without).toBe(
        '{"challengeId":"c","consortium":[],"milestones":[{"deliverable":"d","dueAt":"2031-01-01T00:00:00.000Z","title":"m","trancheFen":1000}],' +
          '"organizationId":"o","proposal":{"approach":[{"metric":"算力","plan":"x"}],"text":"方案"},"requestedFundingFen":1000,' +
          '"submittedAt":"2030-01-02T03:04:05.678Z","totalInvestmentFen":2000,"v":1}',
      );
    });

    it('covers each document in order: role, sha256, size, name', () => {
      const text = canonicalBid({ ...base, submittedAt, bid: bid('方案'), documents: [doc('aa'), doc('bb', 'b.pdf')] });
      expect(text).toContain(
        '"documents":[{"name":"申报书.pdf","role":"application","sha256":"aa","size":1234},{"name":"b.pdf","role":"application","sha256":"bb","size":1234}]',
      );
    });

    it('a different file (or order, role, size, name) is a different receipt', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.stringMatching(/^[0-9a-f]{64}$/), (a, b) => {
          fc.pre(a !== b);
          const h = (docs: ReturnType<typeof doc>[]) => receiptHash({ ...base, submittedAt, bid: bid('x'), documents: docs });
          expect(h([doc(a)])).not.toBe(h([doc(b)]));
          expect(h([doc(a), doc(b)])).not.toBe(h([doc(b), doc(a)]));
          expect(h([doc(a)])).not.toBe(h([{ ...doc(a), size: 1235 }]));
          expect(h([doc(a)])).not.toBe(h([{ ...doc(a), role: 'budget' }]));
          expect(h([doc(a)])).not.toBe(h([]));
        }),
      );
    });

    it('prefix + ISO time + suffix is the canonical text, whatever the document names say', () => {
      fc.assert(
        fc.property(fc.string(), (name) => {
          const documents = [doc('aa', `${name}\u2063submittedAt\u2063`)];
          const { prefix, suffix } = canonicalBidParts({ ...base, bid: bid('t'), documents });
          expect(prefix + submittedAt.toISOString() + suffix).toBe(
            canonicalBid({ ...base, submittedAt, bid: bid('t'), documents }),
          );
        }),
      );
    });
  });
});
