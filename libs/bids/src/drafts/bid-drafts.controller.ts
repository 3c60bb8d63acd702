import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { BidDraftDto, BidDraftListView, BidDraftStateView, BidDraftView } from '../dto/draft';
import { BidDraftsService } from './bid-drafts.service';

/** A team's unfinished bid on a challenge: saved, resumed, discarded; sealed for its organisation alone. */
@ApiTags('bids')
@ApiBearerAuth()
@Roles(Role.Team)
@Controller('challenges/:id/bid-draft')
export class BidDraftController {
  constructor(private readonly drafts: BidDraftsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your organisation’s saved draft on the challenge (team), while it is open; `{draft: null}` when there is none.',
    description:
      'Only your organisation’s team users read it: never the agency, reviewers or auditors, before or after the deadline.',
  })
  @ApiOkResponse({ type: BidDraftStateView })
  get(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<BidDraftStateView> {
    return this.drafts.get(id, user);
  }

  @Put()
  @ApiOperation({
    summary: 'Save your organisation’s draft (team), before the deadline; replaces the one saved before.',
    description:
      'Sealed at rest (AES-256-GCM, the documents’ key ring). Deleted when your organisation submits a bid, and at the deadline. ' +
      'A draft is not a bid: it is never opened, reviewed or counted.',
  })
  @ApiOkResponse({ type: BidDraftView })
  save(@Param('id', UuidParam('id')) id: string, @Body() dto: BidDraftDto, @CurrentUser() user: AuthUser): Promise<BidDraftView> {
    return this.drafts.save(id, dto, user);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Discard your organisation’s draft (team); 204 whether or not there was one.' })
  @ApiNoContentResponse()
  discard(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.drafts.discard(id, user);
  }
}

/** The organisation's drafts across challenges. */
@ApiTags('bids')
@ApiBearerAuth()
@Roles(Role.Team)
@Controller('bid-drafts')
export class BidDraftsController {
  constructor(private readonly drafts: BidDraftsService) {}

  @Get()
  @ApiOperation({ summary: 'Your organisation’s drafts on open challenges (team), nearest deadline first; never their content.' })
  @ApiOkResponse({ type: BidDraftListView })
  list(@CurrentUser() user: AuthUser): Promise<BidDraftListView> {
    return this.drafts.list(user);
  }
}
