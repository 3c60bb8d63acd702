/** A closed panel's ranking of three bids, for the ranking and panel tests. */
import type { RankingView } from '../api/bids';

const row = (bidId: string, rank: number, organizationName: string, submittedAt: string, requestedFundingFen: number) => ({
  bidId,
  organizationId: `org-${bidId}`,
  organizationName,
  rank,
  score: 90 - rank,
  scores: { technical: 80 },
  rawScores: {},
  eligible: true,
  failedCriteria: [],
  reviewers: 2,
  status: 'submitted',
  requestedFundingFen,
  submittedAt,
});

// Best first; submitted in the order c, a, b (so the bid list says 申报 1 = c, 2 = a, 3 = b).
export const ranking = {
  items: [
    row('aaaa1111-0000-4000-8000-000000000000', 1, '甲公司', '2030-01-02T00:00:00.000Z', 1_000_000_000),
    row('bbbb2222-0000-4000-8000-000000000000', 2, '乙大学', '2030-01-03T00:00:00.000Z', 2_000_000_000),
    row('cccc3333-0000-4000-8000-000000000000', 3, '丙研究院', '2030-01-01T00:00:00.000Z', 500_000_000),
  ],
  nextCursor: null,
  normalize: 'none',
  criteria: [
    {
      key: 'technical',
      name: null,
      description: null,
      label: { zh: '技术方案', en: 'Technical approach' },
      weight: 100,
      minScore: null,
    },
  ],
  panelClosed: true,
  tieBreak: '',
  tieBreakOrder: ['higher_score'],
} as unknown as RankingView;
