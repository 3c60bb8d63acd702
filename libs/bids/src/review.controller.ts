import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser, Public, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { AssignReviewersDto, ConflictDto, CriteriaDto, RankingQuery, ScoreDto, ShortlistDto } from './dto/review.dto';
import {
  ConflictView,
  CriteriaView,
  MyScoresView,
  PanelView,
  RankingView,
  ReviewerListView,
  ScoreView,
  ShortlistView,
} from './dto/views';
import { ReviewService } from './review.service';

/** The review panel of a challenge. */
@ApiTags('review')
@ApiBearerAuth()
@Controller('challenges/:id')
export class ChallengeReviewController {
  constructor(private readonly review: ReviewService) {}

  @Public()
  @Get('criteria')
  @ApiOperation({
    summary: 'The scoring criteria (default technical 60 / team 20 / plan 20, with minimum scores), each with its name.',
  })
  @ApiOkResponse({ type: CriteriaView })
  criteria(@Param('id', UuidParam('id')) id: string, @CurrentUser() user?: AuthUser): Promise<CriteriaView> {
    return this.review.criteria(id, user);
  }

  @Roles(Role.Agency)
  @Put('criteria')
  @ApiOperation({
    summary:
      'Set the scoring criteria (its agency), before the bid deadline. Weights add up to 100; each criterion has a name (the defaults’ keys have built-in ones) and may have a description.',
  })
  @ApiOkResponse({ type: CriteriaView })
  setCriteria(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: CriteriaDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CriteriaView> {
    return this.review.setCriteria(id, dto, user);
  }

  @Roles(Role.Agency)
  @Post('reviewers')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign reviewers to the challenge (its agency); assigning one twice is harmless.' })
  @ApiOkResponse({ type: ReviewerListView })
  assign(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: AssignReviewersDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReviewerListView> {
    return this.review.assignReviewers(id, dto, user);
  }

  @Roles(Role.Agency, Role.Reviewer, Role.Auditor)
  @Get('reviewers')
  @ApiOperation({ summary: 'The panel’s reviewers (its agency, its reviewers and auditors).' })
  @ApiOkResponse({ type: ReviewerListView })
  reviewers(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<ReviewerListView> {
    return this.review.listReviewers(id, user);
  }

  @Roles(Role.Reviewer)
  @Get('my-scores')
  @ApiOperation({
    summary:
      'The caller’s own score sheets and declared conflicts on the challenge (an assigned reviewer); never other reviewers’.',
    description:
      'Per bid the caller scored: each criterion’s score, the comment, the revision. Empty before the bid deadline. ' +
      '`panelClosedAt` says whether the sheets can still change.',
  })
  @ApiOkResponse({ type: MyScoresView })
  myScores(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<MyScoresView> {
    return this.review.myScores(id, user);
  }

  @Roles(Role.Agency)
  @Post('panel/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close the review panel (its agency): only when every assigned, unconflicted reviewer has scored every bid.',
  })
  @ApiOkResponse({ type: PanelView })
  close(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<PanelView> {
    return this.review.closePanel(id, user);
  }

  @Roles(Role.Agency, Role.Reviewer, Role.Auditor)
  @Get('ranking')
  @ApiOperation({
    summary: 'The ranking, best first, with each bid’s scores and eligibility.',
    description:
      'Per criterion a trimmed mean (one highest and one lowest dropped) with at least four reviewers, the plain mean otherwise; ' +
      '`normalize=z` normalises each reviewer’s scores to z-scores first. Ties: eligible first, higher score, higher score on the ' +
      'heaviest criterion, lower request, earlier submission, bid id. Its agency and auditors after the deadline; its reviewers once the panel has closed.',
  })
  @ApiOkResponse({ type: RankingView })
  ranking(
    @Param('id', UuidParam('id')) id: string,
    @Query() query: RankingQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<RankingView> {
    return this.review.ranking(id, query, user);
  }

  @Roles(Role.Agency)
  @Post('shortlist')
  @HttpCode(200)
  @ApiOperation({ summary: 'Shortlist eligible bids (its agency), after the panel has closed.' })
  @ApiOkResponse({ type: ShortlistView })
  shortlist(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ShortlistDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ShortlistView> {
    return this.review.shortlist(id, dto, user);
  }
}

/** What a reviewer does to one bid. */
@ApiTags('review')
@ApiBearerAuth()
@Controller('bids/:id')
export class BidReviewController {
  constructor(private readonly review: ReviewService) {}

  @Roles(Role.Reviewer)
  @Post('conflicts')
  @HttpCode(201)
  @ApiOperation({ summary: 'Declare a conflict of interest with a bid (assigned reviewer): you will neither see nor score it.' })
  @ApiCreatedResponse({ type: ConflictView })
  conflict(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ConflictDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConflictView> {
    return this.review.declareConflict(id, dto, user);
  }

  @Roles(Role.Reviewer)
  @Post('scores')
  @ApiOperation({
    summary: 'Score a bid (assigned, unconflicted reviewer, after the deadline): 201 the first time, 200 for a revision.',
  })
  @ApiCreatedResponse({ type: ScoreView })
  async score(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ScoreDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScoreView> {
    const { created, view } = await this.review.score(id, dto, user);
    void reply.status(created ? 201 : 200);
    return view;
  }
}
