import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import {
  ChangeDecisionDto,
  ChangeRequestDto,
  NotificationsQuery,
  PortfolioQuery,
  ReviewDto,
  SubmissionDto,
} from './dto/milestones.dto';
import {
  ChangeDecisionView,
  ChangeRequestListView,
  ChangeRequestView,
  DisbursementListView,
  LedgerView,
  NotificationListView,
  NotificationView,
  PortfolioView,
  ReviewResultView,
  SubmissionListView,
  SubmittedView,
} from './dto/views';
import { ChangeRequestsService } from './change-requests.service';
import { MilestonesService } from './milestones.service';
import { NotificationsService } from './notifications.service';
import { PortfolioService } from './portfolio.service';

/** Milestone submissions, reviews, disbursements and plan changes of a project. */
@ApiTags('milestones')
@ApiBearerAuth()
@Controller('projects')
export class MilestonesController {
  constructor(
    private readonly milestones: MilestonesService,
    private readonly changes: ChangeRequestsService,
  ) {}

  @Roles(Role.Team)
  @Post(':id/milestones/:mid/submissions')
  @HttpCode(201)
  @ApiOperation({ summary: 'The team submits evidence for a milestone (scheduled, or overdue within the grace period).' })
  @ApiCreatedResponse({ type: SubmittedView })
  submit(
    @Param('id', UuidParam('id')) id: string,
    @Param('mid', UuidParam('mid')) mid: string,
    @Body() dto: SubmissionDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.milestones.submit(id, mid, dto, user);
  }

  @Get(':id/milestones/:mid/submissions')
  @ApiOperation({ summary: 'The submissions of a milestone and their reviews (its team, program manager, agency).' })
  @ApiOkResponse({ type: SubmissionListView })
  submissions(
    @Param('id', UuidParam('id')) id: string,
    @Param('mid', UuidParam('mid')) mid: string,
    @CurrentUser() user: AuthUser,
  ) {
    return this.milestones.submissions(id, mid, user);
  }

  @Roles(Role.ProgramManager)
  @Post(':id/milestones/:mid/review')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The program manager reviews: accept → met (tranche scheduled), partial → partially_met (reduced tranche), reject → back to the team.',
  })
  @ApiOkResponse({ type: ReviewResultView })
  review(
    @Param('id', UuidParam('id')) id: string,
    @Param('mid', UuidParam('mid')) mid: string,
    @Body() dto: ReviewDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.milestones.review(id, mid, dto, user);
  }

  @Get(':id/disbursements')
  @ApiOperation({ summary: 'The project’s disbursements (scheduled, paid, cancelled, blocked).' })
  @ApiOkResponse({ type: DisbursementListView })
  disbursements(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser) {
    return this.milestones.disbursements(id, user);
  }

  @Roles(Role.Team, Role.ProgramManager)
  @Post(':id/milestones/:mid/change-requests')
  @HttpCode(201)
  @ApiOperation({ summary: 'Ask to move a milestone’s due date or tranche; the program manager decides.' })
  @ApiCreatedResponse({ type: ChangeRequestView })
  requestChange(
    @Param('id', UuidParam('id')) id: string,
    @Param('mid', UuidParam('mid')) mid: string,
    @Body() dto: ChangeRequestDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.changes.requestChange(id, mid, dto, user);
  }

  @Roles(Role.ProgramManager)
  @Post(':id/change-requests/:cid/decision')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The program manager approves or rejects a plan change (never beyond the grant or the funding rule).',
  })
  @ApiOkResponse({ type: ChangeDecisionView })
  decideChange(
    @Param('id', UuidParam('id')) id: string,
    @Param('cid', UuidParam('cid')) cid: string,
    @Body() dto: ChangeDecisionDto,
    @CurrentUser() user: AuthUser,
  ) {
    return this.changes.decideChange(id, cid, dto, user);
  }

  @Get(':id/change-requests')
  @ApiOperation({
    summary: 'The plan change requests of a project, pending first, then newest (its team, program manager, agency).',
  })
  @ApiOkResponse({ type: ChangeRequestListView })
  changeRequests(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser) {
    return this.changes.changeRequests(id, user);
  }
}

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller()
export class PortfolioController {
  constructor(
    private readonly portfolioService: PortfolioService,
    private readonly notifications: NotificationsService,
  ) {}

  @Roles(Role.ProgramManager, Role.Agency, Role.Admin)
  @Get('portfolio')
  @ApiOperation({
    summary:
      'Projects with next milestone, due in 30 days, overdue, awaiting review, money and health (PM: own; agency: its challenges).',
  })
  @ApiOkResponse({ type: PortfolioView })
  portfolio(@Query() query: PortfolioQuery, @CurrentUser() user: AuthUser) {
    return this.portfolioService.portfolio(user, query);
  }

  @Roles(Role.Agency, Role.Admin)
  @Get('ledger')
  @ApiOperation({ summary: 'Money awarded and paid per challenge, per industry and per year.' })
  @ApiOkResponse({ type: LedgerView })
  ledger(@CurrentUser() user: AuthUser) {
    return this.portfolioService.ledger(user);
  }

  @Get('notifications')
  @ApiOperation({
    summary: 'Your notifications (team users: also your organisation’s), newest first, in pages; with your unread count.',
  })
  @ApiOkResponse({ type: NotificationListView })
  list(@Query() query: NotificationsQuery, @CurrentUser() user: AuthUser) {
    return this.notifications.list(user, query.unread === 'true', query.limit ?? 50, query.cursor);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read.' })
  @ApiOkResponse({ type: NotificationView })
  read(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser) {
    return this.notifications.markRead(user, id);
  }
}
