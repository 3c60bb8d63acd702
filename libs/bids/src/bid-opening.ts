import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, readFirstChallengeEntry } from '@app/audit';
import { ChallengeCloseSteps, ClosedChallenge, lockPublishedChallenge } from '@app/challenges';
import { AuthUser } from '@app/common/auth';
import { notFound } from '@app/common/domain-error';
import { documentsOfBids } from './bid-documents';
import { OpeningView } from './dto/opening';
import { OpeningRecord, openingFor } from './opening';
import { readBidsForOpening } from './repositories/bids.repository';

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
    });
  }

  /** Writes the opening record: every live bid, its receipt and its files' hashes, never their contents. */
  async open(em: EntityManager, closed: ClosedChallenge): Promise<OpeningRecord> {
    const bids = await readBidsForOpening(em, closed.challengeId);
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
    return { challengeId, openedAt: seen.openedAt, bidCount: seen.bidCount, entries: seen.entries };
  }
}
