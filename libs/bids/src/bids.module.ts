import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { DocumentsModule } from '@app/documents';
import { FundingRulesModule } from '@app/funding-rules';
import { BidMilestone } from './bid-milestone.entity';
import { BidParticipant } from './bid-participant.entity';
import { Bid } from './bid.entity';
import { BidByIdController, BidsController } from './bids.controller';
import { BidChecker } from './bid-check';
import { BidDocument } from './bid-document.entity';
import { BidDocumentAccess } from './bid-document-access';
import { BidOpeningService } from './bid-opening';
import { BidOutcomesService } from './bid-outcomes.service';
import { BidsService } from './bids.service';
import { MyBidsController, ReviewAssignmentsController } from './my-work.controller';
import { MyWorkService } from './my-work.service';
import { OpeningController } from './opening.controller';
import { BidReviewController, ChallengeReviewController } from './review.controller';
import { BidConflict, BidScore, PanelReviewer, ReviewPanel } from './review.entity';
import { BidConsent } from './bid-consent.entity';
import { BidDraft } from './drafts/bid-draft.entity';
import { BidDraftController, BidDraftsController } from './drafts/bid-drafts.controller';
import { BidDraftsService } from './drafts/bid-drafts.service';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';
import { PublishedFactsCache } from './published-facts';
import { ReviewService } from './review.service';
import { SealedBidsService } from './sealed-bids.service';
import { ReceiptsController } from './receipts.controller';

/**
 * Sealed bids, consortia, documents (their access rule is registered with the documents library at
 * start-up), reviewers, conflicts of interest, scores, ranking and the bid-opening record.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Bid,
      BidMilestone,
      BidParticipant,
      BidConsent,
      BidDraft,
      BidDocument,
      ReviewPanel,
      PanelReviewer,
      BidConflict,
      BidScore,
    ]),
    FundingRulesModule,
    AuditModule,
    DocumentsModule,
  ],
  controllers: [
    MyBidsController,
    BidsController,
    BidByIdController,
    ChallengeReviewController,
    BidReviewController,
    ReviewAssignmentsController,
    OpeningController,
    ConsentsController,
    ReceiptsController,
    BidDraftController,
    BidDraftsController,
  ],
  providers: [
    BidsService,
    BidChecker,
    BidOutcomesService,
    PublishedFactsCache,
    SealedBidsService,
    ReviewService,
    MyWorkService,
    BidDocumentAccess,
    BidOpeningService,
    ConsentsService,
    BidDraftsService,
  ],
  exports: [BidsService, ReviewService],
})
export class BidsModule {}
