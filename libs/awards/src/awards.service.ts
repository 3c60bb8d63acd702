import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, UnchainedEntry, normalizeJson } from '@app/audit';
import { readBidStatusForAward, BidsService } from '@app/bids';
import { LockedChallenge, lockOwnedChallenge, markChallengeAwarded } from '@app/challenges';
import { AuthUser } from '@app/common/auth';
import { Clock } from '@app/common/clock';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, invalid, notFound } from '@app/common/domain-error';
import { PG_UNIQUE_VIOLATION, fen, fenOrNull, pgConstraint, pgErrorCode, preparingStatements } from '@app/database';
import { FundingPolicy } from '@app/funding-rules';
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
import { AwardDto } from './dto/award.dto';
import { FinishAwardingView, ProjectView } from './dto/views';
import type { ProjectConsortiumEntry } from './project.entity';
import { AwardWritten, BidToAward, readBidToAward, writeAward } from './repositories/awards.repository';
import { NewProjectMilestone } from './repositories/project-milestones.repository';
import { NewProject } from './repositories/projects.repository';

/** The rule of `@app/policy` a track's awards are judged by. */
export const RULE_OF_TRACK = { core_tech: 'art4.core_tech', pm_major: 'art4.pm_major' } as const;

/** What the award decided, for the audit and the answer. */
export interface AwardOutcome {
  project: ProjectView;
  challengeStatus: string;
  rejectedBidIds: string[];
}

/** An award judged and ready to write: the project, its milestones, and the facts its ledger entry states. */
interface AwardPlan {
  challenge: LockedChallenge;
  bid: BidToAward;
  project: NewProject;
  milestones: NewProjectMilestone[];
  slots: number;
  challengeStatus: string;
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
 *      statement (the audit chain head locked just before, as AuditService.record does), composed
 *      of each table owner's part (`writeAward`).
 * Even if a bug skipped step 3, the CHECKs refuse the overrun: challenges (awarded_fen ≤
 * budget_fen, awarded_count ≤ parallel_slots) and projects (granted_fen ≤ cap_fen, ≤ requested_fen).
 * Statements run one after another (no Promise.all inside a transaction). The bid is read with one
 * query (bids' `readBidForAward`, not BidsService.getForAward's three), before the lock, to keep the
 * lock short: its amounts and plan are fixed after the deadline, and its status is re-checked by
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
   * only the lock and ONE statement that locks the audit chain's head and writes the project, its
   * milestones, the counters, the bid's status and the ledger entry (and reads the organisations'
   * names the view shows) — then COMMIT: five round trips with BEGIN (six the first time this
   * process awards on a challenge: `ensureChain`). Each costs this process a
   * socket write and a wake-up that outweigh the statement's own CPU (bench:awards, --cpu-prof).
   */
  async awardIn(
    em: EntityManager,
    challengeId: string,
    dto: AwardDto,
    user: AuthUser,
    options: { checks?: boolean } = {},
  ): Promise<AwardOutcome> {
    const checks = options.checks ?? true;
    await this.audit.ensureChain(em, challengeId);
    // Every statement below is the same text on every award: each is parsed and planned once per connection.
    em = preparingStatements(em);
    const bid = await readBidToAward(em, dto.bidId, dto.programManagerId ?? null);
    const challenge = await lockOwnedChallenge(em, challengeId, user);
    const plan = this.planAward(challenge, bid, dto, user, checks);
    // The ledger entry of the decision: the write statement locks the challenge chain's head (until
    // commit), numbers and hashes the entry on it.
    const written = await this.write(em, plan, this.ledgerEntry(plan, user));
    if (checks && written.bid_moved !== 1) await this.refuseChangedBid(em, plan.bid.id);
    const rejectedBidIds =
      written.challenge_status === 'awarded' ? await this.bids.rejectRemaining(em, challengeId, user.id) : [];
    return { project: projectViewOf(plan, written), challengeStatus: written.challenge_status, rejectedBidIds };
  }

  /** Checks the award against the locked challenge, the bid and the funding rule, and lays it out (409 / 422 / 400). */
  private planAward(c: LockedChallenge, bid: BidToAward | undefined, dto: AwardDto, user: AuthUser, checks: boolean): AwardPlan {
    const budgetFen = fen(c.budget_fen);
    const maxAwardFen = fenOrNull(c.max_award_fen);
    if (checks) assertSlotLeft({ ...c, parallelSlots: c.parallel_slots, awardedCount: c.awarded_count });
    if (!bid || bid.challenge_id !== c.id) throw notFound('bids.not_found', `No bid ${dto.bidId} on this challenge.`);
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
      remainingBudgetFen: budgetFen - fen(c.awarded_fen),
    };
    const { quote } = checks
      ? this.fundingPolicy.assertRequest(ruleId, input)
      : this.fundingPolicy.checkRequest(ruleId, { ...input, remainingBudgetFen: null });
    const slots = slotsOf(c.mechanism, c.parallel_slots);
    const project: NewProject = {
      id: randomUUID(),
      challengeId: c.id,
      bidId: bid.id,
      organizationId: bid.organization_id,
      title: c.title,
      consortium: consortiumOf(bid),
      grantedFen: dto.amountFen,
      requestedFen,
      totalInvestmentFen,
      ruleId,
      // The version the settings made at start-up: the quote above is its numbers, and every later
      // check on this project (tranches, plan changes) reads them from this version, never from settings.
      policyVersionId: this.fundingPolicy.currentVersion().id,
      ruleRateBp: quote.rateBp,
      ruleCapFen: quote.capFen,
      capFen: projectCap({ rateLimitFen: quote.rateLimitFen, ruleCapFen: quote.capFen, maxAwardFen, budgetFen }),
      programManagerId: dto.programManagerId ?? null,
      publicityEndsAt: new Date(c.db_now.getTime() + this.config.publicityPeriodMs),
      awardedBy: user.id,
    };
    const challengeStatus = c.awarded_count + 1 >= slots ? 'awarded' : c.status;
    return { challenge: c, bid, project, milestones: milestonesOf(c, bid, dto.amountFen), slots, challengeStatus };
  }

  /** The `award.granted` entry: what changed on the bid and the challenge, and the grant's terms. */
  private ledgerEntry(plan: AwardPlan, user: AuthUser): UnchainedEntry {
    const { challenge: c, bid, project: p } = plan;
    const awardedFen = fen(c.awarded_fen);
    return {
      id: randomUUID(),
      challengeId: c.id,
      actorId: user.id,
      action: 'award.granted',
      subjectType: 'project',
      subjectId: p.id,
      before: normalizeJson({ bidStatus: bid.status, challengeStatus: c.status, awardedFen, awardedCount: c.awarded_count }),
      after: normalizeJson({
        bidId: bid.id,
        bidStatus: 'awarded',
        organizationId: bid.organization_id,
        amountFen: p.grantedFen,
        requestedFen: p.requestedFen,
        capFen: p.capFen,
        rule: p.ruleId,
        policyVersionId: p.policyVersionId,
        tranchesFen: plan.milestones.map((m) => m.trancheFen),
        programManagerId: p.programManagerId,
        publicityEndsAt: p.publicityEndsAt.toISOString(),
        challengeStatus: plan.challengeStatus,
        awardedFen: awardedFen + p.grantedFen,
        awardedCount: c.awarded_count + 1,
      }),
      public: true,
      recordedAt: this.clock.now().toISOString(),
    };
  }

  /** The one write statement; a bid awarded meanwhile (UQ_projects_bid) answers 409. */
  private async write(em: EntityManager, plan: AwardPlan, entry: UnchainedEntry): Promise<AwardWritten> {
    let written: AwardWritten;
    try {
      written = await writeAward(em, {
        project: plan.project,
        milestones: plan.milestones,
        slots: plan.slots,
        entry,
        organizationIds: [plan.bid.organization_id, ...plan.bid.participants.map((p) => p.organizationId)],
      });
    } catch (err) {
      if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err) === 'UQ_projects_bid') {
        const bidId = plan.bid.id;
        throw conflict('awards.bid_already_awarded', `Bid ${bidId} has already been awarded.`, { bidId });
      }
      throw err;
    }
    if (written.audited !== 1) throw new Error('the audit chain head was not advanced');
    return written;
  }

  /** The bid changed between the first read and the lock (rare): answer with its status now. */
  private async refuseChangedBid(em: EntityManager, bidId: string): Promise<never> {
    const now = await readBidStatusForAward(em, bidId);
    assertAwardableBid(now?.status ?? 'gone', now?.has_panel ?? false, bidId);
    throw conflict('awards.bid_not_awardable', `Bid ${bidId} changed while it was being awarded; try again.`, { bidId });
  }

  /** The agency is done awarding: closed → awarded (at least one award), every other live bid → rejected. */
  async finish(challengeId: string, user: AuthUser): Promise<FinishAwardingView> {
    return this.dataSource.transaction(async (em) => {
      const c = await lockOwnedChallenge(em, challengeId, user);
      this.assertFinishable(c);
      await markChallengeAwarded(em, challengeId);
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

/** A consortium (two or more participants) is kept on the project; a lone bidder has none. */
function consortiumOf(bid: BidToAward): ProjectConsortiumEntry[] {
  if (bid.participants.length < 2) return [];
  return bid.participants.map((p) => ({
    organizationId: p.organizationId,
    creditCode: p.creditCode,
    role: p.role,
    sharePercent: p.sharePercent as number,
  }));
}

/** The bid's plan scaled to the grant; in a horse race each milestone falls in a stage. */
function milestonesOf(c: LockedChallenge, bid: BidToAward, amountFen: number): NewProjectMilestone[] {
  const tranches = scaleTranches(
    bid.milestones.map((m) => fen(m.trancheFen)),
    amountFen,
  );
  const isRace = c.mechanism === 'horse_race';
  return bid.milestones.map((m, i) => {
    const dueAt = new Date(m.dueAt);
    return {
      seq: m.seq,
      title: m.title,
      dueAt,
      deliverable: m.deliverable,
      trancheFen: tranches[i],
      stageIndex: isRace ? stageIndexOf(dueAt, c.stages) : null,
    };
  });
}

function projectViewOf(plan: AwardPlan, row: AwardWritten): ProjectView {
  const p = plan.project;
  const names = row.organization_names;
  const idOfSeq = new Map(row.milestone_ids.map((m) => [m.seq, m.id]));
  return {
    id: row.id,
    challengeId: p.challengeId,
    bidId: p.bidId,
    organizationId: p.organizationId,
    organizationName: names[p.organizationId] ?? '',
    title: p.title,
    amountFen: p.grantedFen,
    paidFen: 0,
    capFen: p.capFen,
    ruleId: p.ruleId,
    status: 'publicity',
    programManagerId: p.programManagerId,
    stageReached: 0,
    publicityEndsAt: row.publicity_ends_at.toISOString(),
    consortium: p.consortium.map((c) => ({ ...c, organizationName: names[c.organizationId] ?? '' })),
    milestones: plan.milestones.map((m) => ({
      id: idOfSeq.get(m.seq) as string,
      seq: m.seq,
      title: m.title,
      dueAt: m.dueAt.toISOString(),
      deliverable: m.deliverable,
      status: 'scheduled' as const,
      trancheFen: m.trancheFen,
      stageIndex: m.stageIndex,
    })),
    createdAt: row.created_at.toISOString(),
  };
}
