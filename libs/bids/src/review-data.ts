import { EntityManager } from 'typeorm';
import { FieldError, invalid } from '@app/common/domain-error';
import { fen } from '@app/database';
import { ScoreDto } from './dto/review.dto';
import { Criterion, DEFAULT_CRITERIA, Normalization, RankedBid, ScoreSheet, rankBids } from './ranking';
import { BidForReviewRow, readBidsForReview } from './repositories/bids.repository';
import { readConflicts } from './repositories/bid-conflicts.repository';
import { readLiveParticipants } from './repositories/bid-participants.repository';
import { readScores } from './repositories/bid-scores.repository';
import { readPanelReviewerOrganizations } from './repositories/review-panels.repository';

/** Everything the ranking and the panel's coverage are computed from (no bid contents). */
export interface ReviewData {
  reviewers: Awaited<ReturnType<typeof readPanelReviewerOrganizations>>;
  bids: BidForReviewRow[];
  participants: Awaited<ReturnType<typeof readLiveParticipants>>;
  conflicts: Awaited<ReturnType<typeof readConflicts>>;
  scores: Awaited<ReturnType<typeof readScores>>;
}

/** One statement after another (no Promise.all inside a transaction). */
export async function readReviewData(em: EntityManager, challengeId: string): Promise<ReviewData> {
  const reviewers = await readPanelReviewerOrganizations(em, challengeId);
  const bids = await readBidsForReview(em, challengeId);
  const participants = await readLiveParticipants(em, challengeId);
  const conflicts = await readConflicts(em, challengeId);
  const scores = await readScores(em, challengeId);
  return { reviewers, bids, participants, conflicts, scores };
}

export function isDefault(criteria: Criterion[]): boolean {
  return JSON.stringify(criteria) === JSON.stringify(DEFAULT_CRITERIA);
}

/** The scores, as `{criterion → score}`; 400 unless there is exactly one score per criterion of the challenge. */
export function sheetOf(dto: ScoreDto, criteria: Criterion[]): Record<string, number> {
  const errors: FieldError[] = [];
  const keys = new Set(criteria.map((c) => c.key));
  const out: Record<string, number> = {};
  dto.scores.forEach((s, i) => {
    if (!keys.has(s.criterion))
      errors.push({ field: `scores[${i}].criterion`, message: `must be one of ${[...keys].join(', ')}` });
    else if (s.criterion in out) errors.push({ field: `scores[${i}].criterion`, message: 'is scored twice' });
    else out[s.criterion] = s.score;
  });
  for (const c of criteria)
    if (!(c.key in out) && !errors.length) errors.push({ field: 'scores', message: `must score criterion ${c.key}` });
  if (errors.length) throw invalid('bids.invalid_scores', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  return out;
}

function conflictedSet(data: ReviewData): Set<string> {
  const set = new Set<string>();
  for (const k of data.conflicts) set.add(`${k.bid_id}|${k.reviewer_id}`);
  for (const r of data.reviewers) {
    if (!r.organization_id) continue;
    for (const p of data.participants) if (p.organization_id === r.organization_id) set.add(`${p.bid_id}|${r.reviewer_id}`);
  }
  return set;
}

/** Sheets that count: by an assigned reviewer without a conflict, on a live bid. */
function countedSheets(data: ReviewData): ScoreSheet[] {
  const conflicted = conflictedSet(data);
  const assigned = new Set(data.reviewers.map((r) => r.reviewer_id));
  const live = new Set(data.bids.map((b) => b.id));
  return data.scores
    .filter((s) => assigned.has(s.reviewer_id) && live.has(s.bid_id) && !conflicted.has(`${s.bid_id}|${s.reviewer_id}`))
    .map((s) => ({ bidId: s.bid_id, reviewerId: s.reviewer_id, scores: s.scores }));
}

export function rank(data: ReviewData, criteria: Criterion[], normalize: Normalization): RankedBid[] {
  return rankBids(
    criteria,
    data.bids.map((b) => ({
      bidId: b.id,
      requestedFundingFen: fen(b.requested_funding_fen),
      submittedAt: b.submitted_at.getTime(),
    })),
    countedSheets(data),
    normalize,
  );
}

/** The score sheets still missing, and the bids no unconflicted reviewer can score. */
export function coverage(data: ReviewData): { missing: { reviewerId: string; bidId: string }[]; unreviewable: string[] } {
  const conflicted = conflictedSet(data);
  const scored = new Set(data.scores.map((s) => `${s.bid_id}|${s.reviewer_id}`));
  const missing: { reviewerId: string; bidId: string }[] = [];
  const unreviewable: string[] = [];
  for (const b of [...data.bids].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    let eligibleReviewers = 0;
    for (const r of data.reviewers) {
      const key = `${b.id}|${r.reviewer_id}`;
      if (conflicted.has(key)) continue;
      eligibleReviewers++;
      if (!scored.has(key)) missing.push({ reviewerId: r.reviewer_id, bidId: b.id });
    }
    if (eligibleReviewers === 0) unreviewable.push(b.id);
  }
  return { missing, unreviewable };
}
