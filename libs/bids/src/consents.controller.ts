import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { ConsentsService } from './consents.service';
import { ConsentRequestListView, ConsentRequestView, DeclineConsentDto } from './dto/consent';

/** Consortium consent: a member organisation's team users answer the bids that name it. */
@ApiTags('bids')
@ApiBearerAuth()
@Roles(Role.Team)
@Controller('consent-requests')
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get()
  @ApiOperation({
    summary: 'The consent requests addressed to your organisation (team): bids that name it as a consortium member.',
    description: 'Each shows the challenge, the lead and your own share; never the bid’s contents or the other members (sealed).',
  })
  @ApiOkResponse({ type: ConsentRequestListView })
  list(@CurrentUser() user: AuthUser): Promise<ConsentRequestListView> {
    return this.consents.list(user);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One consent request of your organisation (404 for anyone else’s).' })
  @ApiOkResponse({ type: ConsentRequestView })
  get(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<ConsentRequestView> {
    return this.consents.get(id, user);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept your organisation’s place in the bid, before the deadline (409 after).',
    description: 'Audited. A bid is opened at the deadline only if every member accepted.',
  })
  @ApiOkResponse({ type: ConsentRequestView })
  accept(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<ConsentRequestView> {
    return this.consents.answer(id, 'accepted', null, user);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decline your organisation’s place in the bid, with an optional reason for the lead, before the deadline (409 after).',
    description: 'Audited (the ledger records that a reason was given, not the reason). The lead sees the decline on its bid.',
  })
  @ApiOkResponse({ type: ConsentRequestView })
  decline(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DeclineConsentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConsentRequestView> {
    const reason = dto.reason?.trim() ? dto.reason.trim() : null;
    return this.consents.answer(id, 'declined', reason, user);
  }
}
