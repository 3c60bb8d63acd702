import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, nextEntry, normalizeJson } from '@app/audit';
import { BidsService } from '@app/bids/bids.service';
import { AuthUser } from '@app/common/auth';
import { Clock } from '@app/common/clock';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, invalid, notFound } from '@app/common/domain-error';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database/transaction';
import { FundingPolicy } from '@app/funding-rules/funding-policy.service';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import {
  assertAwardableBid,
  assertSlotLeft,
  assertWithinBidAndMaximum,
  projectCap,
  scaleTranches,
  slotsOf,
  stageIndexOf,
} from './award-rules';
import { LockedChallenge, lockOwnedChallenge } from './challenge-lock';
import { AwardDto } from './dto/award.dto';
import { FinishAwardingView, ProjectView } from './dto/views';
import type { ProjectConsortiumEntry } from './project.entity';
import { fen, fenOrNull, query } from './sql';

/** The rule of `@app/policy` a track's awards are judged by. */
export const RULE_OF_TRACK = { core_tech: 'art4.core_tech', pm_major: 'art4.pm_major' } as const;

interface BidForAwardRow {
  id: string;
  challenge_id: string;
  organization_id: string;
  status: string;
  total_investment_fen: string;
  requested_funding_fen: string;
  milestones: { seq: number; title: string; dueAt: string; deliverable: string; trancheFen: string }[];
  participants: { organizationId: string; creditCode: string; role: 'lead' | 'member'; sharePercent: number | null }[];
  has_panel: boolean;
  pm_role: string | null;
}

/** Whether the challenge of bid `b` had a review panel (panel row or assigned reviewers). */
const HAS_PANEL = `(EXISTS (SELECT 1 FROM review_panels r WHERE r.challenge_id = b.challenge_id)
  OR EXISTS (SELECT 1 FROM panel_reviewers r WHERE r.challenge_id = b.challenge_id))`;

interface InsertedRow {
  audited: number;
  id: string;
  publicity_ends_at: Date;
  created_at: Date;
  challenge_status: string;
  awarded_fen: string;
  awarded_count: number;
  bid_moved: number;
  milestone_ids: { id: string; seq: number }[];
}

/** What the award decided, for the audit and the answer. */
export interface AwardOutcome {
  project: ProjectView;
  challengeStatus: string;
  rejectedBidIds: string[];
}

/**
 * Awards: `award` makes a project of a bid, `finish` says the agency is done awarding.
 *
 * Caps cannot break. An award is ONE transaction that
 *   1. locks the challenge row (`SELECT … FOR UPDATE`): awards of one challenge run one at a time,
 *   2. reads the bid, its plan, its consortium, whether there was a review panel (one statement),
 *   3. re-checks state, slots, request, per-award maximum, the funding rule and the budget inside
 *      the lock (409 / 422),
 *   4. writes project + milestones + counters + the bid's status + the ledger entry in one
 *      statement (the audit chain head locked just before, as AuditService.record does).
 * Even if a bug skipped step 3, the CHECKs refuse the overrun: challenges (awarded_fen ≤
 * budget_fen, awarded_count ≤ parallel_slots) and projects (granted_fen ≤ cap_fen, ≤ requested_fen).
 * Statements run one after another (no Promise.all inside a transaction). The bid is read with a
 * query of our own (not BidsService.getForAward's three), before the lock, to keep the lock short:
 * its amounts and plan are fixed after the deadline, and its status is re-checked by the UPDATE in
 * the write statement (shortlisted, or submitted without a review panel), which runs under the lock.
 */
@Injectable()
export class AwardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fundingPolicy: FundingPolicy,
    private readonly bids: BidsService,
    private readonly audit: AuditService,
    private readonly scheduler: JobScheduler,
    private readonly clock: Clock,
  ) {}

  async award(challengeId: string, dto: AwardDto, user: AuthUser): Promise<ProjectView> {
    const outcome = await this.dataSource.transaction((em) => this.awardIn(em, challengeId, dto, user));
    // After commit: the job only wakes the row up; the reconcile job re-creates it if Redis is away.
    await this.scheduler.trySchedule(
      JobName.ProjectPublicityEnd,
      { projectId: outcome.project.id },
      { jobId: jobIds.projectPublicityEnd(outcome.project.id), runAt: new Date(outcome.project.publicityEndsAt) },
    );
    return outcome.project;
  }

  /**
   * The award inside the caller's transaction. `checks: false` skips the application's checks of
   * slots, budget and caps (TEST-ONLY: proves the database's CHECKs alone refuse an overrun).
   *
   * Round trips: the bid is read before the lock (its amounts, plan and consortium no longer change
   * after the deadline; its status is re-checked by the write itself); under the challenge lock come
   * only the lock, the audit chain head's lock, and ONE statement that writes the project, its
   * milestones, the counters, the bid's status and the ledger entry — then COMMIT.
   */
  async awardIn(
    em: EntityManager,
    challengeId: string,
    dto: AwardDto,
    user: AuthUser,
    options: { checks?: boolean } = {},
  ): Promise<AwardOutcome> {
    const checks = options.checks ?? true;
    const [bid] = await query<BidForAwardRow>(
      em,
      `SELECT b.id, b.challenge_id, b.organization_id, b.status, b.total_investment_fen, b.requested_funding_fen,
              (SELECT coalesce(json_agg(json_build_object('seq', m.seq, 'title', m.title, 'dueAt', m.due_at, 'deliverable', m.deliverable,
                                                          'trancheFen', m.tranche_fen::text) ORDER BY m.seq), '[]'::json)
                 FROM bid_milestones m WHERE m.bid_id = b.id) AS milestones,
              (SELECT coalesce(json_agg(json_build_object('organizationId', p.organization_id, 'creditCode', p.credit_code,
                                                          'role', p.role, 'sharePercent', p.share_percent) ORDER BY p.seq), '[]'::json)
                 FROM bid_participants p WHERE p.bid_id = b.id) AS participants,
              ${HAS_PANEL} AS has_panel,
              (SELECT u.role FROM users u WHERE u.id = $2 AND u.active) AS pm_role
         FROM bids b WHERE b.id = $1`,
      [dto.bidId, dto.programManagerId ?? null],
    );
    const c = await lockOwnedChallenge(em, challengeId, user);
    const budgetFen = fen(c.budget_fen);
    const maxAwardFen = fenOrNull(c.max_award_fen);
    const awardedFen = fen(c.awarded_fen);
    if (checks) assertSlotLeft({ ...c, parallelSlots: c.parallel_slots, awardedCount: c.awarded_count });
    if (!bid || bid.challenge_id !== challengeId) throw notFound('bids.not_found', `No bid ${dto.bidId} on this challenge.`);
    const requestedFen = fen(bid.requested_funding_fen);
    const totalInvestmentFen = fen(bid.total_investment_fen);
    if (checks) {
      assertAwardableBid(bid.status, bid.has_panel, bid.id);
      assertWithinBidAndMaximum(dto.amountFen, requestedFen, maxAwardFen);
    }
    if (dto.programManagerId && bid.pm_role !== 'program_manager') {
      throw invalid('awards.not_a_program_manager', 'programManagerId is not an active program manager', [
        { field: 'programManagerId', message: 'is not an active program manager' },
      ]);
    }
    const ruleId = RULE_OF_TRACK[c.track];
    const input = {
      baseFen: totalInvestmentFen,
      requestedFen: dto.amountFen,
      alreadyGrantedFen: 0,
      remainingBudgetFen: budgetFen - awardedFen,
    };
    const verdict = checks
      ? this.fundingPolicy.assertRequest(ruleId, input)
      : this.fundingPolicy.checkRequest(ruleId, { ...input, remainingBudgetFen: null });
    const q = verdict.quote;
    const capFen = projectCap({ rateLimitFen: q.rateLimitFen, ruleCapFen: q.capFen, maxAwardFen, budgetFen });

    const tranches = scaleTranches(
      bid.milestones.map((m) => fen(m.trancheFen)),
      dto.amountFen,
    );
    const isRace = c.mechanism === 'horse_race';
    const consortium: ProjectConsortiumEntry[] =
      bid.participants.length < 2
        ? []
        : bid.participants.map((p) => ({
            organizationId: p.organizationId,
            creditCode: p.creditCode,
            role: p.role,
            sharePercent: p.sharePercent as number,
          }));
    const dueAts = bid.milestones.map((m) => new Date(m.dueAt));
    const stageIndexes = dueAts.map((d) => (isRace ? stageIndexOf(d, c.stages) : null));
    const slots = slotsOf(c.mechanism, c.parallel_slots);
    const projectId = randomUUID();
    const challengeStatus = c.awarded_count + 1 >= slots ? 'awarded' : c.status;
    const publicityEndsAt = new Date(c.db_now.getTime() + this.config.publicityPeriodMs);

    // The ledger entry of the decision, chained onto the challenge's head (locked until commit).
    const head = await this.audit.lockChainHead(em, challengeId);
    const entry = nextEntry(head, {
      id: randomUUID(),
      challengeId,
      actorId: user.id,
      action: 'award.granted',
      subjectType: 'project',
      subjectId: projectId,
      before: normalizeJson({ bidStatus: bid.status, challengeStatus: c.status, awardedFen, awardedCount: c.awarded_count }),
      after: normalizeJson({
        bidId: bid.id,
        bidStatus: 'awarded',
        organizationId: bid.organization_id,
        amountFen: dto.amountFen,
        requestedFen,
        capFen,
        rule: ruleId,
        tranchesFen: tranches,
        programManagerId: dto.programManagerId ?? null,
        publicityEndsAt: publicityEndsAt.toISOString(),
        challengeStatus,
        awardedFen: awardedFen + dto.amountFen,
        awardedCount: c.awarded_count + 1,
      }),
      public: true,
      recordedAt: this.clock.now().toISOString(),
    });

    let row: InsertedRow;
    try {
      [row] = await query<InsertedRow>(
        em,
        `WITH p AS (
           INSERT INTO projects (id, challenge_id, bid_id, organization_id, title, consortium, granted_fen, requested_fen, total_investment_fen,
                                 rule_id, rule_rate_bp, rule_cap_fen, cap_fen, program_manager_id, publicity_ends_at, awarded_by)
           VALUES ($23, $1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           RETURNING id, publicity_ends_at, created_at
         ), m AS (
           INSERT INTO project_milestones (project_id, seq, title, due_at, deliverable, tranche_fen, stage_index)
           SELECT p.id, x.seq, x.title, x.due_at, x.deliverable, x.tranche_fen, x.stage_index
             FROM p, unnest($16::int[], $17::text[], $18::timestamptz[], $19::text[], $20::bigint[], $21::int[])
                       AS x(seq, title, due_at, deliverable, tranche_fen, stage_index)
           RETURNING id, seq
         ), c AS (
           UPDATE challenges
              SET awarded_fen = awarded_fen + $6, awarded_count = awarded_count + 1,
                  status = CASE WHEN awarded_count + 1 >= $22 THEN 'awarded' ELSE status END, updated_at = now()
            WHERE id = $1
           RETURNING status, awarded_fen, awarded_count
         ), b AS (
           UPDATE bids b SET status = 'awarded', decided_at = now(), updated_at = now()
            WHERE b.id = $2 AND (b.status = 'shortlisted' OR (b.status = 'submitted' AND NOT ${HAS_PANEL}))
           RETURNING b.id
         ), a AS (
           INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public,
                                      recorded_at, prev_hash, hash)
           VALUES ($24, $25, $26, $1, $15, $27, 'project', $23, $28::jsonb, $29::jsonb, true, $30, $31, $32)
           RETURNING chain, seq, hash
         ), h AS (
           UPDATE audit_chain_heads h SET seq = a.seq, hash = a.hash, updated_at = now() FROM a WHERE h.chain = a.chain
           RETURNING h.seq
         )
         SELECT p.id, p.publicity_ends_at, p.created_at,
                (SELECT status FROM c) AS challenge_status, (SELECT awarded_fen FROM c) AS awarded_fen,
                (SELECT awarded_count FROM c) AS awarded_count, (SELECT count(*)::int FROM b) AS bid_moved,
                (SELECT count(*)::int FROM h) AS audited,
                (SELECT coalesce(json_agg(json_build_object('id', m.id, 'seq', m.seq)), '[]'::json) FROM m) AS milestone_ids
           FROM p`,
        [
          challengeId,
          bid.id,
          bid.organization_id,
          c.title,
          JSON.stringify(consortium),
          dto.amountFen,
          requestedFen,
          totalInvestmentFen,
          ruleId,
          q.rateBp,
          q.capFen,
          capFen,
          dto.programManagerId ?? null,
          publicityEndsAt,
          user.id,
          bid.milestones.map((m) => m.seq),
          bid.milestones.map((m) => m.title),
          dueAts,
          bid.milestones.map((m) => m.deliverable),
          tranches.map(String),
          stageIndexes,
          slots,
          projectId,
          entry.id,
          entry.chain,
          entry.seq,
          entry.action,
          JSON.stringify(entry.before),
          JSON.stringify(entry.after),
          entry.recordedAt,
          entry.prevHash,
          entry.hash,
        ],
      );
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err) === 'UQ_projects_bid') {
        throw conflict('awards.bid_already_awarded', `Bid ${bid.id} has already been awarded.`, { bidId: bid.id });
      }
      throw err;
    }
    if (row.audited !== 1) throw new Error('the audit chain head was not advanced');
    if (checks && row.bid_moved !== 1) {
      // The bid changed between the first read and the lock (rare): answer with its status now.
      const [now] = await query<{ status: string; has_panel: boolean }>(
        em,
        `SELECT b.status, ${HAS_PANEL} AS has_panel FROM bids b WHERE b.id = $1`,
        [bid.id],
      );
      assertAwardableBid(now?.status ?? 'gone', now?.has_panel ?? false, bid.id);
      throw conflict('awards.bid_not_awardable', `Bid ${bid.id} changed while it was being awarded; try again.`, {
        bidId: bid.id,
      });
    }

    const rejectedBidIds = row.challenge_status === 'awarded' ? await this.bids.rejectRemaining(em, challengeId, user.id) : [];
    const idOfSeq = new Map(row.milestone_ids.map((m) => [m.seq, m.id]));
    const project: ProjectView = {
      id: row.id,
      challengeId,
      bidId: bid.id,
      organizationId: bid.organization_id,
      title: c.title,
      amountFen: dto.amountFen,
      paidFen: 0,
      capFen,
      ruleId,
      status: 'publicity',
      programManagerId: dto.programManagerId ?? null,
      stageReached: 0,
      publicityEndsAt: row.publicity_ends_at.toISOString(),
      consortium,
      milestones: bid.milestones.map((m, i) => ({
        id: idOfSeq.get(m.seq) as string,
        seq: m.seq,
        title: m.title,
        dueAt: dueAts[i].toISOString(),
        deliverable: m.deliverable,
        status: 'scheduled' as const,
        trancheFen: tranches[i],
        stageIndex: stageIndexes[i],
      })),
      createdAt: row.created_at.toISOString(),
    };
    return { project, challengeStatus: row.challenge_status, rejectedBidIds };
  }

  /** The agency is done awarding: closed → awarded (at least one award), every other live bid → rejected. */
  async finish(challengeId: string, user: AuthUser): Promise<FinishAwardingView> {
    return this.dataSource.transaction(async (em) => {
      const c = await lockOwnedChallenge(em, challengeId, user);
      this.assertFinishable(c);
      await em.query(`UPDATE challenges SET status = 'awarded', updated_at = now() WHERE id = $1`, [challengeId]);
      const rejectedBidIds = await this.bids.rejectRemaining(em, challengeId, user.id);
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'challenge.awarded',
        subjectType: 'challenge',
        subjectId: challengeId,
        before: { status: c.status },
        after: {
          status: 'awarded',
          awardedCount: c.awarded_count,
          awardedFen: fen(c.awarded_fen),
          rejectedBids: rejectedBidIds.length,
        },
        public: true,
      });
      return {
        challengeId,
        status: 'awarded',
        awardedCount: c.awarded_count,
        awardedFen: fen(c.awarded_fen),
        rejectedBidIds,
      };
    });
  }

  private assertFinishable(c: LockedChallenge): void {
    if (c.status !== 'closed') {
      throw conflict('awards.challenge_not_closed', `The challenge is ${c.status}; only a closed challenge finishes awarding.`, {
        status: c.status,
      });
    }
    if (c.awarded_count === 0) {
      throw conflict('awards.nothing_awarded', 'Nothing has been awarded yet; cancel the challenge if no bid is good enough.');
    }
  }
}
