import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, readFirstChallengeEntry } from '@app/audit';
import { ChallengeCloseSteps, ClosedChallenge, lockPublishedChallenge } from '@app/challenges';
import { AuthUser } from '@app/common/auth';
import { notFound } from '@app/common/domain-error';
import { documentsOfBids } from './bid-documents';
import { OpeningView } from './dto/opening';
import { openingVerdict } from './consortium-consent-rules';
import { NotOpenedEntry, OpeningRecord, openingFor } from './opening';
import { readConsentsOfLiveBids } from './repositories/bid-consents.repository';
import { deleteDraftsOfChallenge } from './repositories/bid-drafts.repository';
import { BidForOpeningRow, lapseBidsWithoutConsent, readBidsForOpening } from './repositories/bids.repository';

/** The ledger action of the bid-opening record. */
export const BIDS_OPENED = 'bids.opened';

/**
 * For the worker: the bid opening (开标) as a step of the challenge's close, in the close's
 * transaction — the record commits with the close, or neither does.
 */
@Injectable()
export class BidOpeningStep implements OnModuleInit {
  constructor(
    private readonly steps: ChallengeCloseSteps,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.steps.register('bids.opening', async (em, closed) => {
      await this.open(em, closed);
      // Drafts are of no use once bids are opened; none outlives the close (saves wait on its lock).
      await deleteDraftsOfChallenge(em, closed.challengeId);
    });
  }

  /**
   * Writes the opening record: every live bid, its receipt and its files' hashes, never their
   * contents. A bid a consortium member has not accepted is not opened: it is withdrawn with the
   * reason (an audited `bid.not_opened`) and listed under `notOpened`.
   */
  async open(em: EntityManager, closed: ClosedChallenge): Promise<OpeningRecord> {
    const { bids, notOpened } = await this.withoutConsent(em, closed.challengeId);
    const documents = await documentsOfBids(
      em,
      bids.map((b) => b.id),
    );
    const record: OpeningRecord = {
      openedAt: closed.closedAt.toISOString(),
      bidCount: bids.length,
      entries: bids.map((b) => ({
        bidId: b.id,
        organizationId: b.organization_id,
        organizationName: b.organization_name,
        memberOrganizationIds: b.member_organization_ids,
        submittedAt: b.submitted_at.toISOString(),
        receiptHash: b.receipt_hash,
        documents: (documents.get(b.id) ?? []).map((d) => ({ name: d.name, size: d.size, sha256: d.sha256, role: d.role })),
      })),
      notOpened,
    };
    await this.audit.record(em, {
      challengeId: closed.challengeId,
      actorId: null,
      action: BIDS_OPENED,
      subjectType: 'challenge',
      subjectId: closed.challengeId,
      after: { ...record },
      public: false,
    });
    return record;
  }

  /** The live bids split by consortium consent; those without it withdrawn, each with its audit entry. */
  private async withoutConsent(
    em: EntityManager,
    challengeId: string,
  ): Promise<{ bids: BidForOpeningRow[]; notOpened: NotOpenedEntry[] }> {
    const all = await readBidsForOpening(em, challengeId);
    const consents = await readConsentsOfLiveBids(em, challengeId);
    const bids: BidForOpeningRow[] = [];
    const notOpened: NotOpenedEntry[] = [];
    for (const b of all) {
      const verdict = openingVerdict(
        consents.filter((c) => c.bid_id === b.id).map((c) => ({ organizationId: c.organization_id, state: c.state })),
      );
      if (verdict.open) bids.push(b);
      else
        notOpened.push({
          bidId: b.id,
          organizationId: b.organization_id,
          organizationName: b.organization_name,
          memberOrganizationIds: b.member_organization_ids,
          submittedAt: b.submitted_at.toISOString(),
          receiptHash: b.receipt_hash,
          reason: verdict.reason,
          missingOrganizationIds: verdict.missingOrganizationIds,
        });
    }
    await lapseBidsWithoutConsent(
      em,
      notOpened.map((n) => n.bidId),
    );
    for (const n of notOpened) {
      await this.audit.record(em, {
        challengeId,
        actorId: null,
        action: 'bid.not_opened',
        subjectType: 'bid',
        subjectId: n.bidId,
        before: { status: 'submitted' },
        after: { status: 'withdrawn', reason: n.reason, missingOrganizationIds: n.missingOrganizationIds },
        public: false,
      });
    }
    return { bids, notOpened };
  }
}

/** For the api: the opening record, read back from the ledger, as much of it as the reader may see (opening.ts). */
@Injectable()
export class BidOpeningService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(challengeId: string, user: AuthUser | undefined): Promise<OpeningView> {
    const em = this.dataSource.manager;
    const gate = await lockPublishedChallenge(em, challengeId, 'none');
    const entry = await readFirstChallengeEntry(em, challengeId, BIDS_OPENED);
    if (!entry?.after) throw notFound('bids.not_opened', 'The bids of this challenge have not been opened yet.');
    const seen = openingFor(entry.after as unknown as OpeningRecord, user, {
      agencyOrganizationId: gate.agency_organization_id,
      status: gate.status,
    });
    if (!seen) throw notFound('bids.opening_not_public', 'The bid opening of this challenge is not public before its results.');
    return {
      challengeId,
      openedAt: seen.openedAt,
      bidCount: seen.bidCount,
      entries: seen.entries,
      notOpened: seen.notOpened ?? [],
    };
  }
}
