import fc from 'fast-check';
import {
  Criterion,
  DEFAULT_CRITERIA,
  RankableBid,
  TIE_BREAK,
  TIE_BREAK_ORDER,
  ScoreSheet,
  aggregate,
  criteriaProblems,
  leadingCriterion,
  mean,
  rankBids,
  trimmed,
  zNormalize,
} from './ranking';

const sheet = (bidId: string, reviewerId: string, technical: number, team: number, plan: number): ScoreSheet => ({
  bidId,
  reviewerId,
  scores: { technical, team, plan },
});
const bid = (bidId: string, requestedFundingFen = 1_000, submittedAt = 0): RankableBid => ({
  bidId,
  requestedFundingFen,
  submittedAt,
});

describe('aggregate (hand-computed)', () => {
  it('plain mean below four scores', () => {
    expect(aggregate([80])).toBe(80);
    expect(aggregate([80, 90, 70])).toBe(80);
  });

  it('trimmed mean from four scores: one lowest and one highest dropped', () => {
    expect(aggregate([10, 60, 70, 80, 100])).toBe(70); // mean(60, 70, 80)
    expect(aggregate([100, 0, 50, 60])).toBe(55); // mean(50, 60)
  });

  it('drops only one of several equal extremes', () => {
    expect(trimmed([50, 90, 50, 90])).toEqual([50, 90]);
    expect(aggregate([50, 90, 50, 90])).toBe(70);
  });

  it('mean refuses no values', () => {
    expect(() => mean([])).toThrow(RangeError);
  });
});

describe('rankBids (hand-computed examples)', () => {
  it('weights 60/20/20, plain means, ineligible below a minimum score', () => {
    const sheets = [
      // A: means 80 / 70 / 60 → 0.6·80 + 0.2·70 + 0.2·60 = 74, eligible
      sheet('A', 'r1', 80, 70, 60),
      sheet('A', 'r2', 90, 80, 70),
      sheet('A', 'r3', 70, 60, 50),
      // B: means 85 / 45 / 90 → 51 + 9 + 18 = 78, but team 45 < 50: not eligible
      sheet('B', 'r1', 85, 40, 90),
      sheet('B', 'r2', 85, 50, 90),
      sheet('B', 'r3', 85, 45, 90),
      // C: 75 / 80 / 80 → 45 + 16 + 16 = 77, eligible
      sheet('C', 'r1', 75, 80, 80),
      sheet('C', 'r2', 75, 80, 80),
      sheet('C', 'r3', 75, 80, 80),
    ];
    const ranked = rankBids(DEFAULT_CRITERIA, [bid('A'), bid('B'), bid('C'), bid('D')], sheets);
    expect(ranked.map((r) => [r.bidId, r.rank, r.score, r.eligible])).toEqual([
      ['C', 1, 77, true],
      ['A', 2, 74, true],
      ['B', 3, 78, false],
      ['D', 4, null, false],
    ]);
    expect(ranked[1].scores).toEqual({ technical: 80, team: 70, plan: 60 });
    expect(ranked[2].failedCriteria).toEqual(['team']);
    expect(ranked[3]).toMatchObject({ reviewers: 0, failedCriteria: ['technical', 'team', 'plan'] });
  });

  it('trimmed mean per criterion with five reviewers', () => {
    const sheets = [
      sheet('A', 'r1', 10, 60, 60),
      sheet('A', 'r2', 60, 60, 60),
      sheet('A', 'r3', 70, 60, 60),
      sheet('A', 'r4', 80, 60, 60),
      sheet('A', 'r5', 100, 60, 60),
    ];
    const [a] = rankBids(DEFAULT_CRITERIA, [bid('A')], sheets);
    // technical mean(60, 70, 80) = 70 → 0.6·70 + 0.2·60 + 0.2·60 = 66
    expect(a).toMatchObject({ score: 66, scores: { technical: 70, team: 60, plan: 60 }, reviewers: 5, eligible: true });
  });

  it('tie-break: higher technical, then lower request, then earlier submission, then id', () => {
    const sheets = [
      sheet('E', 'r1', 70, 80, 80), // 42 + 16 + 16 = 74
      sheet('F', 'r1', 75, 70, 75), // 45 + 14 + 15 = 74, higher technical
      sheet('G', 'r1', 70, 80, 80), // as E, asks less
      sheet('H', 'r1', 70, 80, 80), // as G, submitted later
      sheet('I', 'r1', 70, 80, 80), // as H, larger id
    ];
    const bids = [bid('E', 2_000, 1), bid('F', 2_000, 1), bid('G', 1_000, 5), bid('H', 1_000, 6), bid('I', 1_000, 6)];
    expect(rankBids(DEFAULT_CRITERIA, bids, sheets).map((r) => r.bidId)).toEqual(['F', 'G', 'H', 'I', 'E']);
  });

  it('z-score normalisation per reviewer can reverse a harsh reviewer’s effect', () => {
    const criteria: Criterion[] = [{ key: 'technical', weight: 100, minScore: 0 }];
    const one = (bidId: string, reviewerId: string, technical: number): ScoreSheet => ({
      bidId,
      reviewerId,
      scores: { technical },
    });
    const sheets = [
      one('X', 'harsh', 50),
      one('Y', 'harsh', 40),
      one('Z', 'harsh', 30),
      one('Y', 'lenient', 100),
      one('Z', 'lenient', 90),
    ];
    const bids = [bid('X'), bid('Y'), bid('Z')];
    // raw: X 50, Y 70, Z 60
    expect(rankBids(criteria, bids, sheets).map((r) => [r.bidId, r.score])).toEqual([
      ['Y', 70],
      ['Z', 60],
      ['X', 50],
    ]);
    // harsh: μ 40, σ √(200/3) → X +1.2247, Y 0, Z −1.2247; lenient: μ 95, σ 5 → Y +1, Z −1
    const z = rankBids(criteria, bids, sheets, 'z');
    expect(z.map((r) => r.bidId)).toEqual(['X', 'Y', 'Z']);
    expect(z[0].score).toBeCloseTo(Math.sqrt(1.5), 10);
    expect(z[1].score).toBeCloseTo(0.5, 10);
    expect(z[2].score).toBeCloseTo(-(Math.sqrt(1.5) + 1) / 2, 10);
    // eligibility and rawScores stay on the raw scale
    expect(z[0].rawScores).toEqual({ technical: 50 });
  });

  it('z-score of a reviewer who gives everyone the same score is 0', () => {
    const z = zNormalize([sheet('A', 'r', 70, 70, 70), sheet('B', 'r', 70, 70, 70)], DEFAULT_CRITERIA);
    expect(z.map((s) => s.scores)).toEqual([
      { technical: 0, team: 0, plan: 0 },
      { technical: 0, team: 0, plan: 0 },
    ]);
  });

  it('the heaviest criterion breaks ties (first listed on equal weights)', () => {
    expect(leadingCriterion(DEFAULT_CRITERIA)?.key).toBe('technical');
    expect(
      leadingCriterion([
        { key: 'a', weight: 50, minScore: 0 },
        { key: 'b', weight: 50, minScore: 0 },
      ])?.key,
    ).toBe('a');
  });

  it('criteria problems: duplicate keys, weights not adding up to 100', () => {
    expect(criteriaProblems(DEFAULT_CRITERIA)).toEqual([]);
    expect(
      criteriaProblems([
        { key: 'a', weight: 50, minScore: 0 },
        { key: 'a', weight: 40, minScore: 0 },
      ]),
    ).toEqual([
      { field: 'criteria[1].key', message: 'must be unique' },
      { field: 'criteria', message: 'weights must add up to 100 (they add up to 90)' },
    ]);
  });
});

describe('ranking properties', () => {
  const score = fc.integer({ min: 0, max: 100 });
  const scoresArb = fc.record({ technical: score, team: score, plan: score });
  /** Up to 6 bids, up to 6 reviewers, each reviewer scoring a random subset of bids. */
  const scenario = fc
    .record({
      nBids: fc.integer({ min: 1, max: 6 }),
      nReviewers: fc.integer({ min: 1, max: 6 }),
    })
    .chain(({ nBids, nReviewers }) =>
      fc.record({
        bids: fc.tuple(
          ...Array.from({ length: nBids }, (_, i) =>
            fc.record({
              bidId: fc.constant(`bid-${i}`),
              requestedFundingFen: fc.integer({ min: 1, max: 5 }),
              submittedAt: fc.integer({ min: 0, max: 3 }),
            }),
          ),
        ),
        sheets: fc.tuple(
          ...Array.from({ length: nBids * nReviewers }, (_, k) =>
            fc.option(
              scoresArb.map((scores) => ({ bidId: `bid-${k % nBids}`, reviewerId: `rev-${Math.floor(k / nBids)}`, scores })),
              { nil: undefined },
            ),
          ),
        ),
      }),
    )
    .map(({ bids, sheets }) => ({
      bids,
      sheets: (sheets as (ScoreSheet | undefined)[]).filter((s): s is ScoreSheet => s !== undefined),
    }));

  it('is invariant to the order in which score sheets (and bids) arrive', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom('none' as const, 'z' as const), fc.nat(), ({ bids, sheets }, normalize, seed) => {
        const shuffle = <T>(xs: T[]): T[] => {
          const out = [...xs];
          let s = seed + 1;
          for (let i = out.length - 1; i > 0; i--) {
            s = (s * 1103515245 + 12345) % 2147483648;
            const j = s % (i + 1);
            [out[i], out[j]] = [out[j], out[i]];
          }
          return out;
        };
        const a = rankBids(DEFAULT_CRITERIA, bids, sheets, normalize);
        const b = rankBids(DEFAULT_CRITERIA, shuffle(bids), shuffle(sheets), normalize);
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('ranks are 1..n, eligible bids first, scores non-increasing within each group', () => {
    fc.assert(
      fc.property(scenario, ({ bids, sheets }) => {
        const ranked = rankBids(DEFAULT_CRITERIA, bids, sheets);
        expect(ranked.map((r) => r.rank)).toEqual(bids.map((_, i) => i + 1));
        const firstIneligible = ranked.findIndex((r) => !r.eligible);
        if (firstIneligible >= 0) expect(ranked.slice(firstIneligible).every((r) => !r.eligible)).toBe(true);
        for (let i = 1; i < ranked.length; i++) {
          const [p, q] = [ranked[i - 1], ranked[i]];
          if (p.eligible === q.eligible && p.score !== null && q.score !== null) {
            expect(Math.round(p.score * 1e6)).toBeGreaterThanOrEqual(Math.round(q.score * 1e6));
          }
        }
      }),
    );
  });

  it('the trimmed mean drops exactly one lowest and one highest score (from four scores on)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 12 }), (values) => {
        const kept = trimmed(values);
        const sorted = [...values].sort((a, b) => a - b);
        if (values.length >= 4) {
          expect(kept).toHaveLength(values.length - 2);
          // the dropped multiset is exactly {min, max}
          const dropped = [...sorted];
          for (const k of kept) dropped.splice(dropped.indexOf(k), 1);
          expect(dropped.sort((a, b) => a - b)).toEqual([sorted[0], sorted[sorted.length - 1]]);
          expect(aggregate(values)).toBeCloseTo(mean(sorted.slice(1, -1)), 9);
        } else {
          expect(kept).toEqual(sorted);
          expect(aggregate(values)).toBeCloseTo(mean(values), 9);
        }
      }),
    );
  });

  it('from four scores on, one outlier cannot move the aggregate', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        (values, boost) => {
          const sorted = [...values].sort((a, b) => a - b);
          const higher = [...sorted.slice(0, -1), sorted[sorted.length - 1] + boost];
          const lower = [sorted[0] - boost, ...sorted.slice(1)];
          expect(aggregate(higher)).toBe(aggregate(sorted));
          expect(aggregate(lower)).toBe(aggregate(sorted));
        },
      ),
    );
  });
});

describe('the stated tie-break', () => {
  it('is worded from the order the sort walks, in that order', () => {
    expect(TIE_BREAK_ORDER[0]).toBe('eligible_first');
    expect(TIE_BREAK).toBe(
      'eligible bids first; then higher weighted score; then higher score on the heaviest criterion (technical by default); ' +
        'then lower requested funding; then earlier submission; then bid id',
    );
  });
});
