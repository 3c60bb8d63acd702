import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { FundingRulesModule } from '@app/funding-rules';
import { BidMilestone } from './bid-milestone.entity';
import { BidParticipant } from './bid-participant.entity';
import { Bid } from './bid.entity';
import { BidByIdController, BidsController } from './bids.controller';
import { BidChecker } from './bid-check';
import { BidOutcomesService } from './bid-outcomes.service';
import { BidsService } from './bids.service';
import { MyBidsController, ReviewAssignmentsController } from './my-work.controller';
import { MyWorkService } from './my-work.service';
import { BidReviewController, ChallengeReviewController } from './review.controller';
import { BidConflict, BidScore, PanelReviewer, ReviewPanel } from './review.entity';
import { PublishedFactsCache } from './published-facts';
import { ReviewService } from './review.service';
import { SealedBidsService } from './sealed-bids.service';

/** Sealed bids, consortia, reviewers, conflicts of interest, scores and ranking. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Bid, BidMilestone, BidParticipant, ReviewPanel, PanelReviewer, BidConflict, BidScore]),
    FundingRulesModule,
    AuditModule,
  ],
  controllers: [
    MyBidsController,
    BidsController,
    BidByIdController,
    ChallengeReviewController,
    BidReviewController,
    ReviewAssignmentsController,
  ],
  providers: [BidsService, BidChecker, BidOutcomesService, PublishedFactsCache, SealedBidsService, ReviewService, MyWorkService],
  exports: [BidsService, ReviewService],
})
export class BidsModule {}
