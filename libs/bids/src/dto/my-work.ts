import { ApiProperty } from '@nestjs/swagger';
import { CHALLENGE_STATUSES, type ChallengeStatus } from '@app/challenges';
import { BID_STATUSES, type BidStatus } from '../bid.entity';

/** One of the caller organisation's bids, with its challenge: no proposal, milestones or consortium (see GET /bids/:id). */
export class MyBidView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() challengeTitle: string;
  @ApiProperty({ enum: CHALLENGE_STATUSES }) challengeStatus: ChallengeStatus;
  @ApiProperty() bidDeadline: string;
  @ApiProperty({
    enum: ['lead', 'member'],
    description: 'lead: the organisation’s own bid; member: it is in the bid’s consortium.',
  })
  role: 'lead' | 'member';
  @ApiProperty({ enum: BID_STATUSES }) status: BidStatus;
  @ApiProperty() requestedFundingFen: number;
  @ApiProperty() totalInvestmentFen: number;
  @ApiProperty() receiptHash: string;
  @ApiProperty() revision: number;
  @ApiProperty() submittedAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;
}

export class MyBidPage {
  @ApiProperty({ type: [MyBidView], description: 'Latest submission first.' }) items: MyBidView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A challenge the caller reviews, with counts only. */
export class ReviewAssignmentView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CHALLENGE_STATUSES }) status: ChallengeStatus;
  @ApiProperty() bidDeadline: string;
  @ApiProperty({ description: 'The bid deadline has passed (database clock): the bids may be read and scored.' })
  unsealed: boolean;
  @ApiProperty() assignedAt: string;
  @ApiProperty({ nullable: true, type: String }) panelClosedAt: string | null;
  @ApiProperty({ description: 'Live (not withdrawn) bids on the challenge: a count only.' }) bids: number;
  @ApiProperty({ description: 'Bids the caller has scored.' }) scored: number;
  @ApiProperty({ description: 'Conflicts of interest the caller declared.' }) conflicts: number;
}

export class ReviewAssignmentListView {
  @ApiProperty({ type: [ReviewAssignmentView], description: 'Newest assignment first.' }) items: ReviewAssignmentView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: null;
}
