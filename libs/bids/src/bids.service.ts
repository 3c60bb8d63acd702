import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { preparingStatements, sql } from '@app/database';
import { AuditService } from '@app/audit';
import { lockPublishedChallenge } from '@app/challenges';
import { AuthUser } from '@app/common/auth';
import { DomainError, conflict } from '@app/common/domain-error';
import { BidChecker, CheckedConsortium } from './bid-check';
import { askConsents, consentAudit, membersOf } from './bid-consent-requests';
import { assertOpen, bidNotFound, notOpenReason, teamOrganization, uniqueToConflict } from './bid-errors';
import { RequestedBidDocument, assertRequiredDocuments, attachBidDocuments, receiptDocuments, setEntries } from './bid-documents';
import { BidForAward, BidOutcomesService } from './bid-outcomes.service';
import { BidInput, OrgFacts } from './bid-rules';
import {
  StoredMilestone,
  consortiumChanged,
  leadOf,
  milestonesJson,
  participantsOf,
  toInput,
  viewOfWrite,
  withIds,
} from './bid-payloads';
import { consentViewOf, viewOf } from './bid-views';
import { BidDto } from './dto/bid.dto';
import { ListBidsQuery } from './dto/review.dto';
import { BidDocumentView, BidListView, BidView } from './dto/views';
import { PublishedFactsCache } from './published-facts';
import { CanonicalBidFields, canonicalBidParts } from './receipt';
import { readConsentsOfBids } from './repositories/bid-consents.repository';
import { clearBidDocumentsSql, insertBidDocuments } from './repositories/bid-documents.repository';
import { deleteBidDraftSql } from './repositories/bid-drafts.repository';
import { StoredParticipant, replaceBidParticipants } from './repositories/bid-participants.repository';
import {
  BidWrite,
  insertBidIfOpen,
  lockChallengeAndBid,
  readBidOwnerAndStatus,
  replaceBidIfOpen,
  withdrawBid,
} from './repositories/bids.repository';
import { SealedBidsService } from './sealed-bids.service';

export type { BidForAward } from './bid-outcomes.service';

/** A bid as judged before its write transaction: the input, its lead, its checked consortium and its receipt parts. */
interface PreparedBid {
  organizationId: string;
  input: BidInput;
  lead: OrgFacts;
  checked: CheckedConsortium;
  milestones: StoredMilestone[];
  participants: StoredParticipant[];
  participantsJson: string;
  /** What the receipt covers but the documents (read once attached, inside the transaction) and the time. */
  receiptFields: Omit<CanonicalBidFields, 'submittedAt' | 'documents'>;
  documents: RequestedBidDocument[];
}

/** A bid's documents attached in its write transaction, and its receipt parts that cover them. */
interface AttachedBid {
  documents: BidDocumentView[];
  receipt: { prefix: string; suffix: string };
}

/**
 * Sealed bids: submit, replace, withdraw, read (sealed), and what awards need. Every write runs in
 * one transaction that takes a FOR SHARE lock on the challenge row (so the close job and a deadline
 * extension wait for it, and it waits for them), judges the deadline by the database's now(), and
 * records an audit entry with the receipt hash only, chained at COMMIT (`recordAtCommit`).
 */
@Injectable()
export class BidsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly facts: PublishedFactsCache,
    private readonly checker: BidChecker,
    private readonly sealed: SealedBidsService,
    private readonly outcomes: BidOutcomesService,
  ) {}

  // ------------------------------------------------------------------ writes

  /**
   * Everything that can be judged without the lock is judged first, outside the transaction (the
   * challenge's terms cannot change once it is published). The transaction attaches the bid's
   * documents (their hashes enter the receipt), then one statement — lock the challenge FOR SHARE if
   * it is still open by the database's now(), insert the bid, its milestones and participants, hash
   * the receipt with that now() — then the bid's document set and the audit entry.
   */
  async submit(challengeId: string, dto: BidDto, user: AuthUser): Promise<BidView> {
    const bid = await this.prepare(challengeId, dto, user, null);
    const { organizationId, input, checked, milestones } = bid;
    const id = randomUUID();
    const written = await this.writeTransaction(async (em) => {
      const attached = await this.attach(em, id, bid, user);
      const row = await insertBidIfOpen(em, {
        ...this.writeOf(challengeId, id, user, bid, attached),
        participantsJson: bid.participantsJson,
      }).catch((err: unknown) => {
        throw uniqueToConflict(err);
      });
      if (!row) throw await this.notOpen(em, challengeId);
      await insertBidDocuments(em, id, setEntries(bid.documents));
      const consents = await askConsents(em, { bidId: id, challengeId, revision: 1 }, bid.participants);
      // Chained at COMMIT (a deferred trigger), so the challenge's ledger lock is held only for the
      // commit itself: the whole deadline rush appends to this one chain. In the same statement the
      // draft that became this bid goes (or stays, if the submission fails).
      await this.audit.recordAtCommit(
        em,
        {
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
            ...consentAudit(consents),
          },
          public: false,
        },
        sql`draft AS (${deleteBidDraftSql(challengeId, organizationId)})`,
      );
      return { ...row, documents: attached.documents };
    });
    return viewOfWrite({
      id,
      challengeId,
      organizationId,
      input,
      ...checked,
      milestones,
      documents: written.documents,
      hash: written.receipt_hash,
      submittedAt: written.submitted_at,
      revision: 1,
      status: 'submitted',
      consents: await this.consentsOf(id, bid.participants),
    });
  }

  /**
   * Like submit: one statement locks the challenge (if still open) and the caller's submitted bid,
   * updates it, upserts its milestones and drops the extra ones; participants are rewritten only
   * when the consortium changed; the document set is rewritten (documents of earlier revisions stay
   * attached to the bid, but leave the set and the receipt).
   */
  async replace(challengeId: string, bidId: string, dto: BidDto, user: AuthUser): Promise<BidView> {
    const bid = await this.prepare(challengeId, dto, user, bidId);
    const { organizationId, input, checked, milestones } = bid;
    const written = await this.writeTransaction(async (em) => {
      const attached = await this.attach(em, bidId, bid, user);
      const row = await replaceBidIfOpen(em, {
        ...this.writeOf(challengeId, bidId, user, bid, attached),
        milestoneCount: milestones.length,
      });
      if (!row) throw await this.cannotReplace(em, challengeId, bidId, organizationId);
      if (consortiumChanged(row.participants, bid.participants)) {
        await replaceBidParticipants(em, bidId, challengeId, bid.participantsJson).catch((err: unknown) => {
          throw uniqueToConflict(err);
        });
      }
      const consents = await askConsents(em, { bidId, challengeId, revision: row.revision }, bid.participants, row.participants);
      // As in submit; the same statement empties the document set (refilled below) and drops the draft.
      await this.audit.recordAtCommit(
        em,
        {
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
          after: {
            receiptHash: row.receipt_hash,
            submittedAt: row.submitted_at.toISOString(),
            revision: row.revision,
            ...consentAudit(consents),
          },
          public: false,
        },
        sql`docs AS (${clearBidDocumentsSql(bidId)}), draft AS (${deleteBidDraftSql(challengeId, organizationId)})`,
      );
      await insertBidDocuments(em, bidId, setEntries(bid.documents));
      return { ...row, documents: attached.documents };
    });
    const ids = new Map(written.milestone_ids.map((m) => [m.seq, m.id]));
    return viewOfWrite({
      id: bidId,
      challengeId,
      organizationId,
      input,
      ...checked,
      milestones: milestones.map((m) => ({ ...m, id: ids.get(m.seq) ?? m.id })),
      documents: written.documents,
      hash: written.receipt_hash,
      submittedAt: written.submitted_at,
      revision: written.revision,
      status: 'submitted',
      consents: await this.consentsOf(bidId, bid.participants),
    });
  }

  async withdraw(challengeId: string, bidId: string, user: AuthUser): Promise<BidView> {
    const organizationId = teamOrganization(user);
    await this.dataSource.transaction(async (em) => {
      const locked = await lockChallengeAndBid(em, challengeId, bidId);
      if (!locked || locked.bid.organization_id !== organizationId) {
        if (!locked) await lockPublishedChallenge(em, challengeId, 'none'); // 404 for the challenge first
        throw bidNotFound(bidId);
      }
      const { gate, bid: current } = locked;
      assertOpen(gate);
      if (current.status !== 'submitted')
        throw conflict('bids.not_submitted', `The bid is ${current.status}; only a submitted bid can be withdrawn.`);
      await withdrawBid(em, bidId);
      await this.audit.recordAtCommit(em, {
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
    return viewOf(this.dataSource.manager, bidId);
  }

  // ------------------------------------------------------------------ reads (sealed)

  list(challengeId: string, q: ListBidsQuery, user: AuthUser | undefined): Promise<BidListView> {
    return this.sealed.list(challengeId, q, user);
  }

  get(challengeId: string | null, bidId: string, user: AuthUser | undefined): Promise<BidView> {
    return this.sealed.get(challengeId, bidId, user);
  }

  // ------------------------------------------------------------------ for awards

  getForAward(em: EntityManager, bidId: string, challengeId?: string): Promise<BidForAward> {
    return this.outcomes.getForAward(em, bidId, challengeId);
  }

  markOutcome(
    em: EntityManager,
    challengeId: string,
    bidIds: string[],
    outcome: 'awarded' | 'rejected',
    actorId: string | null,
  ): Promise<string[]> {
    return this.outcomes.markOutcome(em, challengeId, bidIds, outcome, actorId);
  }

  rejectRemaining(em: EntityManager, challengeId: string, actorId: string | null): Promise<string[]> {
    return this.outcomes.rejectRemaining(em, challengeId, actorId);
  }

  // ------------------------------------------------------------------ internals

  /** A submit's or replace's transaction: the same statement texts every time, parsed and planned once per connection. */
  private writeTransaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((tx) => work(preparingStatements(tx)));
  }

  /**
   * The members' consents as the write left them (read after its commit), of a bid just written with
   * `participants`: none to read when it names no member.
   */
  private async consentsOf(bidId: string, participants: StoredParticipant[]) {
    if (membersOf(participants).length === 0) return [];
    return (await readConsentsOfBids(this.dataSource.manager, [bidId])).map(consentViewOf);
  }

  /** Everything judged before the transaction: the caller's organisation, the rules, the payloads. */
  private async prepare(challengeId: string, dto: BidDto, user: AuthUser, ownBidId: string | null): Promise<PreparedBid> {
    const organizationId = teamOrganization(user);
    const input = toInput(dto);
    const facts = await this.facts.challenge(challengeId);
    const documents = (dto.documents ?? []).map((d) => ({ documentId: d.documentId, role: d.role }));
    assertRequiredDocuments(facts.required_bid_documents, documents);
    const lead = leadOf(await this.facts.organization(organizationId), facts.eligibility);
    const checked = await this.checker.check(facts, input, lead, ownBidId);
    const milestones = withIds(input);
    const participants = participantsOf(lead, checked.consortium, checked.registered);
    return {
      organizationId,
      input,
      lead,
      checked,
      milestones,
      participants,
      participantsJson: JSON.stringify(participants),
      receiptFields: { challengeId, organizationId, bid: { ...input, consortium: checked.consortium } },
      documents,
    };
  }

  /**
   * The bid's documents attached (before its row is written: a refused document rolls the whole
   * write back) and read back, so the receipt covers each file's hash, size and name.
   */
  private async attach(em: EntityManager, bidId: string, bid: PreparedBid, user: AuthUser): Promise<AttachedBid> {
    const documents = await attachBidDocuments(em, bidId, bid.documents, user);
    return { documents, receipt: canonicalBidParts({ ...bid.receiptFields, documents: receiptDocuments(documents) }) };
  }

  private writeOf(challengeId: string, bidId: string, user: AuthUser, bid: PreparedBid, attached: AttachedBid): BidWrite {
    return {
      bidId,
      challengeId,
      organizationId: bid.organizationId,
      submittedBy: user.id,
      totalInvestmentFen: bid.input.totalInvestmentFen,
      requestedFundingFen: bid.input.requestedFundingFen,
      proposal: bid.input.proposal,
      receipt: attached.receipt,
      milestonesJson: milestonesJson(bid.milestones),
    };
  }

  /** Why the write statement found nothing to write: 404 or the 409 of a closed challenge. */
  private async notOpen(em: EntityManager, challengeId: string): Promise<DomainError> {
    const gate = await lockPublishedChallenge(em, challengeId, 'none');
    return notOpenReason(gate) ?? conflict('bids.challenge_not_open', 'The challenge does not take bids now.');
  }

  private async cannotReplace(
    em: EntityManager,
    challengeId: string,
    bidId: string,
    organizationId: string,
  ): Promise<DomainError> {
    const gate = await lockPublishedChallenge(em, challengeId, 'none');
    const bid = await readBidOwnerAndStatus(em, bidId, challengeId);
    if (!bid || bid.organization_id !== organizationId) return bidNotFound(bidId);
    if (!gate.open) return this.notOpen(em, challengeId);
    return conflict('bids.not_submitted', `The bid is ${bid.status}; only a submitted bid can be replaced.`);
  }
}
