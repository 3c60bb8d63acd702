import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { readChallengeLocked } from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { DocumentAccess, DocumentAccessRegistry } from '@app/documents';
import { BID_SUBJECT } from './bid-documents';
import { readBidForDocuments } from './repositories/bids.repository';
import { isAssignedReviewer, isConflictedReviewer } from './reviewer-access';
import { accessToBidDocuments } from './sealing';

/**
 * Registers, at start-up, who may read the files attached to a bid (`sealing.ts`,
 * `accessToBidDocuments`), judged on every download by the database's clock.
 */
@Injectable()
export class BidDocumentAccess implements OnModuleInit {
  constructor(private readonly registry: DocumentAccessRegistry) {}

  onModuleInit(): void {
    this.registry.register(BID_SUBJECT, (doc, user, em) => this.accessOf(em, doc.subjectId, user));
  }

  async accessOf(em: EntityManager, bidId: string, user: AuthUser | undefined): Promise<DocumentAccess> {
    if (!user) return 'hidden';
    const bid = await readBidForDocuments(em, bidId, user.organizationId);
    if (!bid) return 'hidden';
    // The bidder and its consortium read their files whatever the challenge's state.
    if (user.role === Role.Team && bid.participant) return 'allowed';
    const gate = await readChallengeLocked(em, bid.challenge_id, 'none');
    if (!gate) return 'hidden';
    const assigned = await isAssignedReviewer(em, bid.challenge_id, user);
    const conflicted = assigned ? await isConflictedReviewer(em, bidId, user) : false;
    return accessToBidDocuments(user, {
      participant: bid.participant,
      unsealed: gate.unsealed,
      agencyOrganizationId: gate.agency_organization_id,
      assignedReviewer: assigned,
      conflicted,
    });
  }
}
