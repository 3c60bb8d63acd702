import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/** `PUT /challenges/:id/bid-draft`: the team's unfinished form, as its web app keeps it. */
export class BidDraftDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Any JSON object up to 64 KiB: the server seals it without reading it. The bid rules judge the bid when it is submitted.',
  })
  @IsObject()
  content: Record<string, unknown>;
}

/** The organisation's own draft (only its team users ever read it). */
export class BidDraftView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) content: Record<string, unknown>;
  @ApiProperty() savedAt: string;
  @ApiProperty({ description: 'The team user who saved this version.' }) savedByName: string;
}

/** A draft in the organisation's list: where and when, never its content. */
export class BidDraftSummaryView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() challengeTitle: string;
  @ApiProperty() bidDeadline: string;
  @ApiProperty() savedAt: string;
  @ApiProperty() savedByName: string;
}

export class BidDraftListView {
  @ApiProperty({ type: [BidDraftSummaryView], description: 'Drafts on challenges still open, nearest deadline first.' })
  items: BidDraftSummaryView[];
}

/** `GET /challenges/:id/bid-draft`: the draft, or null when none is saved (not a 404: having none is normal). */
export class BidDraftStateView {
  @ApiProperty({ type: BidDraftView, nullable: true }) draft: BidDraftView | null;
}
