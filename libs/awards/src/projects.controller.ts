import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { Idempotent } from '@app/common/idempotency';
import { ListProjectsQuery, ObjectionDto, ProgramManagerDto, ResolveObjectionDto } from './dto/award.dto';
import { ObjectionPage, ObjectionView, ProjectPage, ProjectView, ResolutionView } from './dto/views';
import { ObjectionsService } from './objections.service';
import { ProjectsService } from './projects.service';

/** Projects (立项), their program managers, and objections during publicity. */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly objections: ObjectionsService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The projects you may see: your organisation’s (team), yours (program manager), your challenges’ (agency), all (admin).',
  })
  @ApiOkResponse({ type: ProjectPage })
  list(@Query() query: ListProjectsQuery, @CurrentUser() user: AuthUser): Promise<ProjectPage> {
    return this.projects.list(user, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One project with its milestones (its team, its program manager, its agency, admins; 404 for anyone else).',
  })
  @ApiOkResponse({ type: ProjectView })
  get(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<ProjectView> {
    return this.projects.get(id, user);
  }

  @Roles(Role.Agency)
  @Put(':id/program-manager')
  @ApiOperation({ summary: 'Assign or replace the project’s program manager (its challenge’s agency).' })
  @ApiOkResponse({ type: ProjectView })
  assign(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ProgramManagerDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ProjectView> {
    return this.projects.assignProgramManager(id, dto, user);
  }

  @Post(':id/objections')
  @HttpCode(201)
  @ApiOperation({ summary: 'Lodge an objection to an award during its publicity period (anyone signed in).' })
  @ApiCreatedResponse({ type: ObjectionView })
  object(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ObjectionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ObjectionView> {
    return this.objections.lodge(id, dto, user);
  }

  @Get(':id/objections')
  @ApiOperation({ summary: 'Objections to a project: all for its agency and admins, your own for anyone else.' })
  @ApiOkResponse({ type: ObjectionPage })
  objectionsOf(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<ObjectionPage> {
    return this.objections.list(id, user);
  }

  @Roles(Role.Agency)
  @Post(':id/objections/:oid/resolve')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary:
      'Resolve an objection (its challenge’s agency): upheld revokes the award and returns its money to the budget; dismissed lets it proceed.',
  })
  @ApiOkResponse({ type: ResolutionView })
  resolve(
    @Param('id', UuidParam('id')) id: string,
    @Param('oid', UuidParam('oid')) oid: string,
    @Body() dto: ResolveObjectionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ResolutionView> {
    return this.objections.resolve(id, oid, dto, user);
  }
}
