import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { PageQuery } from '@app/common/http';
import { MyBidPage, ReviewAssignmentListView } from './dto/my-work';
import { MyWorkService } from './my-work.service';

/** A team's bids across challenges. */
@ApiTags('bids')
@ApiBearerAuth()
@Controller('bids')
export class MyBidsController {
  constructor(private readonly mine: MyWorkService) {}

  @Roles(Role.Team)
  @Get()
  @ApiOperation({
    summary: 'Your organisation’s bids across all challenges (team), latest submission first.',
    description:
      'The bids your organisation leads (`role: lead`) or is a consortium member of (`role: member`), withdrawn ones included, ' +
      'with their challenge’s title, status and deadline. Never another organisation’s bids. Keyset pages: `cursor`, `limit` ≤ 100.',
  })
  @ApiOkResponse({ type: MyBidPage })
  list(@Query() query: PageQuery, @CurrentUser() user: AuthUser): Promise<MyBidPage> {
    return this.mine.myBids(query, user);
  }
}

/** A reviewer's assignments. */
@ApiTags('review')
@ApiBearerAuth()
@Controller('review')
export class ReviewAssignmentsController {
  constructor(private readonly mine: MyWorkService) {}

  @Roles(Role.Reviewer)
  @Get('assignments')
  @ApiOperation({
    summary: 'The challenges you are assigned to review (reviewer), newest assignment first.',
    description:
      'Counts only: live bids on the challenge, the bids you have scored and the conflicts you declared. No bid data (read the ' +
      'bids through GET /challenges/:id/bids once `unsealed`).',
  })
  @ApiOkResponse({ type: ReviewAssignmentListView })
  list(@CurrentUser() user: AuthUser): Promise<ReviewAssignmentListView> {
    return this.mine.assignments(user);
  }
}
