import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { BidsService } from './bids.service';
import { BidDto, ProposalDto } from './dto/bid.dto';
import { ListBidsQuery } from './dto/review.dto';
import { BidListView, BidView } from './dto/views';

/** Sealed bids on a challenge. */
@ApiTags('bids')
@ApiBearerAuth()
@ApiExtraModels(ProposalDto)
@Controller('challenges/:id/bids')
export class BidsController {
  constructor(private readonly bids: BidsService) {}

  @Roles(Role.Team)
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Submit a sealed bid for your organisation (team), before the deadline.',
    description:
      'One live bid per organisation per challenge (409 for a second). 422 when the request breaks the track’s funding rule, ' +
      'the per-award maximum or the budget. The answer carries the receipt: the SHA-256 of the canonical bid and the server time.',
  })
  @ApiCreatedResponse({ type: BidView })
  submit(@Param('id', UuidParam('id')) id: string, @Body() dto: BidDto, @CurrentUser() user: AuthUser): Promise<BidView> {
    return this.bids.submit(id, dto, user);
  }

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Bids of a challenge: sealed before the deadline.',
    description:
      'Before the deadline a team sees its own bids and everyone else `{items: [], count}`. After it, the challenge’s agency and its ' +
      'assigned reviewers (except on bids they have a conflict with) see every live bid. `count` is the number of live bids.',
  })
  @ApiOkResponse({ type: BidListView })
  list(
    @Param('id', UuidParam('id')) id: string,
    @Query() query: ListBidsQuery,
    @CurrentUser() user?: AuthUser,
  ): Promise<BidListView> {
    return this.bids.list(id, query, user);
  }

  @Get(':bidId')
  @ApiOperation({
    summary: 'One bid: its organisation always; after the deadline its challenge’s agency and unconflicted reviewers.',
  })
  @ApiOkResponse({ type: BidView })
  get(
    @Param('id', UuidParam('id')) id: string,
    @Param('bidId', UuidParam('bidId')) bidId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<BidView> {
    return this.bids.get(id, bidId, user);
  }

  @Roles(Role.Team)
  @Put(':bidId')
  @ApiOperation({ summary: 'Replace your bid (team), before the deadline; a new receipt is issued.' })
  @ApiOkResponse({ type: BidView })
  replace(
    @Param('id', UuidParam('id')) id: string,
    @Param('bidId', UuidParam('bidId')) bidId: string,
    @Body() dto: BidDto,
    @CurrentUser() user: AuthUser,
  ): Promise<BidView> {
    return this.bids.replace(id, bidId, dto, user);
  }

  @Roles(Role.Team)
  @Post(':bidId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw your bid (team), before the deadline.' })
  @ApiOkResponse({ type: BidView })
  withdraw(
    @Param('id', UuidParam('id')) id: string,
    @Param('bidId', UuidParam('bidId')) bidId: string,
    @CurrentUser() user: AuthUser,
  ): Promise<BidView> {
    return this.bids.withdraw(id, bidId, user);
  }
}

/** A bid by its own id (same sealing as under its challenge). */
@ApiTags('bids')
@ApiBearerAuth()
@Controller('bids')
export class BidByIdController {
  constructor(private readonly bids: BidsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'One bid by id: same access as GET /challenges/:id/bids/:bidId.' })
  @ApiOkResponse({ type: BidView })
  get(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<BidView> {
    return this.bids.get(null, id, user);
  }
}
