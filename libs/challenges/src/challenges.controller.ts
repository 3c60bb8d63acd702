import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { ChallengesService } from './challenges.service';
import { CreateChallengeDto } from './dto/create-challenge.dto';
import { CancelChallengeDto, ExtendDeadlineDto } from './dto/deadline.dto';
import { ListChallengesQuery } from './dto/list-challenges.query';
import { UpdateChallengeDto } from './dto/update-challenge.dto';
import { ChallengePage, ChallengeView } from './dto/views';

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges')
export class ChallengesController {
  constructor(private readonly challenges: ChallengesService) {}

  @Roles(Role.Agency)
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a draft challenge (agency).' })
  @ApiCreatedResponse({ type: ChallengeView })
  create(@Body() dto: CreateChallengeDto, @CurrentUser() user: AuthUser): Promise<ChallengeView> {
    return this.challenges.create(dto, user);
  }

  @Public()
  @Get()
  @ApiOperation({
    summary: 'List challenges (public: published and later).',
    description:
      'Filters combine with AND. `status=draft` lists the drafts the caller may see (an agency’s own); ' +
      '`mine=true` (agency) lists only the caller’s challenges, drafts included. Cursor pagination: pass `nextCursor` back as `cursor`.',
  })
  @ApiOkResponse({ type: ChallengePage })
  async list(
    @Query() query: ListChallengesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentUser() user?: AuthUser,
  ): Promise<string> {
    // The service hands back the page as JSON text, built by Postgres (see ChallengesService.list).
    const body = await this.challenges.list(query, user);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return body;
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'One challenge (public once published; a draft only to its agency and admins).' })
  @ApiOkResponse({ type: ChallengeView })
  get(@Param('id', UuidParam('id')) id: string, @CurrentUser() user?: AuthUser): Promise<ChallengeView> {
    return this.challenges.get(id, user);
  }

  @Roles(Role.Agency)
  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (its agency); the merged challenge is validated again.' })
  @ApiOkResponse({ type: ChallengeView })
  update(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateChallengeDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ChallengeView> {
    return this.challenges.update(id, dto, user);
  }

  @Roles(Role.Agency)
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft (its agency): the deadline must be at least MIN_BID_WINDOW away.' })
  @ApiOkResponse({ type: ChallengeView })
  publish(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<ChallengeView> {
    return this.challenges.publish(id, user);
  }

  @Roles(Role.Agency)
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a draft, a published or a closed challenge (its agency).' })
  @ApiOkResponse({ type: ChallengeView })
  cancel(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: CancelChallengeDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ChallengeView> {
    return this.challenges.cancel(id, user, dto.reason);
  }

  @Roles(Role.Agency)
  @Post(':id/extend-deadline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the bid deadline of a published challenge (its agency): later only, before it passes.' })
  @ApiOkResponse({ type: ChallengeView })
  extend(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ExtendDeadlineDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ChallengeView> {
    return this.challenges.extendDeadline(id, dto, user);
  }
}
