export * from './bids.module';
export { BidsJobsModule } from './bids-jobs.module';
export { BidsService } from './bids.service';
export type { BidForAward } from './bid-outcomes.service';
export { ReviewService } from './review.service';
export { Bid, BID_STATUSES, LIVE_BID_STATUSES } from './bid.entity';
export type { BidStatus } from './bid.entity';
export * from './repositories/bid-outcomes.repository';
export * from './repositories/bids-for-open-data.repository';
