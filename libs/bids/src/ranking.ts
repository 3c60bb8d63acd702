/**
 * Ranking of bids from reviewers' score sheets (pure: no Nest, no database).
 *
 * Per bid and criterion the reviewers' scores are aggregated:
 *  - with at least four scores, a trimmed mean: exactly one highest and one lowest score are
 *    dropped (one of each, even when several reviewers gave the same extreme score);
 *  - otherwise the plain mean.
 * A bid's score is the weighted mean of its criteria aggregates: Σ wₖ·aₖ / Σ wₖ.
 *
 * Optional z-score normalisation (`normalize: 'z'`) evens out harsh and lenient reviewers: each
 * reviewer's scores on a criterion (over every bid that reviewer scored) are replaced by
 * (s − μ) / σ (population σ; σ = 0 gives 0 for all). Aggregation and weighting are then done on
 * the z-values. Eligibility is always judged on the raw aggregates (the minimum scores are in the
 * raw scale).
 *
 * A bid is eligible when it has scores and every criterion's raw aggregate is ≥ its minScore
 * (EIC-style thresholds). Ordering, best first (the stated, deterministic tie-break; the sort walks
 * `TIE_BREAK_ORDER` below):
 *   1. eligible before ineligible (bids without any score last);
 *   2. higher score;
 *   3. higher aggregate on the heaviest criterion (the first listed on equal weights — "technical"
 *      by default);
 *   4. lower requested funding;
 *   5. earlier submission;
 *   6. bid id (lexicographic).
 * Scores are compared rounded to 1e-6, so float noise never decides a tie.
 *
 * Every sum is taken over sorted values, so the result is bit-for-bit the same whatever the order
 * in which the score sheets arrive.
 */

export interface Criterion {
  /** The stable id score sheets refer to. */
  key: string;
  weight: number;
  minScore: number;
  /** What people read (criteria-rules.ts `criterionLabel`); the defaults have built-in names. */
  name?: string;
  description?: string;
}

export interface ScoreSheet {
  bidId: string;
  reviewerId: string;
  /** criterion key → score. */
  scores: Record<string, number>;
}

export interface RankableBid {
  bidId: string;
  requestedFundingFen: number;
  /** Epoch milliseconds (or any monotonic number). */
  submittedAt: number;
}

export type Normalization = 'none' | 'z';

export interface RankedBid {
  bidId: string;
  /** 1 = best; every bid has its own rank (the tie-break is total). */
  rank: number;
  /** Weighted score (in z units when normalised); null without any score. */
  score: number | null;
  /** Per criterion, the aggregate used for the score (z units when normalised). */
  scores: Record<string, number | null>;
  /** Per criterion, the raw aggregate (what eligibility is judged on). */
  rawScores: Record<string, number | null>;
  eligible: boolean;
  /** Criteria whose raw aggregate is below the minimum (or missing). */
  failedCriteria: string[];
  /** How many reviewers' sheets count for this bid. */
  reviewers: number;
}

export const DEFAULT_CRITERIA: readonly Criterion[] = Object.freeze([
  Object.freeze({ key: 'technical', weight: 60, minScore: 60 }),
  Object.freeze({ key: 'team', weight: 20, minScore: 50 }),
  Object.freeze({ key: 'plan', weight: 20, minScore: 50 }),
]);

/** Lowest and highest score a reviewer may give on any criterion. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

/** Trimming starts at this many scores. */
export const TRIM_FROM = 4;

const ascending = (a: number, b: number) => a - b;

/** Sum of values in ascending order (so any permutation of the input gives the same double). */
function sortedSum(values: readonly number[]): number {
  const sorted = [...values].sort(ascending);
  let sum = 0;
  for (const v of sorted) sum += v;
  return sum;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of no values');
  return sortedSum(values) / values.length;
}

/** The values a trimmed mean keeps: all of them below TRIM_FROM, else without one min and one max. */
export function trimmed(values: readonly number[]): number[] {
  const sorted = [...values].sort(ascending);
  return sorted.length >= TRIM_FROM ? sorted.slice(1, -1) : sorted;
}

/** Trimmed mean with at least four values, plain mean otherwise. */
export function aggregate(values: readonly number[]): number {
  return mean(trimmed(values));
}

/** Population mean and standard deviation. */
export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const m = mean(values);
  const sq = values.map((v) => (v - m) * (v - m));
  return { mean: m, sd: Math.sqrt(sortedSum(sq) / values.length) };
}

/** Each reviewer's scores per criterion → z-scores over that reviewer's own sheets. */
export function zNormalize(sheets: readonly ScoreSheet[], criteria: readonly Criterion[]): ScoreSheet[] {
  const stats = new Map<string, { mean: number; sd: number }>();
  const byReviewer = new Map<string, ScoreSheet[]>();
  for (const s of sheets) {
    const list = byReviewer.get(s.reviewerId) ?? [];
    list.push(s);
    byReviewer.set(s.reviewerId, list);
  }
  for (const [reviewerId, list] of byReviewer) {
    for (const c of criteria) {
      const values = list.map((s) => s.scores[c.key]).filter((v): v is number => typeof v === 'number');
      if (values.length) stats.set(`${reviewerId}\u0000${c.key}`, meanAndSd(values));
    }
  }
  return sheets.map((s) => {
    const scores: Record<string, number> = {};
    for (const c of criteria) {
      const v = s.scores[c.key];
      if (typeof v !== 'number') continue;
      const st = stats.get(`${s.reviewerId}\u0000${c.key}`) as { mean: number; sd: number };
      scores[c.key] = st.sd === 0 ? 0 : (v - st.mean) / st.sd;
    }
    return { bidId: s.bidId, reviewerId: s.reviewerId, scores };
  });
}

/** The weighted mean of per-criterion aggregates; null if any criterion has no score. */
export function weighted(criteria: readonly Criterion[], aggregates: Record<string, number | null>): number | null {
  const parts: number[] = [];
  let weights = 0;
  for (const c of criteria) {
    const a = aggregates[c.key];
    if (a === null || a === undefined) return null;
    parts.push(c.weight * a);
    weights += c.weight;
  }
  return weights === 0 ? null : sortedSum(parts) / weights;
}

/** The criterion that breaks ties first: the heaviest, the first listed on equal weights. */
export function leadingCriterion(criteria: readonly Criterion[]): Criterion | null {
  let best: Criterion | null = null;
  for (const c of criteria) if (!best || c.weight > best.weight) best = c;
  return best;
}

/** Descending comparison of two nullable scores at 1e-6 precision (null last). */
function byDesc(a: number | null | undefined, b: number | null | undefined): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return Math.round((b as number) * 1e6) - Math.round((a as number) * 1e6);
}

function aggregatesOf(sheets: readonly ScoreSheet[], criteria: readonly Criterion[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of criteria) {
    const values = sheets.map((s) => s.scores[c.key]).filter((v): v is number => typeof v === 'number');
    out[c.key] = values.length ? aggregate(values) : null;
  }
  return out;
}

/** Ranks every bid (best first). Sheets for bids not in `bids` are ignored. */
export function rankBids(
  criteria: readonly Criterion[],
  bids: readonly RankableBid[],
  sheets: readonly ScoreSheet[],
  normalize: Normalization = 'none',
): RankedBid[] {
  const known = new Set(bids.map((b) => b.bidId));
  const relevant = sheets.filter((s) => known.has(s.bidId));
  const used = normalize === 'z' ? zNormalize(relevant, criteria) : relevant;
  const rawByBid = groupByBid(relevant);
  const usedByBid = groupByBid(used);
  const lead = leadingCriterion(criteria);

  const rows = bids.map((bid) => {
    const raw = rawByBid.get(bid.bidId) ?? [];
    const rawScores = aggregatesOf(raw, criteria);
    const scores = aggregatesOf(usedByBid.get(bid.bidId) ?? [], criteria);
    const failedCriteria = criteria
      .filter((c) => rawScores[c.key] === null || (rawScores[c.key] as number) < c.minScore)
      .map((c) => c.key);
    const score = raw.length ? weighted(criteria, scores) : null;
    return {
      bid,
      ranked: {
        bidId: bid.bidId,
        rank: 0,
        score,
        scores,
        rawScores,
        eligible: raw.length > 0 && failedCriteria.length === 0,
        failedCriteria,
        reviewers: raw.length,
      } satisfies RankedBid,
    };
  });

  const compare = TIE_BREAK_ORDER.map((step) => COMPARE[step]);
  rows.sort((x, y) => {
    for (const by of compare) {
      const order = by(x, y, lead);
      if (order !== 0) return order;
    }
    return 0;
  });
  return rows.map((r, i) => ({ ...r.ranked, rank: i + 1 }));
}

/**
 * The tie-break, best first, as data: the sort walks this list, the ranking endpoint returns it
 * (`tieBreakOrder`), and the web app words each step in the reader's language, so the rule stated
 * and the rule applied cannot drift apart.
 */
export const TIE_BREAK_ORDER = [
  'eligible_first',
  'higher_score',
  'higher_lead_criterion',
  'lower_requested_funding',
  'earlier_submission',
  'bid_id',
] as const;
export type TieBreakStep = (typeof TIE_BREAK_ORDER)[number];

/** The rule in English words, for readers of the raw API. */
export const TIE_BREAK_WORDS: Record<TieBreakStep, string> = {
  eligible_first: 'eligible bids first',
  higher_score: 'higher weighted score',
  higher_lead_criterion: 'higher score on the heaviest criterion (technical by default)',
  lower_requested_funding: 'lower requested funding',
  earlier_submission: 'earlier submission',
  bid_id: 'bid id',
};
export const TIE_BREAK = TIE_BREAK_ORDER.map((step, i) => (i ? `then ${TIE_BREAK_WORDS[step]}` : TIE_BREAK_WORDS[step])).join(
  '; ',
);

interface RankRow {
  bid: RankableBid;
  ranked: RankedBid;
}
const COMPARE: Record<TieBreakStep, (x: RankRow, y: RankRow, lead: Criterion | null) => number> = {
  eligible_first: (x, y) => (x.ranked.eligible === y.ranked.eligible ? 0 : x.ranked.eligible ? -1 : 1),
  higher_score: (x, y) => byDesc(x.ranked.score, y.ranked.score),
  higher_lead_criterion: (x, y, lead) => (lead ? byDesc(x.ranked.scores[lead.key], y.ranked.scores[lead.key]) : 0),
  lower_requested_funding: (x, y) => x.bid.requestedFundingFen - y.bid.requestedFundingFen,
  earlier_submission: (x, y) => x.bid.submittedAt - y.bid.submittedAt,
  bid_id: (x, y) => (x.bid.bidId < y.bid.bidId ? -1 : x.bid.bidId > y.bid.bidId ? 1 : 0),
};

function groupByBid(sheets: readonly ScoreSheet[]): Map<string, ScoreSheet[]> {
  const map = new Map<string, ScoreSheet[]>();
  for (const s of sheets) {
    const list = map.get(s.bidId) ?? [];
    list.push(s);
    map.set(s.bidId, list);
  }
  return map;
}

/** Every problem with a set of criteria (keys unique and well-formed, weights positive summing to 100). */
export function criteriaProblems(criteria: readonly Criterion[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  criteria.forEach((c, i) => {
    if (seen.has(c.key)) problems.push({ field: `criteria[${i}].key`, message: 'must be unique' });
    seen.add(c.key);
    if (c.minScore > SCORE_MAX) problems.push({ field: `criteria[${i}].minScore`, message: `must be at most ${SCORE_MAX}` });
  });
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  if (criteria.length && total !== 100)
    problems.push({ field: 'criteria', message: `weights must add up to 100 (they add up to ${total})` });
  return problems;
}
