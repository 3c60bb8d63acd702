import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  LockedChallenge,
  challengeNotFound,
  isChallengeOwner,
  lockOwnedChallenge,
  lockPublishedChallenge,
  readChallengeLocked,
} from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { FieldError, conflict, forbidden, invalid } from '@app/common/domain-error';
import { fen } from '@app/database';
import { readUserRoles } from '@app/identity';
import { bidNotFound, conflictOfInterest } from './bid-errors';
import { AssignReviewersDto, ConflictDto, CriteriaDto, RankingQuery, ScoreDto, ShortlistDto } from './dto/review.dto';
import {
  ConflictView,
  CriteriaView,
  CriterionView,
  MyScoresView,
  PanelView,
  RankingView,
  ReviewerListView,
  ScoreView,
  ShortlistView,
} from './dto/views';
import { criteriaNameProblems, criterionLabel, withKeys } from './criteria-rules';
import { Criterion, DEFAULT_CRITERIA, RankedBid, TIE_BREAK, TIE_BREAK_ORDER, criteriaProblems } from './ranking';
import { lockBidsOfChallenge } from './repositories/bid-outcomes.repository';
import { BidBriefRow, readBidBrief, shortlistBids } from './repositories/bids.repository';
import { declareConflict, readReviewerConflicts } from './repositories/bid-conflicts.repository';
import { deleteScore, readReviewerSheets, readScore, upsertScore } from './repositories/bid-scores.repository';
import {
  PanelRow,
  addPanelReviewers,
  closePanel,
  lockPanel,
  readPanel,
  readPanelMembers,
  setPanelCriteria,
} from './repositories/review-panels.repository';
import { ReviewData, coverage, isDefault, rank, readReviewData, sheetOf } from './review-data';
import { isAssignedReviewer, isConflictedReviewer } from './reviewer-access';

const round4 = (v: number | null) => (v === null ? null : Math.round(v * 1e4) / 1e4);
const roundAll = (o: Record<string, number | null>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round4(v)]));

/** A criterion as clients read it: its key, the name given (if any) and what to show per language. */
const criterionView = (c: Criterion): CriterionView => ({
  key: c.key,
  name: c.name ?? null,
  description: c.description ?? null,
  label: criterionLabel(c),
  weight: c.weight,
  minScore: c.minScore,
});

/** A challenge's agency sees it before it is published; everyone else (admins included) only once it is. */
async function visibleChallenge(em: EntityManager, challengeId: string, user: AuthUser | undefined): Promise<LockedChallenge> {
  const c = await readChallengeLocked(em, challengeId, 'none');
  if (!c || (c.published_at === null && !isChallengeOwner(c, user))) throw challengeNotFound(challengeId);
  return c;
}

/** Criteria are frozen at the deadline (by the database's clock), and once the challenge is closed or cancelled. */
function criteriaFrozen(c: LockedChallenge): boolean {
  if (c.status === 'published') return !c.open;
  return !(c.status === 'draft' && c.db_now < c.bid_deadline);
}

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
    private readonly audit: AuditService,
  ) {}

  // ------------------------------------------------------------------ criteria

  async criteria(challengeId: string, user: AuthUser | undefined): Promise<CriteriaView> {
    const em = this.dataSource.manager;
    await visibleChallenge(em, challengeId, user);
    const panel = await readPanel(em, challengeId);
    return {
      challengeId,
      criteria: (panel ? panel.criteria : DEFAULT_CRITERIA).map(criterionView),
      custom: !!panel && !isDefault(panel.criteria),
    };
  }

  /** The owning agency sets the criteria, before the deadline (while no one can have scored). */
  async setCriteria(challengeId: string, dto: CriteriaDto, user: AuthUser): Promise<CriteriaView> {
    const criteria: Criterion[] = withKeys(dto.criteria);
    const problems = [...criteriaProblems(criteria), ...criteriaNameProblems(criteria)];
    if (problems.length)
      throw invalid('bids.invalid_criteria', problems.map((p) => `${p.field} ${p.message}`).join('; '), problems);
    return this.dataSource.transaction(async (em) => {
      const c = await lockOwnedChallenge(em, challengeId, user, 'FOR SHARE');
      if (criteriaFrozen(c)) {
        throw conflict('bids.criteria_frozen', 'Criteria can be set only before the bid deadline.', {
          bidDeadline: c.bid_deadline.toISOString(),
        });
      }
      const before = await lockPanel(em, challengeId, DEFAULT_CRITERIA, 'FOR UPDATE');
      await setPanelCriteria(em, challengeId, criteria);
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
      return { challengeId, criteria: criteria.map(criterionView), custom: !isDefault(criteria) };
    });
  }

  // ------------------------------------------------------------------ reviewers

  async assignReviewers(challengeId: string, dto: AssignReviewersDto, user: AuthUser): Promise<ReviewerListView> {
    return this.dataSource.transaction(async (em) => {
      const c = await lockOwnedChallenge(em, challengeId, user, 'FOR SHARE');
      if (c.status === 'cancelled') throw conflict('bids.challenge_cancelled', 'The challenge is cancelled.');
      const panel = await lockPanel(em, challengeId, DEFAULT_CRITERIA, 'FOR UPDATE');
      if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is closed.');
      const users = await readUserRoles(em, dto.userIds);
      const errors: FieldError[] = [];
      dto.userIds.forEach((id, i) => {
        const u = users.find((x) => x.id === id);
        if (!u) errors.push({ field: `userIds[${i}]`, message: 'is not a user' });
        else if (u.role !== Role.Reviewer) errors.push({ field: `userIds[${i}]`, message: 'is not a reviewer' });
        else if (!u.active) errors.push({ field: `userIds[${i}]`, message: 'is deactivated' });
      });
      if (errors.length) throw invalid('bids.invalid_reviewers', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
      const added = await addPanelReviewers(em, challengeId, [...dto.userIds].sort(), user.id);
      if (added.length) {
        await this.audit.record(em, {
          challengeId,
          actorId: user.id,
          action: 'review.reviewers_assigned',
          subjectType: 'challenge',
          subjectId: challengeId,
          after: { reviewerIds: [...added].sort() },
          public: false,
        });
      }
      return this.reviewerList(em, challengeId);
    });
  }

  /** The owning agency, the challenge's own reviewers and auditors see who is on the panel. */
  async listReviewers(challengeId: string, user: AuthUser): Promise<ReviewerListView> {
    const em = this.dataSource.manager;
    const c = await visibleChallenge(em, challengeId, user);
    if (!isChallengeOwner(c, user) && user.role !== Role.Auditor && !(await isAssignedReviewer(em, challengeId, user))) {
      throw forbidden('bids.panel_members_only', 'Only the challenge’s agency and its reviewers see the panel.');
    }
    return this.reviewerList(em, challengeId);
  }

  // ------------------------------------------------------------------ conflicts and scores

  /** A reviewer declares a conflict of interest with a bid: from now on they neither see nor score it (their score, if any, is removed). */
  async declareConflict(bidId: string, dto: ConflictDto, user: AuthUser): Promise<ConflictView> {
    return this.dataSource.transaction(async (em) => {
      const bid = await this.bidOf(em, bidId);
      if (!(await isAssignedReviewer(em, bid.challenge_id, user))) throw bidNotFound(bidId);
      const panel = await lockPanel(em, bid.challenge_id, DEFAULT_CRITERIA, 'FOR SHARE');
      if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is closed.');
      const row = await declareConflict(em, {
        bid_id: bidId,
        challenge_id: bid.challenge_id,
        reviewer_id: user.id,
        reason: dto.reason,
      });
      const scoreRemoved = await deleteScore(em, bidId, user.id);
      await this.audit.record(em, {
        challengeId: bid.challenge_id,
        actorId: user.id,
        action: 'review.conflict_declared',
        subjectType: 'bid',
        subjectId: bidId,
        after: { reviewerId: user.id, reason: row.reason, scoreRemoved },
        public: false,
      });
      return { bidId, reviewerId: user.id, reason: row.reason, declaredAt: row.declared_at.toISOString() };
    });
  }

  /** Once per reviewer and bid; a second call revises the same sheet, until the panel closes. */
  async score(bidId: string, dto: ScoreDto, user: AuthUser): Promise<{ created: boolean; view: ScoreView }> {
    return this.dataSource.transaction(async (em) => {
      const bid = await this.bidOf(em, bidId);
      const panel = await this.scorablePanel(em, bid, user);
      const scores = sheetOf(dto, panel.criteria);
      const prev = await readScore(em, bidId, user.id);
      const row = await upsertScore(em, {
        bid_id: bidId,
        challenge_id: bid.challenge_id,
        reviewer_id: user.id,
        scores,
        comment: dto.comment ?? null,
      });
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
      const view = {
        bidId,
        reviewerId: user.id,
        scores,
        comment: row.comment,
        revision: row.revision,
        updatedAt: row.updated_at.toISOString(),
      };
      return { created: !prev, view };
    });
  }

  /**
   * An assigned reviewer's own sheets and declared conflicts on the challenge — never anyone else's.
   * Before the deadline there is nothing to show (bids are sealed, nobody has scored).
   */
  async myScores(challengeId: string, user: AuthUser): Promise<MyScoresView> {
    const em = this.dataSource.manager;
    const gate = await lockPublishedChallenge(em, challengeId, 'none');
    if (!(await isAssignedReviewer(em, challengeId, user))) {
      throw forbidden('bids.panel_members_only', 'Only the challenge’s assigned reviewers have score sheets on it.');
    }
    const panel = await this.panelIfAny(em, challengeId);
    const sheets = gate.unsealed ? await readReviewerSheets(em, challengeId, user.id) : [];
    const conflicts = gate.unsealed ? await readReviewerConflicts(em, challengeId, user.id) : [];
    return {
      challengeId,
      panelClosedAt: panel.closed_at?.toISOString() ?? null,
      criteria: panel.criteria.map(criterionView),
      sheets: sheets.map((s) => ({
        bidId: s.bid_id,
        scores: s.scores,
        comment: s.comment,
        revision: s.revision,
        updatedAt: s.updated_at.toISOString(),
      })),
      conflicts: conflicts.map((k) => ({
        bidId: k.bid_id,
        organizationName: k.organization_name,
        reason: k.reason,
        declaredAt: k.declared_at.toISOString(),
      })),
    };
  }

  // ------------------------------------------------------------------ panel, ranking, shortlist

  /** Only when every assigned, unconflicted reviewer has scored every live bid (and every bid has such a reviewer). */
  async closePanel(challengeId: string, user: AuthUser): Promise<PanelView> {
    return this.dataSource.transaction(async (em) => {
      const c = await lockOwnedChallenge(em, challengeId, user, 'FOR SHARE');
      if (!c.unsealed) throw conflict('bids.review_not_open', 'The panel can close only after the bid deadline.');
      const panel = await lockPanel(em, challengeId, DEFAULT_CRITERIA, 'FOR UPDATE');
      if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is already closed.');
      const data = await readReviewData(em, challengeId);
      assertComplete(data);
      const closedAt = (await closePanel(em, challengeId, user.id)).toISOString();
      const counts = { reviewers: data.reviewers.length, bids: data.bids.length, scores: data.scores.length };
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'review.panel_closed',
        subjectType: 'challenge',
        subjectId: challengeId,
        after: { closedAt, ...counts },
        public: false,
      });
      return { challengeId, closedAt, ...counts };
    });
  }

  /** The owning agency and auditors after the deadline (provisional until the panel closes); assigned reviewers once the panel has closed. */
  async ranking(challengeId: string, q: RankingQuery, user: AuthUser): Promise<RankingView> {
    const em = this.dataSource.manager;
    const gate = await lockPublishedChallenge(em, challengeId, 'none');
    const panel = await this.panelIfAny(em, challengeId);
    // Auditors read the ranking as the agency does: after the deadline (below), never before.
    const owner = isChallengeOwner(gate, user) || user.role === Role.Auditor;
    const reviewer = !owner && (await isAssignedReviewer(em, challengeId, user));
    if (!owner && !(reviewer && panel.closed_at)) {
      throw forbidden(
        'bids.ranking_forbidden',
        'The ranking is for the challenge’s agency (and its reviewers once the panel has closed).',
      );
    }
    if (!gate.unsealed) throw conflict('bids.review_not_open', 'Bids are sealed until the deadline; there is no ranking yet.');
    const normalize = q.normalize ?? 'none';
    const data = await readReviewData(em, challengeId);
    return {
      items: rankingItems(data, rank(data, panel.criteria, normalize)),
      nextCursor: null,
      normalize,
      criteria: panel.criteria.map(criterionView),
      panelClosed: panel.closed_at !== null,
      tieBreak: TIE_BREAK,
      tieBreakOrder: [...TIE_BREAK_ORDER],
    };
  }

  /** The owning agency moves eligible bids to `shortlisted`, once the panel has closed. */
  async shortlist(challengeId: string, dto: ShortlistDto, user: AuthUser): Promise<ShortlistView> {
    return this.dataSource.transaction(async (em) => {
      await lockOwnedChallenge(em, challengeId, user, 'FOR SHARE');
      const panel = await lockPanel(em, challengeId, DEFAULT_CRITERIA, 'FOR SHARE');
      if (!panel.closed_at) throw conflict('bids.panel_open', 'Close the review panel before shortlisting.');
      const rows = await lockBidsOfChallenge(em, challengeId, dto.bidIds);
      const errors: FieldError[] = [];
      dto.bidIds.forEach((id, i) => {
        if (!rows.some((r) => r.id === id)) errors.push({ field: `bidIds[${i}]`, message: 'is not a bid of this challenge' });
      });
      if (errors.length) throw invalid('bids.invalid_shortlist', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
      const wrong = rows.filter((r) => r.status !== 'submitted' && r.status !== 'shortlisted');
      if (wrong.length)
        throw conflict('bids.not_shortlistable', 'Only submitted bids can be shortlisted.', { bidIds: wrong.map((r) => r.id) });
      const ranked = rank(await readReviewData(em, challengeId), panel.criteria, 'none');
      const ineligible = dto.bidIds.filter((id) => !ranked.find((r) => r.bidId === id)?.eligible);
      if (ineligible.length) {
        throw conflict('bids.not_eligible', 'A bid below a criterion’s minimum score cannot be shortlisted.', {
          bidIds: ineligible,
        });
      }
      const moving = rows.filter((r) => r.status === 'submitted');
      if (moving.length)
        await shortlistBids(
          em,
          moving.map((r) => r.id),
        );
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

  /** The panel a reviewer may score the bid on now (the challenge locked FOR SHARE, then the panel FOR SHARE), or the refusal. */
  private async scorablePanel(em: EntityManager, bid: BidBriefRow, user: AuthUser): Promise<PanelRow> {
    const gate = await lockPublishedChallenge(em, bid.challenge_id, 'FOR SHARE');
    if (!(await isAssignedReviewer(em, bid.challenge_id, user))) {
      throw forbidden('bids.not_on_panel', 'Only the challenge’s assigned reviewers score its bids.');
    }
    if (!gate.unsealed) throw conflict('bids.review_not_open', 'Bids are sealed until the deadline; scoring starts after it.');
    if (await isConflictedReviewer(em, bid.id, user)) throw conflictOfInterest();
    if (bid.status === 'withdrawn') throw conflict('bids.withdrawn', 'This bid was withdrawn.');
    const panel = await lockPanel(em, bid.challenge_id, DEFAULT_CRITERIA, 'FOR SHARE');
    if (panel.closed_at) throw conflict('bids.panel_closed', 'The review panel is closed; scores can no longer change.');
    return panel;
  }

  private async panelIfAny(em: EntityManager, challengeId: string): Promise<PanelRow> {
    return (await readPanel(em, challengeId)) ?? { challenge_id: challengeId, criteria: [...DEFAULT_CRITERIA], closed_at: null };
  }

  private async bidOf(em: EntityManager, bidId: string): Promise<BidBriefRow> {
    const bid = await readBidBrief(em, bidId);
    if (!bid) throw bidNotFound(bidId);
    return bid;
  }

  private async reviewerList(em: EntityManager, challengeId: string): Promise<ReviewerListView> {
    const rows = await readPanelMembers(em, challengeId);
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
}

/** 409 unless every live bid has an unconflicted reviewer and every such reviewer has scored it. */
function assertComplete(data: ReviewData): void {
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
}

function rankingItems(data: ReviewData, ranked: RankedBid[]): RankingView['items'] {
  const byId = new Map(data.bids.map((b) => [b.id, b]));
  return ranked.map((r) => {
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
      requestedFundingFen: fen(b.requested_funding_fen),
      submittedAt: b.submitted_at.toISOString(),
    };
  });
}
