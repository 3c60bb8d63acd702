import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, Role } from '@app/common/auth';
import { FieldError, conflict, forbidden, invalid } from '@app/common/domain-error';
import { moneyTransformer } from '@app/database/money.transformer';
import { BidStatus } from './bid.entity';
import { BidsService, bidNotFound, challengeNotFound } from './bids.service';
import { AssignReviewersDto, ConflictDto, CriteriaDto, RankingQuery, ScoreDto, ShortlistDto } from './dto/review.dto';
import { ConflictView, CriteriaView, PanelView, RankingView, ReviewerListView, ScoreView, ShortlistView } from './dto/views';
import {
  Criterion,
  DEFAULT_CRITERIA,
  RankedBid,
  ScoreSheet,
  TIE_BREAK,
  TIE_BREAK_ORDER,
  criteriaProblems,
  rankBids,
} from './ranking';
import { query } from './sql';

interface OwnedChallenge {
  id: string;
  status: string;
  agency_id: string;
  published_at: Date | null;
  bid_deadline: Date;
  /** now() < bid_deadline */
  before_deadline: boolean;
  unsealed: boolean;
}

interface PanelRow {
  challenge_id: string;
  criteria: Criterion[];
  closed_at: Date | null;
}

interface ReviewData {
  reviewers: { reviewer_id: string; organization_id: string | null }[];
  bids: {
    id: string;
    organization_id: string;
    organization_name: string;
    status: BidStatus;
    requested_funding_fen: string;
    submitted_at: Date;
  }[];
  participants: { bid_id: string; organization_id: string }[];
  conflicts: { bid_id: string; reviewer_id: string }[];
  scores: { bid_id: string; reviewer_id: string; scores: Record<string, number> }[];
}

const round4 = (v: number | null) => (v === null ? null : Math.round(v * 1e4) / 1e4);
const roundAll = (o: Record<string, number | null>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round4(v)]));

/**
 * The review of sealed bids after the deadline: criteria, reviewers, conflicts of interest, scores,
 * closing the panel, the ranking and the shortlist. Every write is audited in its transaction.
 *
 * The panel row of a challenge (review_panels) is created on first use; it is the lock that orders
 * scoring against closing (scores take it FOR SHARE, closing and criteria FOR UPDATE).
 */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bids: BidsService,
    private readonly audit: AuditService,
  ) {}

  // ------------------------------------------------------------------ criteria

  async criteria(challengeId: string, user: AuthUser | undefined): Promise<CriteriaView> {
    const em = this.dataSource.manager;
    const [c] = await query<OwnedChallenge>(em, `SELECT id, agency_id, published_at FROM challenges WHERE id = $1`, [
      challengeId,
    ]);
    if (!c || (c.published_at === null && !(user?.role === Role.Agency && user.id === c.agency_id)))
      throw challengeNotFound(challengeId);
    const [panel] = await query<PanelRow>(
      em,
      `SELECT challenge_id, criteria, closed_at FROM review_panels WHERE challenge_id = $1`,
      [challengeId],
    );
    return {
      challengeId,
      criteria: panel ? panel.criteria : [...DEFAULT_CRITERIA],
      custom: !!panel && !isDefault(panel.criteria),
    };
  }

  /** The owning agency sets the criteria, before the deadline (while no one can have scored). */
  async setCriteria(challengeId: string, dto: CriteriaDto, user: AuthUser): Promise<CriteriaView> {
    const criteria: Criterion[] = dto.criteria.map((c) => ({ key: c.key, weight: c.weight, minScore: c.minScore }));
    const problems = criteriaProblems(criteria);
    if (problems.length)
      throw invalid('bids.invalid_criteria', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    return this.dataSource.transaction(async (em) => {
      const c = await this.owned(em, challengeId, user);
      if (!c.before_deadline || !['draft', 'published'].includes(c.status)) {
        throw conflict('bids.criteria_frozen', 'Criteria can be set only before the bid deadline.', {
          bidDeadline: c.bid_deadline.toISOString(),
        });
      }
      const before = await this.panel(em, challengeId, 'FOR UPDATE');
      await em.query(`UPDATE review_panels SET criteria = $2::jsonb, updated_at = now() WHERE challenge_id = $1`, [
        challengeId,
        JSON.stringify(criteria),
      ]);
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'review.criteria_set',
        subjectType: 'challenge',
        subjectId: challengeId,
        before: { criteria: before.criteria },
        after: { criteria },
        public: false,
      });
      return { challengeId, criteria, custom: !isDefault(criteria) };
    });
  }

  // ------------------------------------------------------------------ reviewers

  async assignReviewers(challengeId: string, dto: AssignReviewersDto, user: AuthUser): Promise<ReviewerListView> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.owned(em, challengeId, user);
      if (c.status === 'cancelled') throw conflict('bids.challenge_cancelled', 'The challenge is cancelled.');
      const panel = await this.panel(em, challengeId, 'FOR UPDATE');
      if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is closed.');
      const users = await query<{ id: string; role: string; active: boolean }>(
        em,
        `SELECT id, role, active FROM users WHERE id = ANY($1::uuid[])`,
        [dto.userIds],
      );
      const errors: FieldError[] = [];
      dto.userIds.forEach((id, i) => {
        const u = users.find((x) => x.id === id);
        if (!u) errors.push({ field: `userIds[${i}]`, message: 'is not a user' });
        else if (u.role !== Role.Reviewer) errors.push({ field: `userIds[${i}]`, message: 'is not a reviewer' });
        else if (!u.active) errors.push({ field: `userIds[${i}]`, message: 'is deactivated' });
      });
      if (errors.length) throw invalid('bids.invalid_reviewers', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
      const added = await query<{ reviewer_id: string }>(
        em,
        `INSERT INTO panel_reviewers (challenge_id, reviewer_id, assigned_by)
         SELECT $1, x, $3 FROM unnest($2::uuid[]) AS x
         ON CONFLICT DO NOTHING RETURNING reviewer_id`,
        [challengeId, [...dto.userIds].sort(), user.id],
      );
      if (added.length) {
        await this.audit.record(em, {
          challengeId,
          actorId: user.id,
          action: 'review.reviewers_assigned',
          subjectType: 'challenge',
          subjectId: challengeId,
          after: { reviewerIds: added.map((a) => a.reviewer_id).sort() },
          public: false,
        });
      }
      return this.reviewerList(em, challengeId);
    });
  }

  /** The owning agency, and the challenge's own reviewers, see who is on the panel. */
  async listReviewers(challengeId: string, user: AuthUser): Promise<ReviewerListView> {
    const em = this.dataSource.manager;
    const [c] = await query<OwnedChallenge>(em, `SELECT id, agency_id, published_at FROM challenges WHERE id = $1`, [
      challengeId,
    ]);
    if (!c || (c.published_at === null && !(user.role === Role.Agency && user.id === c.agency_id)))
      throw challengeNotFound(challengeId);
    const owner = user.role === Role.Agency && user.id === c.agency_id;
    if (!owner && !(await this.bids.isAssignedReviewer(em, challengeId, user))) {
      throw forbidden('bids.panel_members_only', 'Only the challenge’s agency and its reviewers see the panel.');
    }
    return this.reviewerList(em, challengeId);
  }

  // ------------------------------------------------------------------ conflicts and scores

  /** A reviewer declares a conflict of interest with a bid: from now on they neither see nor score it (their score, if any, is removed). */
  async declareConflict(bidId: string, dto: ConflictDto, user: AuthUser): Promise<ConflictView> {
    return this.dataSource.transaction(async (em) => {
      const bid = await this.bidOf(em, bidId);
      if (!(await this.bids.isAssignedReviewer(em, bid.challenge_id, user))) throw bidNotFound(bidId);
      const panel = await this.panel(em, bid.challenge_id, 'FOR SHARE');
      if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is closed.');
      const [row] = await query<{ reason: string; declared_at: Date }>(
        em,
        `INSERT INTO bid_conflicts (bid_id, challenge_id, reviewer_id, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT (bid_id, reviewer_id) DO UPDATE SET reason = bid_conflicts.reason
         RETURNING reason, declared_at`,
        [bidId, bid.challenge_id, user.id, dto.reason],
      );
      const removed = await query(em, `DELETE FROM bid_scores WHERE bid_id = $1 AND reviewer_id = $2 RETURNING id`, [
        bidId,
        user.id,
      ]);
      await this.audit.record(em, {
        challengeId: bid.challenge_id,
        actorId: user.id,
        action: 'review.conflict_declared',
        subjectType: 'bid',
        subjectId: bidId,
        after: { reviewerId: user.id, reason: row.reason, scoreRemoved: removed.length > 0 },
        public: false,
      });
      return { bidId, reviewerId: user.id, reason: row.reason, declaredAt: row.declared_at.toISOString() };
    });
  }

  /** Once per reviewer and bid; a second call revises the same sheet, until the panel closes. */
  async score(bidId: string, dto: ScoreDto, user: AuthUser): Promise<{ created: boolean; view: ScoreView }> {
    return this.dataSource.transaction(async (em) => {
      const bid = await this.bidOf(em, bidId);
      const gate = await this.bids.gate(em, bid.challenge_id, 'FOR SHARE');
      if (!(await this.bids.isAssignedReviewer(em, bid.challenge_id, user))) {
        throw forbidden('bids.not_on_panel', 'Only the challenge’s assigned reviewers score its bids.');
      }
      if (!gate.unsealed) throw conflict('bids.review_not_open', 'Bids are sealed until the deadline; scoring starts after it.');
      if (await this.bids.isConflicted(em, bidId, user)) {
        throw forbidden(
          'bids.conflict_of_interest',
          'You have a conflict of interest with this bid; you may neither see nor score it.',
        );
      }
      if (bid.status === 'withdrawn') throw conflict('bids.withdrawn', 'This bid was withdrawn.');
      const panel = await this.panel(em, bid.challenge_id, 'FOR SHARE');
      if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is closed; scores can no longer change.');
      const scores = sheetOf(dto, panel.criteria);
      const [prev] = await query<{ scores: Record<string, number>; revision: number }>(
        em,
        `SELECT scores, revision FROM bid_scores WHERE bid_id = $1 AND reviewer_id = $2`,
        [bidId, user.id],
      );
      const [row] = await query<{ revision: number; updated_at: Date; comment: string | null }>(
        em,
        `INSERT INTO bid_scores (bid_id, challenge_id, reviewer_id, scores, comment) VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (bid_id, reviewer_id) DO UPDATE
           SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, revision = bid_scores.revision + 1, updated_at = now()
         RETURNING revision, updated_at, comment`,
        [bidId, bid.challenge_id, user.id, JSON.stringify(scores), dto.comment ?? null],
      );
      await this.audit.record(em, {
        challengeId: bid.challenge_id,
        actorId: user.id,
        action: prev ? 'review.score_revised' : 'review.scored',
        subjectType: 'bid',
        subjectId: bidId,
        before: prev ? { scores: prev.scores, revision: prev.revision } : null,
        after: { scores, revision: row.revision },
        public: false,
      });
      return {
        created: !prev,
        view: {
          bidId,
          reviewerId: user.id,
          scores,
          comment: row.comment,
          revision: row.revision,
          updatedAt: row.updated_at.toISOString(),
        },
      };
    });
  }

  // ------------------------------------------------------------------ panel, ranking, shortlist

  /** Only when every assigned, unconflicted reviewer has scored every live bid (and every bid has such a reviewer). */
  async closePanel(challengeId: string, user: AuthUser): Promise<PanelView> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.owned(em, challengeId, user);
      if (!c.unsealed) throw conflict('bids.review_not_open', 'The panel can close only after the bid deadline.');
      const panel = await this.panel(em, challengeId, 'FOR UPDATE');
      if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is already closed.');
      const data = await this.reviewData(em, challengeId);
      if (data.reviewers.length === 0)
        throw conflict('bids.panel_incomplete', 'Assign reviewers before closing the panel.', { missing: [], missingCount: 0 });
      const { missing, unreviewable } = coverage(data);
      if (unreviewable.length) {
        throw conflict(
          'bids.panel_incomplete',
          `${unreviewable.length} bid(s) have no assigned reviewer without a conflict; assign another reviewer.`,
          {
            unreviewableBidIds: unreviewable,
            missing: missing.slice(0, 100),
            missingCount: missing.length,
          },
        );
      }
      if (missing.length) {
        throw conflict(
          'bids.panel_incomplete',
          `${missing.length} score sheet(s) are missing: every assigned, unconflicted reviewer must score every bid.`,
          {
            missing: missing.slice(0, 100),
            missingCount: missing.length,
          },
        );
      }
      const [closed] = await query<{ closed_at: Date }>(
        em,
        `UPDATE review_panels SET closed_at = now(), closed_by = $2, updated_at = now() WHERE challenge_id = $1 RETURNING closed_at`,
        [challengeId, user.id],
      );
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'review.panel_closed',
        subjectType: 'challenge',
        subjectId: challengeId,
        after: {
          closedAt: closed.closed_at.toISOString(),
          reviewers: data.reviewers.length,
          bids: data.bids.length,
          scores: data.scores.length,
        },
        public: false,
      });
      return {
        challengeId,
        closedAt: closed.closed_at.toISOString(),
        reviewers: data.reviewers.length,
        bids: data.bids.length,
        scores: data.scores.length,
      };
    });
  }

  /** The owning agency after the deadline (provisional until the panel closes); assigned reviewers once the panel has closed. */
  async ranking(challengeId: string, q: RankingQuery, user: AuthUser): Promise<RankingView> {
    const em = this.dataSource.manager;
    const gate = await this.bids.gate(em, challengeId);
    const panel = await this.panelIfAny(em, challengeId);
    const owner = user.role === Role.Agency && user.id === gate.agency_id;
    const reviewer = !owner && (await this.bids.isAssignedReviewer(em, challengeId, user));
    if (!owner && !(reviewer && panel.closed_at)) {
      throw forbidden(
        'bids.ranking_forbidden',
        'The ranking is for the challenge’s agency (and its reviewers once the panel has closed).',
      );
    }
    if (!gate.unsealed) throw conflict('bids.review_not_open', 'Bids are sealed until the deadline; there is no ranking yet.');
    const normalize = q.normalize ?? 'none';
    const data = await this.reviewData(em, challengeId);
    const ranked = this.rank(data, panel.criteria, normalize);
    const byId = new Map(data.bids.map((b) => [b.id, b]));
    return {
      items: ranked.map((r) => {
        const b = byId.get(r.bidId) as ReviewData['bids'][number];
        return {
          bidId: r.bidId,
          organizationId: b.organization_id,
          organizationName: b.organization_name,
          rank: r.rank,
          score: round4(r.score),
          scores: roundAll(r.scores),
          rawScores: roundAll(r.rawScores),
          eligible: r.eligible,
          failedCriteria: r.failedCriteria,
          reviewers: r.reviewers,
          status: b.status,
          requestedFundingFen: moneyTransformer.from(b.requested_funding_fen) as number,
          submittedAt: b.submitted_at.toISOString(),
        };
      }),
      nextCursor: null,
      normalize,
      criteria: panel.criteria,
      panelClosed: panel.closed_at !== null,
      tieBreak: TIE_BREAK,
      tieBreakOrder: [...TIE_BREAK_ORDER],
    };
  }

  /** The owning agency moves eligible bids to `shortlisted`, once the panel has closed. */
  async shortlist(challengeId: string, dto: ShortlistDto, user: AuthUser): Promise<ShortlistView> {
    return this.dataSource.transaction(async (em) => {
      await this.owned(em, challengeId, user, 'FOR SHARE');
      const panel = await this.panel(em, challengeId, 'FOR SHARE');
      if (!panel.closed_at) throw conflict('bids.panel_open', 'Close the review panel before shortlisting.');
      const rows = await query<{ id: string; status: BidStatus }>(
        em,
        `SELECT id, status FROM bids WHERE challenge_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
        [challengeId, dto.bidIds],
      );
      const errors: FieldError[] = [];
      dto.bidIds.forEach((id, i) => {
        if (!rows.some((r) => r.id === id)) errors.push({ field: `bidIds[${i}]`, message: 'is not a bid of this challenge' });
      });
      if (errors.length) throw invalid('bids.invalid_shortlist', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
      const wrong = rows.filter((r) => r.status !== 'submitted' && r.status !== 'shortlisted');
      if (wrong.length)
        throw conflict('bids.not_shortlistable', 'Only submitted bids can be shortlisted.', { bidIds: wrong.map((r) => r.id) });
      const ranked = this.rank(await this.reviewData(em, challengeId), panel.criteria, 'none');
      const ineligible = dto.bidIds.filter((id) => !ranked.find((r) => r.bidId === id)?.eligible);
      if (ineligible.length) {
        throw conflict('bids.not_eligible', 'A bid below a criterion’s minimum score cannot be shortlisted.', {
          bidIds: ineligible,
        });
      }
      const moving = rows.filter((r) => r.status === 'submitted');
      if (moving.length) {
        await em.query(
          `UPDATE bids SET status = 'shortlisted', decided_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`,
          [moving.map((r) => r.id)],
        );
      }
      for (const r of moving) {
        await this.audit.record(em, {
          challengeId,
          actorId: user.id,
          action: 'bid.shortlisted',
          subjectType: 'bid',
          subjectId: r.id,
          before: { status: 'submitted' },
          after: { status: 'shortlisted' },
          public: false,
        });
      }
      return { shortlisted: [...dto.bidIds] };
    });
  }

  // ------------------------------------------------------------------ internals

  private rank(data: ReviewData, criteria: Criterion[], normalize: 'none' | 'z'): RankedBid[] {
    const counted = countedSheets(data);
    return rankBids(
      criteria,
      data.bids.map((b) => ({
        bidId: b.id,
        requestedFundingFen: moneyTransformer.from(b.requested_funding_fen) as number,
        submittedAt: b.submitted_at.getTime(),
      })),
      counted,
      normalize,
    );
  }

  /** The challenge, which the caller's agency owns: 404 if they cannot see it, 403 if not theirs. */
  private async owned(em: EntityManager, challengeId: string, user: AuthUser, lock = 'FOR SHARE'): Promise<OwnedChallenge> {
    const [c] = await query<OwnedChallenge>(
      em,
      `SELECT id, status, agency_id, published_at, bid_deadline, now() < bid_deadline AS before_deadline,
              (published_at IS NOT NULL AND now() >= bid_deadline) AS unsealed
         FROM challenges WHERE id = $1 ${lock}`,
      [challengeId],
    );
    const isOwner = user.role === Role.Agency && c?.agency_id === user.id;
    if (!c || (c.published_at === null && !isOwner)) throw challengeNotFound(challengeId);
    if (!isOwner) throw forbidden('bids.not_owner', 'Only the agency that published this challenge may do this.');
    return c;
  }

  private async panel(em: EntityManager, challengeId: string, lock: 'FOR SHARE' | 'FOR UPDATE'): Promise<PanelRow> {
    await em.query(
      `INSERT INTO review_panels (challenge_id, criteria) VALUES ($1, $2::jsonb) ON CONFLICT (challenge_id) DO NOTHING`,
      [challengeId, JSON.stringify(DEFAULT_CRITERIA)],
    );
    const [row] = await query<PanelRow>(
      em,
      `SELECT challenge_id, criteria, closed_at FROM review_panels WHERE challenge_id = $1 ${lock}`,
      [challengeId],
    );
    return row;
  }

  private async panelIfAny(em: EntityManager, challengeId: string): Promise<PanelRow> {
    const [row] = await query<PanelRow>(
      em,
      `SELECT challenge_id, criteria, closed_at FROM review_panels WHERE challenge_id = $1`,
      [challengeId],
    );
    return row ?? { challenge_id: challengeId, criteria: [...DEFAULT_CRITERIA], closed_at: null };
  }

  private async bidOf(em: EntityManager, bidId: string): Promise<{ id: string; challenge_id: string; status: BidStatus }> {
    const [bid] = await query<{ id: string; challenge_id: string; status: BidStatus }>(
      em,
      `SELECT id, challenge_id, status FROM bids WHERE id = $1`,
      [bidId],
    );
    if (!bid) throw bidNotFound(bidId);
    return bid;
  }

  private async reviewerList(em: EntityManager, challengeId: string): Promise<ReviewerListView> {
    const rows = await query<{ user_id: string; display_name: string; organization_id: string | null; assigned_at: Date }>(
      em,
      `SELECT u.id AS user_id, u.display_name, u.organization_id, r.assigned_at
         FROM panel_reviewers r JOIN users u ON u.id = r.reviewer_id WHERE r.challenge_id = $1 ORDER BY r.assigned_at, u.id`,
      [challengeId],
    );
    return {
      items: rows.map((r) => ({
        userId: r.user_id,
        displayName: r.display_name,
        organizationId: r.organization_id,
        assignedAt: r.assigned_at.toISOString(),
      })),
      nextCursor: null,
    };
  }

  private async reviewData(em: EntityManager, challengeId: string): Promise<ReviewData> {
    const reviewers = await query<ReviewData['reviewers'][number]>(
      em,
      `SELECT r.reviewer_id, u.organization_id FROM panel_reviewers r JOIN users u ON u.id = r.reviewer_id WHERE r.challenge_id = $1`,
      [challengeId],
    );
    const bids = await query<ReviewData['bids'][number]>(
      em,
      `SELECT b.id, b.organization_id, o.name AS organization_name, b.status, b.requested_funding_fen, b.submitted_at
         FROM bids b JOIN organizations o ON o.id = b.organization_id WHERE b.challenge_id = $1 AND b.status <> 'withdrawn'`,
      [challengeId],
    );
    const participants = await query<ReviewData['participants'][number]>(
      em,
      `SELECT bid_id, organization_id FROM bid_participants WHERE challenge_id = $1 AND live`,
      [challengeId],
    );
    const conflicts = await query<ReviewData['conflicts'][number]>(
      em,
      `SELECT bid_id, reviewer_id FROM bid_conflicts WHERE challenge_id = $1`,
      [challengeId],
    );
    const scores = await query<ReviewData['scores'][number]>(
      em,
      `SELECT bid_id, reviewer_id, scores FROM bid_scores WHERE challenge_id = $1`,
      [challengeId],
    );
    return { reviewers, bids, participants, conflicts, scores };
  }
}

function isDefault(criteria: Criterion[]): boolean {
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

function coverage(data: ReviewData): { missing: { reviewerId: string; bidId: string }[]; unreviewable: string[] } {
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
