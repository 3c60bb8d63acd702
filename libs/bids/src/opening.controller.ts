import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { BidOpeningService } from './bid-opening';
import { OpeningView } from './dto/opening';

/** The bid opening (开标) of a challenge, recorded at its deadline. */
@ApiTags('bids')
@ApiBearerAuth()
@Controller('challenges/:id/opening')
export class OpeningController {
  constructor(private readonly opening: BidOpeningService) {}

  @Public()
  @Get()
  @ApiOperation({
    summary: 'The bid-opening record (开标记录) written when the challenge closed at its deadline.',
    description:
      'The challenge’s agency sees every live bid: organisation, submission time, receipt hash and each file’s name, size, ' +
      'SHA-256 and role. A bidding organisation’s team sees its own entries and the number of bids. Anyone else sees only the ' +
      'number of bids, once the results are published (challenge awarded or completed); before that 404 ' +
      '`bids.opening_not_public`. Before the close: 404 `bids.not_opened`.',
  })
  @ApiOkResponse({ type: OpeningView })
  get(@Param('id', UuidParam('id')) id: string, @CurrentUser() user?: AuthUser): Promise<OpeningView> {
    return this.opening.get(id, user);
  }
}
