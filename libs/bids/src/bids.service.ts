import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, Role } from '@app/common/auth';
import { Clock } from '@app/common/clock';
import { DomainError, conflict, forbidden, invalid, notFound } from '@app/common/domain-error';
import { decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database/transaction';
import { moneyTransformer } from '@app/database/money.transformer';
import { FundingPolicy } from '@app/funding-rules/funding-policy.service';
import { BidInput, ChallengeFacts, ConsortiumEntryInput, OrgFacts, bidShapeErrors, consortiumErrors } from './bid-rules';
import { BidStatus } from './bid.entity';
import { BidDto, isTextOnly } from './dto/bid.dto';
import { ListBidsQuery } from './dto/review.dto';
import { BidListView, BidView } from './dto/views';
import { SUBMITTED_AT_SQL, canonicalBidParts, receiptHashSql } from './receipt';
import { accessToBid, seesAllBids } from './sealing';
import { query, rowsOf } from './sql';

/** The columns of a challenge that bids and review look at, with the database's verdict on the deadline. */
export interface ChallengeGate {
  id: string;
  status: string;
  track: 'core_tech' | 'pm_major';
  budget_fen: string;
  max_award_fen: string | null;
  eligibility: ChallengeFacts['eligibility'];
  objectives: ChallengeFacts['objectives'];
  project_ends_at: Date;
  bid_deadline: Date;
  agency_id: string;
  published_at: Date | null;
  /** published and now() < bid_deadline: bids may be written. */
  open: boolean;
  /** published once and now() >= bid_deadline: contents may be read by agency and reviewers. */
  unsealed: boolean;
  db_now: Date;
  /** The caller's organisation, when asked for. */
  org: OrgFacts | null;
}

export interface BidRow {
  id: string;
  challenge_id: string;
  organization_id: string;
  submitted_by: string;
  status: BidStatus;
  total_investment_fen: string;
  requested_funding_fen: string;
  proposal: { text: string; approach: { metric: string; plan: string }[] | null };
  receipt_hash: string;
  revision: number;
  submitted_at: Date;
  withdrawn_at: Date | null;
  decided_at: Date | null;
  updated_at: Date;
}

interface MilestoneRow {
  id: string;
  bid_id: string;
  seq: number;
  title: string;
  due_at: Date;
  deliverable: string;
  tranche_fen: string;
}

interface ParticipantRow {
  bid_id: string;
  organization_id: string;
  credit_code: string;
  role: 'lead' | 'member';
  share_percent: number | null;
  seq: number;
}

/** A published challenge's terms: fixed once it is published (only status and deadline move, and the write statements re-check those). */
interface PublishedFacts {
  id: string;
  track: 'core_tech' | 'pm_major';
  budget_fen: string;
  max_award_fen: string | null;
  eligibility: ChallengeFacts['eligibility'];
  objectives: ChallengeFacts['objectives'];
  project_ends_at: Date;
}

const CACHE_LIMIT = 10_000;
const FACTS_TTL_MS = 60_000;

function leadOf(org: OrgFacts, facts: PublishedFacts): OrgFacts {
  if (!facts.eligibility.orgKinds.includes(org.kind)) {
    throw forbidden(
      'bids.organization_not_eligible',
      `Organisations of kind ${org.kind} may not bid on this challenge (eligible: ${facts.eligibility.orgKinds.join(', ')}).`,
    );
  }
  return org;
}

/** A bid with everything an award needs: amounts, milestones (with tranches) and consortium. */
export interface BidForAward {
  id: string;
  challengeId: string;
  organizationId: string;
  status: BidStatus;
  totalInvestmentFen: number;
  requestedFundingFen: number;
  submittedAt: Date;
  receiptHash: string;
  milestones: { id: string; seq: number; title: string; dueAt: Date; deliverable: string; trancheFen: number }[];
  /** [] when the organisation bid alone; otherwise every organisation, lead included. */
  consortium: { organizationId: string; creditCode: string; role: 'lead' | 'member'; sharePercent: number }[];
}

const BID_COLUMNS =
  'b.id, b.challenge_id, b.organization_id, b.submitted_by, b.status, b.total_investment_fen, b.requested_funding_fen, b.proposal, ' +
  'b.receipt_hash, b.revision, b.submitted_at, b.withdrawn_at, b.decided_at, b.updated_at';

const fen = (v: string | number | null) => moneyTransformer.from(v) as number;
export const challengeNotFound = (id: string) => notFound('challenges.not_found', `No challenge ${id}.`);
export const bidNotFound = (id: string) => notFound('bids.not_found', `No bid ${id} that you may see.`);

/** The rule of `@app/policy` a track's requests are judged by. */
const RULE_OF_TRACK = { core_tech: 'art4.core_tech', pm_major: 'art4.pm_major' } as const;

/**
 * Sealed bids: submit, replace, withdraw, read (sealed), and what awards need. Every write runs in
 * one transaction that takes a FOR SHARE lock on the challenge row (so the close job and a deadline
 * extension wait for it, and it waits for them), judges the deadline by the database's now(), and
 * records an audit entry with the receipt hash only.
 */
@Injectable()
export class BidsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fundingPolicy: FundingPolicy,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private readonly factsCache = new Map<string, { facts: PublishedFacts; until: number }>();
  private readonly orgCache = new Map<string, OrgFacts>();

  // ------------------------------------------------------------------ challenge gate

  /** The challenge with the database's verdict on its deadline; 404 for a draft or unknown id. */
  async gate(
    em: EntityManager,
    challengeId: string,
    lock: '' | 'FOR SHARE' | 'FOR UPDATE' = '',
    organizationId: string | null = null,
  ): Promise<ChallengeGate> {
    const [row] = await query<ChallengeGate>(
      em,
      `SELECT c.id, c.status, c.track, c.budget_fen, c.max_award_fen, c.eligibility, c.objectives, c.project_ends_at, c.bid_deadline,
              c.agency_id, c.published_at,
              (c.status = 'published' AND now() < c.bid_deadline) AS open,
              (c.published_at IS NOT NULL AND now() >= c.bid_deadline) AS unsealed,
              now() AS db_now,
              (SELECT json_build_object('id', o.id, 'kind', o.kind, 'creditCode', o.credit_code) FROM organizations o WHERE o.id = $2) AS org
         FROM challenges c WHERE c.id = $1 ${lock}`,
      [challengeId, organizationId],
    );
    if (!row || row.published_at === null) throw challengeNotFound(challengeId);
    return row;
  }

  assertOpen(gate: ChallengeGate): void {
    if (gate.open) return;
    if (gate.status !== 'published') {
      throw conflict('bids.challenge_not_open', `The challenge is ${gate.status}; bids can no longer be written.`, {
        status: gate.status,
      });
    }
    throw conflict(
      'bids.deadline_passed',
      `The bid deadline ${gate.bid_deadline.toISOString()} has passed; bids can no longer be written.`,
      {
        bidDeadline: gate.bid_deadline.toISOString(),
      },
    );
  }

  async isAssignedReviewer(em: EntityManager, challengeId: string, user: AuthUser | undefined): Promise<boolean> {
    if (!user || user.role !== Role.Reviewer) return false;
    const rows = await query(em, `SELECT 1 FROM panel_reviewers WHERE challenge_id = $1 AND reviewer_id = $2`, [
      challengeId,
      user.id,
    ]);
    return rows.length > 0;
  }

  /**
   * Automatic conflict (the reviewer's organisation leads the bid or is in its consortium) or a
   * declared one.
   */
  async isConflicted(em: EntityManager, bidId: string, user: AuthUser): Promise<boolean> {
    const [row] = await query<{ conflicted: boolean }>(
      em,
      `SELECT (EXISTS (SELECT 1 FROM bid_participants p WHERE p.bid_id = $1 AND p.organization_id = $3)
            OR EXISTS (SELECT 1 FROM bid_conflicts k WHERE k.bid_id = $1 AND k.reviewer_id = $2)) AS conflicted`,
      [bidId, user.id, user.organizationId],
    );
    return row.conflicted;
  }

  // ------------------------------------------------------------------ writes

  /**
   * Everything that can be judged without the lock is judged first, outside the transaction (the
   * challenge's terms cannot change once it is published). The transaction is then one statement
   * — lock the challenge FOR SHARE if it is still open by the database's now(), insert the bid,
   * its milestones and participants, hash the receipt with that now() — and the audit entry.
   */
  async submit(challengeId: string, dto: BidDto, user: AuthUser): Promise<BidView> {
    const organizationId = this.teamOrganization(user);
    const input = toInput(dto);
    const facts = await this.publishedFacts(challengeId);
    const lead = leadOf(await this.organization(organizationId), facts);
    const { consortium, registered } = await this.check(facts, input, lead, null);
    const id = randomUUID();
    const milestones = withIds(input);
    const { prefix, suffix } = canonicalBidParts({ challengeId, organizationId, bid: { ...input, consortium } });
    const written = await this.dataSource.transaction(async (em) => {
      let row: { receipt_hash: string; submitted_at: Date } | undefined;
      try {
        [row] = await query<{ receipt_hash: string; submitted_at: Date }>(
          em,
          `WITH c AS (SELECT id FROM challenges WHERE id = $2 AND status = 'published' AND now() < bid_deadline FOR SHARE),
           b AS (
             INSERT INTO bids (id, challenge_id, organization_id, submitted_by, status, total_investment_fen, requested_funding_fen,
                               proposal, receipt_hash, revision, submitted_at)
             SELECT $1, c.id, $3, $4, 'submitted', $5, $6, $7::jsonb, ${receiptHashSql('$8', '$9')}, 1, ${SUBMITTED_AT_SQL} FROM c
             RETURNING id, receipt_hash, submitted_at),
           m AS (${MILESTONES_INSERT('$10')}),
           p AS (${PARTICIPANTS_INSERT('$2', '$11')})
           SELECT receipt_hash, submitted_at FROM b`,
          [
            id,
            challengeId,
            organizationId,
            user.id,
            input.totalInvestmentFen,
            input.requestedFundingFen,
            JSON.stringify(input.proposal),
            prefix,
            suffix,
            milestonesJson(milestones),
            participantsJson(lead, consortium, registered),
          ],
        );
      } catch (err) {
        throw this.uniqueToConflict(err);
      }
      if (!row) throw await this.notOpen(em, challengeId);
      // Last, so the ledger's per-challenge lock is held for as short a time as possible.
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'bid.submitted',
        subjectType: 'bid',
        subjectId: id,
        after: {
          status: 'submitted',
          organizationId,
          receiptHash: row.receipt_hash,
          submittedAt: row.submitted_at.toISOString(),
          revision: 1,
        },
        public: false,
      });
      return row;
    });
    return viewOfWrite({
      id,
      challengeId,
      organizationId,
      input,
      consortium,
      registered,
      milestones,
      hash: written.receipt_hash,
      submittedAt: written.submitted_at,
      revision: 1,
      status: 'submitted',
    });
  }

  /**
   * Like submit: one statement locks the challenge (if still open) and the caller's submitted bid,
   * updates it, upserts its milestones and drops the extra ones; participants are rewritten only
   * when the consortium changed.
   */
  async replace(challengeId: string, bidId: string, dto: BidDto, user: AuthUser): Promise<BidView> {
    const organizationId = this.teamOrganization(user);
    const input = toInput(dto);
    const facts = await this.publishedFacts(challengeId);
    const lead = leadOf(await this.organization(organizationId), facts);
    const { consortium, registered } = await this.check(facts, input, lead, bidId);
    const milestones = withIds(input);
    const participants = participantsJson(lead, consortium, registered);
    const { prefix, suffix } = canonicalBidParts({ challengeId, organizationId, bid: { ...input, consortium } });
    const written = await this.dataSource.transaction(async (em) => {
      type Row = {
        old_hash: string;
        old_revision: number;
        old_submitted_at: Date;
        participants: { organization_id: string; credit_code: string; role: string; share_percent: number | null }[];
        receipt_hash: string;
        submitted_at: Date;
        revision: number;
        milestone_ids: { id: string; seq: number }[];
      };
      const [row] = await query<Row>(
        em,
        `WITH c AS (SELECT id FROM challenges WHERE id = $2 AND status = 'published' AND now() < bid_deadline FOR SHARE),
         old AS (
           SELECT b.id, b.receipt_hash, b.revision, b.submitted_at,
                  (SELECT coalesce(json_agg(json_build_object('organization_id', p.organization_id, 'credit_code', p.credit_code,
                                                              'role', p.role, 'share_percent', p.share_percent) ORDER BY p.seq), '[]')
                     FROM bid_participants p WHERE p.bid_id = b.id) AS participants
             FROM bids b JOIN c ON c.id = b.challenge_id
            WHERE b.id = $1 AND b.organization_id = $3 AND b.status = 'submitted'
            FOR UPDATE OF b),
         u AS (
           UPDATE bids SET submitted_by = $4, total_investment_fen = $5, requested_funding_fen = $6, proposal = $7::jsonb,
                  receipt_hash = ${receiptHashSql('$8', '$9')}, revision = bids.revision + 1, submitted_at = ${SUBMITTED_AT_SQL}, updated_at = now()
             FROM old WHERE bids.id = old.id
           RETURNING bids.receipt_hash, bids.submitted_at, bids.revision),
         mu AS (
           INSERT INTO bid_milestones (id, bid_id, seq, title, due_at, deliverable, tranche_fen)
           SELECT x.id, old.id, x.seq, x.title, x.due_at, x.deliverable, x.tranche_fen
             FROM old, jsonb_to_recordset($10::jsonb) AS x(id uuid, seq int, title text, due_at timestamptz, deliverable text, tranche_fen bigint)
           ON CONFLICT (bid_id, seq) DO UPDATE
             SET title = EXCLUDED.title, due_at = EXCLUDED.due_at, deliverable = EXCLUDED.deliverable, tranche_fen = EXCLUDED.tranche_fen
           RETURNING id, seq),
         md AS (DELETE FROM bid_milestones d USING old WHERE d.bid_id = old.id AND d.seq >= $11 RETURNING d.id)
         SELECT old.receipt_hash AS old_hash, old.revision AS old_revision, old.submitted_at AS old_submitted_at, old.participants,
                u.receipt_hash, u.submitted_at, u.revision,
                (SELECT json_agg(json_build_object('id', mu.id, 'seq', mu.seq)) FROM mu) AS milestone_ids
           FROM old, u`,
        [
          bidId,
          challengeId,
          organizationId,
          user.id,
          input.totalInvestmentFen,
          input.requestedFundingFen,
          JSON.stringify(input.proposal),
          prefix,
          suffix,
          milestonesJson(milestones),
          milestones.length,
        ],
      );
      if (!row) throw await this.cannotReplace(em, challengeId, bidId, organizationId);
      const before = JSON.stringify(row.participants.map((p) => [p.organization_id, p.role, p.share_percent]));
      const after = JSON.stringify(
        (JSON.parse(participants) as { organization_id: string; role: string; share_percent: number | null }[]).map((p) => [
          p.organization_id,
          p.role,
          p.share_percent,
        ]),
      );
      if (before !== after) {
        try {
          await em.query(`DELETE FROM bid_participants WHERE bid_id = $1`, [bidId]);
          await em.query(`WITH b AS (SELECT $1::uuid AS id), p AS (${PARTICIPANTS_INSERT('$2', '$3')}) SELECT 1`, [
            bidId,
            challengeId,
            participants,
          ]);
        } catch (err) {
          throw this.uniqueToConflict(err);
        }
      }
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'bid.replaced',
        subjectType: 'bid',
        subjectId: bidId,
        before: {
          receiptHash: row.old_hash,
          submittedAt: new Date(row.old_submitted_at).toISOString(),
          revision: row.old_revision,
        },
        after: { receiptHash: row.receipt_hash, submittedAt: row.submitted_at.toISOString(), revision: row.revision },
        public: false,
      });
      return row;
    });
    const ids = new Map(written.milestone_ids.map((m) => [m.seq, m.id]));
    return viewOfWrite({
      id: bidId,
      challengeId,
      organizationId,
      input,
      consortium,
      registered,
      milestones: milestones.map((m) => ({ ...m, id: ids.get(m.seq) ?? m.id })),
      hash: written.receipt_hash,
      submittedAt: written.submitted_at,
      revision: written.revision,
      status: 'submitted',
    });
  }

  async withdraw(challengeId: string, bidId: string, user: AuthUser): Promise<BidView> {
    const organizationId = this.teamOrganization(user);
    await this.dataSource.transaction(async (em) => {
      const { gate, current } = await this.gateAndOwnBid(em, challengeId, bidId, organizationId, false);
      this.assertOpen(gate);
      if (current.status !== 'submitted')
        throw conflict('bids.not_submitted', `The bid is ${current.status}; only a submitted bid can be withdrawn.`);
      await em.query(
        `WITH b AS (UPDATE bids SET status = 'withdrawn', withdrawn_at = now(), updated_at = now() WHERE id = $1 RETURNING id),
              p AS (UPDATE bid_participants SET live = false WHERE bid_id = $1 RETURNING id)
         SELECT (SELECT count(*) FROM b) AS b`,
        [bidId],
      );
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'bid.withdrawn',
        subjectType: 'bid',
        subjectId: bidId,
        before: { status: 'submitted', receiptHash: current.receipt_hash },
        after: { status: 'withdrawn' },
        public: false,
      });
    });
    return this.viewOf(this.dataSource.manager, bidId);
  }

  // ------------------------------------------------------------------ reads

  /** Before the deadline: a team sees its own bids, everyone else only the count. After: agency and reviewers see all. */
  async list(challengeId: string, q: ListBidsQuery, user: AuthUser | undefined): Promise<BidListView> {
    const em = this.dataSource.manager;
    const gate = await this.gate(em, challengeId);
    const [{ n }] = await query<{ n: number }>(
      em,
      `SELECT count(*)::int AS n FROM bids WHERE challenge_id = $1 AND status <> 'withdrawn'`,
      [challengeId],
    );
    const assigned = await this.isAssignedReviewer(em, challengeId, user);
    const scope = seesAllBids(user, { unsealed: gate.unsealed, agencyId: gate.agency_id, assignedReviewer: assigned });
    const params: unknown[] = [challengeId];
    const where = ['b.challenge_id = $1'];
    if (scope === 'own') {
      if (!user || user.role !== Role.Team || !user.organizationId) return { items: [], count: n, nextCursor: null };
      params.push(user.organizationId);
      where.push(`b.organization_id = $${params.length}`);
    } else {
      where.push(`b.status <> 'withdrawn'`);
      if (scope === 'all_unconflicted' && user) {
        params.push(user.id, user.organizationId);
        where.push(
          `NOT EXISTS (SELECT 1 FROM bid_conflicts k WHERE k.bid_id = b.id AND k.reviewer_id = $${params.length - 1})`,
          `NOT EXISTS (SELECT 1 FROM bid_participants p WHERE p.bid_id = b.id AND p.organization_id = $${params.length})`,
        );
      }
    }
    if (q.cursor) {
      const [at, id] = decodeInstantIdCursor(q.cursor);
      params.push(at, id);
      where.push(`(b.submitted_at, b.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const limit = q.limit ?? 20;
    const rows = await query<BidRow & { cursor_at: string }>(
      em,
      `SELECT ${BID_COLUMNS}, to_char(b.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM bids b WHERE ${where.join(' AND ')} ORDER BY b.submitted_at, b.id LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.viewsOf(em, page),
      count: n,
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursor_at, last.id]) : null,
    };
  }

  /** One bid's contents, to whoever may read them (sealing.ts); 404 for everyone else, 403 for a conflicted reviewer. */
  async get(challengeId: string | null, bidId: string, user: AuthUser | undefined): Promise<BidView> {
    const em = this.dataSource.manager;
    const [row] = await query<BidRow>(em, `SELECT ${BID_COLUMNS} FROM bids b WHERE b.id = $1`, [bidId]);
    if (!row || (challengeId !== null && row.challenge_id !== challengeId)) throw bidNotFound(bidId);
    await this.assertMayRead(em, row, user);
    return (await this.viewsOf(em, [row]))[0];
  }

  /** Throws unless `user` may read this bid's contents now. */
  async assertMayRead(
    em: EntityManager,
    bid: Pick<BidRow, 'id' | 'challenge_id' | 'organization_id'>,
    user: AuthUser | undefined,
  ): Promise<'owner' | 'agency' | 'reviewer'> {
    const gate = await this.gate(em, bid.challenge_id).catch((err) => {
      throw err instanceof DomainError ? bidNotFound(bid.id) : err;
    });
    const assigned = await this.isAssignedReviewer(em, bid.challenge_id, user);
    const conflicted = assigned && user ? await this.isConflicted(em, bid.id, user) : false;
    const access = accessToBid(
      user,
      { organizationId: bid.organization_id },
      { unsealed: gate.unsealed, agencyId: gate.agency_id, assignedReviewer: assigned },
      conflicted,
    );
    if (access === 'conflicted')
      throw forbidden(
        'bids.conflict_of_interest',
        'You have a conflict of interest with this bid; you may neither see nor score it.',
      );
    if (access === 'none') throw bidNotFound(bid.id);
    return access;
  }

  // ------------------------------------------------------------------ for awards

  /**
   * A bid with its milestones and consortium, for an award decided in `em`'s transaction. Locks the
   * bid row (FOR UPDATE) so its status cannot change under the award. 404 if there is no such bid
   * (or it belongs to another challenge, when `challengeId` is given).
   */
  async getForAward(em: EntityManager, bidId: string, challengeId?: string): Promise<BidForAward> {
    const [row] = await query<BidRow>(em, `SELECT ${BID_COLUMNS} FROM bids b WHERE b.id = $1 FOR UPDATE`, [bidId]);
    if (!row || (challengeId !== undefined && row.challenge_id !== challengeId)) throw bidNotFound(bidId);
    const milestones = await query<MilestoneRow>(em, `SELECT * FROM bid_milestones WHERE bid_id = $1 ORDER BY seq`, [bidId]);
    const participants = await query<ParticipantRow>(em, `SELECT * FROM bid_participants WHERE bid_id = $1 ORDER BY seq`, [
      bidId,
    ]);
    return {
      id: row.id,
      challengeId: row.challenge_id,
      organizationId: row.organization_id,
      status: row.status,
      totalInvestmentFen: fen(row.total_investment_fen),
      requestedFundingFen: fen(row.requested_funding_fen),
      submittedAt: row.submitted_at,
      receiptHash: row.receipt_hash,
      milestones: milestones.map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueAt: m.due_at,
        deliverable: m.deliverable,
        trancheFen: fen(m.tranche_fen),
      })),
      consortium: consortiumOf(participants),
    };
  }

  /**
   * Moves bids to `awarded` or `rejected` in the caller's transaction, with an audit entry each.
   * Only live bids move (submitted or shortlisted; an awarded bid may also be rejected later, e.g.
   * eliminated at a gate is NOT this — use it only for the award decision). Returns the ids moved;
   * 409 if any of the ids is not a live bid of the challenge.
   */
  async markOutcome(
    em: EntityManager,
    challengeId: string,
    bidIds: string[],
    outcome: 'awarded' | 'rejected',
    actorId: string | null,
  ): Promise<string[]> {
    if (bidIds.length === 0) return [];
    const rows = rowsOf<{ id: string; status: BidStatus }>(
      await em.query(`SELECT id, status FROM bids WHERE challenge_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [
        challengeId,
        bidIds,
      ]),
    );
    const movable = new Set(['submitted', 'shortlisted']);
    const bad = bidIds.filter((id) => !rows.some((r) => r.id === id && movable.has(r.status)));
    if (bad.length)
      throw conflict('bids.not_decidable', `Only submitted or shortlisted bids of this challenge can be ${outcome}.`, {
        bidIds: bad,
      });
    await em.query(
      `UPDATE bids SET status = $3, decided_at = now(), updated_at = now() WHERE challenge_id = $1 AND id = ANY($2::uuid[])`,
      [challengeId, bidIds, outcome],
    );
    for (const r of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      await this.audit.record(em, {
        challengeId,
        actorId,
        action: `bid.${outcome}`,
        subjectType: 'bid',
        subjectId: r.id,
        before: { status: r.status },
        after: { status: outcome },
        public: false,
      });
    }
    return rows.map((r) => r.id);
  }

  /** Every live bid of the challenge not yet decided (submitted or shortlisted) → rejected. Returns their ids. */
  async rejectRemaining(em: EntityManager, challengeId: string, actorId: string | null): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await em.query(
        `SELECT id FROM bids WHERE challenge_id = $1 AND status IN ('submitted', 'shortlisted') ORDER BY id FOR UPDATE`,
        [challengeId],
      ),
    );
    return this.markOutcome(
      em,
      challengeId,
      rows.map((r) => r.id),
      'rejected',
      actorId,
    );
  }

  // ------------------------------------------------------------------ internals

  private teamOrganization(user: AuthUser): string {
    if (user.role !== Role.Team || !user.organizationId)
      throw forbidden('bids.teams_only', 'Only a team user bids, for its organisation.');
    return user.organizationId;
  }

  /** Terms of a published challenge that never change once it is published (cached); 404 for a draft. */
  private async publishedFacts(challengeId: string): Promise<PublishedFacts> {
    const hit = this.factsCache.get(challengeId);
    if (hit && hit.until > Date.now()) return hit.facts;
    const [row] = await query<PublishedFacts & { published_at: Date | null }>(
      this.dataSource.manager,
      `SELECT id, track, budget_fen, max_award_fen, eligibility, objectives, project_ends_at, published_at FROM challenges WHERE id = $1`,
      [challengeId],
    );
    if (!row || row.published_at === null) throw challengeNotFound(challengeId);
    if (this.factsCache.size >= CACHE_LIMIT) this.factsCache.clear();
    this.factsCache.set(challengeId, { facts: row, until: Date.now() + FACTS_TTL_MS });
    return row;
  }

  /** An organisation's id, kind and credit code never change (cached). */
  private async organization(organizationId: string): Promise<OrgFacts> {
    const hit = this.orgCache.get(organizationId);
    if (hit) return hit;
    const [org] = await query<OrgFacts>(
      this.dataSource.manager,
      `SELECT id, kind, credit_code AS "creditCode" FROM organizations WHERE id = $1`,
      [organizationId],
    );
    if (!org) throw forbidden('bids.teams_only', 'Your organisation is not registered.');
    if (this.orgCache.size >= CACHE_LIMIT) this.orgCache.clear();
    this.orgCache.set(organizationId, org);
    return org;
  }

  /** Why the write statement found nothing to write: 404 or the 409 of a closed challenge. */
  private async notOpen(em: EntityManager, challengeId: string): Promise<DomainError> {
    const gate = await this.gate(em, challengeId);
    try {
      this.assertOpen(gate);
    } catch (err) {
      return err as DomainError;
    }
    return conflict('bids.challenge_not_open', 'The challenge does not take bids now.');
  }

  private async cannotReplace(
    em: EntityManager,
    challengeId: string,
    bidId: string,
    organizationId: string,
  ): Promise<DomainError> {
    const gate = await this.gate(em, challengeId);
    const [bid] = await query<{ organization_id: string; status: BidStatus }>(
      em,
      `SELECT organization_id, status FROM bids WHERE id = $1 AND challenge_id = $2`,
      [bidId, challengeId],
    );
    if (!bid || bid.organization_id !== organizationId) return bidNotFound(bidId);
    if (!gate.open) return this.notOpen(em, challengeId);
    return conflict('bids.not_submitted', `The bid is ${bid.status}; only a submitted bid can be replaced.`);
  }

  /** Funding rules (422), then the bid's shape and consortium (400), then other bids' consortia (409). */
  private async check(
    gate: PublishedFacts,
    input: BidInput,
    lead: OrgFacts,
    ownBidId: string | null,
  ): Promise<{ consortium: ConsortiumEntryInput[]; registered: Map<string, OrgFacts> }> {
    this.fundingPolicy.assertRequest(RULE_OF_TRACK[gate.track], {
      baseFen: input.totalInvestmentFen,
      requestedFen: input.requestedFundingFen,
      // One bid's request is bounded by the challenge's budget and, where set, its per-award
      // maximum (never above the budget, by a CHECK); each is named in the refusal.
      remainingBudgetFen: fen(gate.budget_fen),
      maxAwardFen: gate.max_award_fen !== null ? fen(gate.max_award_fen) : null,
    });
    const facts: ChallengeFacts = {
      objectives: gate.objectives,
      eligibility: gate.eligibility,
      projectEndsAt: gate.project_ends_at,
    };
    const consortium = input.consortium.map((c) => ({ ...c, creditCode: c.creditCode.trim().toUpperCase() }));
    const registered = new Map<string, OrgFacts>();
    const others = consortium.map((c) => c.creditCode).filter((code) => code !== lead.creditCode);
    const taken = new Set<string>();
    if (others.length && gate.eligibility.consortiumAllowed) {
      // The members, and whether each already takes part in another live bid on this challenge.
      const rows = await query<OrgFacts & { taken: boolean }>(
        this.dataSource.manager,
        `SELECT o.id, o.kind, o.credit_code AS "creditCode",
                EXISTS (SELECT 1 FROM bid_participants p
                         WHERE p.challenge_id = $2 AND p.live AND p.organization_id = o.id AND ($3::uuid IS NULL OR p.bid_id <> $3)) AS taken
           FROM organizations o WHERE o.credit_code = ANY($1::char(18)[])`,
        [others, gate.id, ownBidId],
      );
      for (const r of rows) {
        registered.set(r.creditCode, { id: r.id, kind: r.kind, creditCode: r.creditCode });
        if (r.taken) taken.add(r.creditCode);
      }
    }
    registered.set(lead.creditCode, lead);
    const errors = [...bidShapeErrors(input, facts, this.clock.now()), ...consortiumErrors(consortium, facts, lead, registered)];
    if (errors.length) {
      throw invalid('bids.invalid', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
    }
    // A friendly 409 naming the organisation; the unique index is what makes it race-free.
    const takenCodes = consortium.map((c) => c.creditCode).filter((code) => taken.has(code));
    if (takenCodes.length) {
      throw conflict(
        'bids.member_in_another_bid',
        `Consortium member ${takenCodes[0]} already takes part in another live bid on this challenge; an organisation takes part in one bid per challenge.`,
        { creditCodes: takenCodes },
      );
    }
    return { consortium, registered };
  }

  /**
   * The challenge (FOR SHARE) and the caller's bid on it (FOR UPDATE), in one statement; 404 unless
   * the bid is the caller organisation's.
   */
  private async gateAndOwnBid(
    em: EntityManager,
    challengeId: string,
    bidId: string,
    organizationId: string,
    withOrg: boolean,
  ): Promise<{ gate: ChallengeGate; current: BidRow }> {
    const [row] = await query<ChallengeGate & { bid: BidRow }>(
      em,
      `SELECT c.id, c.status, c.track, c.budget_fen, c.max_award_fen, c.eligibility, c.objectives, c.project_ends_at, c.bid_deadline,
              c.agency_id, c.published_at,
              (c.status = 'published' AND now() < c.bid_deadline) AS open,
              (c.published_at IS NOT NULL AND now() >= c.bid_deadline) AS unsealed,
              now() AS db_now,
              (SELECT json_build_object('id', o.id, 'kind', o.kind, 'creditCode', o.credit_code) FROM organizations o WHERE o.id = $3) AS org,
              json_build_object('id', b.id, 'organization_id', b.organization_id, 'status', b.status, 'receipt_hash', b.receipt_hash,
                                'revision', b.revision, 'submitted_at', b.submitted_at) AS bid
         FROM challenges c JOIN bids b ON b.id = $2 AND b.challenge_id = c.id
        WHERE c.id = $1 AND c.published_at IS NOT NULL
        FOR SHARE OF c FOR UPDATE OF b`,
      [challengeId, bidId, withOrg ? organizationId : null],
    );
    if (!row || row.bid.organization_id !== organizationId) {
      if (!row) await this.gate(em, challengeId); // 404 for the challenge first
      throw bidNotFound(bidId);
    }
    const { bid, ...gate } = row;
    return { gate, current: { ...bid, submitted_at: new Date(bid.submitted_at as unknown as string) } };
  }

  private uniqueToConflict(err: unknown): unknown {
    if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) return err;
    const constraint = pgConstraint(err);
    if (constraint === 'UQ_bids_live_org') {
      return conflict(
        'bids.duplicate',
        'Your organisation already has a live bid on this challenge; replace it (PUT) or withdraw it first.',
      );
    }
    if (constraint === 'UQ_bid_participants_live') {
      return conflict(
        'bids.member_in_another_bid',
        'Your organisation or a consortium member already takes part in another live bid on this challenge; an organisation takes part in one bid per challenge.',
      );
    }
    return err;
  }

  async viewOf(em: EntityManager, bidId: string): Promise<BidView> {
    const [row] = await query<BidRow>(em, `SELECT ${BID_COLUMNS} FROM bids b WHERE b.id = $1`, [bidId]);
    return (await this.viewsOf(em, [row]))[0];
  }

  async viewsOf(em: EntityManager, rows: BidRow[]): Promise<BidView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const milestones = await query<MilestoneRow>(
      em,
      `SELECT * FROM bid_milestones WHERE bid_id = ANY($1::uuid[]) ORDER BY bid_id, seq`,
      [ids],
    );
    const participants = await query<ParticipantRow>(
      em,
      `SELECT * FROM bid_participants WHERE bid_id = ANY($1::uuid[]) ORDER BY bid_id, seq`,
      [ids],
    );
    return rows.map((r) => {
      const submittedAt = r.submitted_at.toISOString();
      return {
        id: r.id,
        challengeId: r.challenge_id,
        organizationId: r.organization_id,
        status: r.status,
        totalInvestmentFen: fen(r.total_investment_fen),
        requestedFundingFen: fen(r.requested_funding_fen),
        proposal: { text: r.proposal.text, approach: r.proposal.approach },
        consortium: consortiumOf(participants.filter((p) => p.bid_id === r.id)),
        milestones: milestones
          .filter((m) => m.bid_id === r.id)
          .map((m) => ({
            id: m.id,
            seq: m.seq,
            title: m.title,
            dueAt: m.due_at.toISOString(),
            deliverable: m.deliverable,
            trancheFen: fen(m.tranche_fen),
          })),
        receiptHash: r.receipt_hash,
        receipt: { algorithm: 'sha-256', canonicalization: 'RFC 8785 (JCS)', hash: r.receipt_hash, serverTime: submittedAt },
        revision: r.revision,
        submittedAt,
        withdrawnAt: r.withdrawn_at ? r.withdrawn_at.toISOString() : null,
        updatedAt: r.updated_at.toISOString(),
      };
    });
  }
}

/** The answer to a write, built from what was written (no read-back while the ledger lock is held). */
function viewOfWrite(w: {
  id: string;
  challengeId: string;
  organizationId: string;
  input: BidInput;
  consortium: ConsortiumEntryInput[];
  registered: Map<string, OrgFacts>;
  milestones: StoredMilestone[];
  hash: string;
  submittedAt: Date;
  revision: number;
  status: BidStatus;
}): BidView {
  const submittedAt = w.submittedAt.toISOString();
  return {
    id: w.id,
    challengeId: w.challengeId,
    organizationId: w.organizationId,
    status: w.status,
    totalInvestmentFen: w.input.totalInvestmentFen,
    requestedFundingFen: w.input.requestedFundingFen,
    proposal: { text: w.input.proposal.text, approach: w.input.proposal.approach },
    consortium: w.consortium.map((c) => ({
      creditCode: c.creditCode,
      organizationId: (w.registered.get(c.creditCode) as OrgFacts).id,
      role: c.role,
      sharePercent: c.sharePercent,
    })),
    milestones: w.milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      dueAt: m.dueAt.toISOString(),
      deliverable: m.deliverable,
      trancheFen: m.trancheFen,
    })),
    receiptHash: w.hash,
    receipt: { algorithm: 'sha-256', canonicalization: 'RFC 8785 (JCS)', hash: w.hash, serverTime: submittedAt },
    revision: w.revision,
    submittedAt,
    withdrawnAt: null,
    // The row's updated_at is the transaction's now(), which is submittedAt.
    updatedAt: submittedAt,
  };
}

function consortiumOf(rows: ParticipantRow[]): BidForAward['consortium'] {
  // A lone bid has one participant (its lead, without a share): no consortium.
  if (rows.length < 2) return [];
  return rows.map((p) => ({
    organizationId: p.organization_id,
    creditCode: p.credit_code,
    role: p.role,
    sharePercent: p.share_percent as number,
  }));
}

/** The DTO as the rules see it (trimmed credit codes, dates parsed). */
export function toInput(dto: BidDto): BidInput {
  return {
    totalInvestmentFen: dto.totalInvestmentFen,
    requestedFundingFen: dto.requestedFundingFen,
    proposal: {
      text: dto.proposal.text,
      approach:
        isTextOnly(dto.proposal) || !dto.proposal.approach
          ? null
          : dto.proposal.approach.map((a) => ({ metric: a.metric, plan: a.plan })),
    },
    consortium: (dto.consortium ?? []).map((c) => ({
      creditCode: c.creditCode.trim().toUpperCase(),
      role: c.role,
      sharePercent: c.sharePercent,
    })),
    milestones: dto.milestones.map((m) => ({
      title: m.title,
      dueAt: new Date(m.dueAt),
      deliverable: m.deliverable,
      trancheFen: m.trancheFen,
    })),
  };
}

/** Inserts the milestones of the bid in the CTE `b` (nothing when `b` is empty). */
const MILESTONES_INSERT = (jsonParam: string) =>
  `INSERT INTO bid_milestones (id, bid_id, seq, title, due_at, deliverable, tranche_fen)
   SELECT x.id, b.id, x.seq, x.title, x.due_at, x.deliverable, x.tranche_fen
     FROM b, jsonb_to_recordset(${jsonParam}::jsonb) AS x(id uuid, seq int, title text, due_at timestamptz, deliverable text, tranche_fen bigint)`;

/** Inserts the participants of the bid in the CTE `b` (nothing when `b` is empty). */
const PARTICIPANTS_INSERT = (challengeParam: string, jsonParam: string) =>
  `INSERT INTO bid_participants (bid_id, challenge_id, organization_id, credit_code, role, share_percent, seq, live)
   SELECT b.id, ${challengeParam}::uuid, x.organization_id, x.credit_code, x.role, x.share_percent, x.seq, true
     FROM b, jsonb_to_recordset(${jsonParam}::jsonb) AS x(organization_id uuid, credit_code text, role text, share_percent int, seq int)`;

/** Milestones with ids made here, so the answer needs no read-back inside the transaction. */
function withIds(input: BidInput): StoredMilestone[] {
  return input.milestones.map((m, seq) => ({ ...m, id: randomUUID(), seq }));
}

interface StoredMilestone {
  id: string;
  seq: number;
  title: string;
  dueAt: Date;
  deliverable: string;
  trancheFen: number;
}

function milestonesJson(milestones: StoredMilestone[]): string {
  return JSON.stringify(
    milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      due_at: m.dueAt.toISOString(),
      deliverable: m.deliverable,
      tranche_fen: m.trancheFen,
    })),
  );
}

function participantsJson(lead: OrgFacts, consortium: ConsortiumEntryInput[], registered: Map<string, OrgFacts>): string {
  if (consortium.length === 0) {
    return JSON.stringify([
      { organization_id: lead.id, credit_code: lead.creditCode, role: 'lead', share_percent: null, seq: 0 },
    ]);
  }
  return JSON.stringify(
    consortium.map((c, seq) => ({
      organization_id: (registered.get(c.creditCode) as OrgFacts).id,
      credit_code: c.creditCode,
      role: c.role,
      share_percent: c.sharePercent,
      seq,
    })),
  );
}
