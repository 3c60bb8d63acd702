import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { Idempotent } from '@app/common/idempotency';
import { StageNumber, StageParam } from './awards.controller';
import { GateObjectionDto, ResolveGateObjectionDto } from './dto/award.dto';
import { GateObjectionPage, GateObjectionView, GateResolutionView } from './dto/views';
import { GateObjectionsService } from './gate-objections.service';

/** Objections to a stage gate's result during its publicity period (libs/awards/README.md). */
@ApiTags('awards')
@ApiBearerAuth()
@Controller('challenges/:id/stages/:n/gate/objections')
export class GateObjectionsController {
  constructor(private readonly objections: GateObjectionsService) {}

  @Roles(Role.Team)
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Object to the gate’s result (the lead organisation of a project it would stop), during its publicity period.',
    description:
      '409 `awards.gate_publicity_over` after the period, `awards.gate_not_stopping` for a project the gate does not stop, ' +
      '`awards.gate_objection_open` while the project has one open; 403 `awards.not_project_lead` for anyone but its lead organisation.',
  })
  @ApiCreatedResponse({ type: GateObjectionView })
  lodge(
    @Param('id', UuidParam('id')) id: string,
    @Param('n', StageParam()) n: StageNumber,
    @Body() dto: GateObjectionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GateObjectionView> {
    return this.objections.lodge(id, n, dto, user);
  }

  @Get()
  @ApiOperation({ summary: 'The gate’s objections: all for its agency and admins; a team sees those about its own projects.' })
  @ApiOkResponse({ type: GateObjectionPage })
  list(
    @Param('id', UuidParam('id')) id: string,
    @Param('n', StageParam()) n: StageNumber,
    @CurrentUser() user: AuthUser,
  ): Promise<GateObjectionPage> {
    return this.objections.list(id, n, user);
  }

  @Roles(Role.Agency)
  @Post(':oid/resolve')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Resolve an objection to the gate (its agency): upheld → the project advances; dismissed → the result stands.',
    description:
      'Upheld while every slot is taken needs `stopInstead` (409 `awards.gate_slots_full`): that advancing project is stopped ' +
      'instead and the publicity period runs again from now so it may object. The last resolution after the period makes the gate final.',
  })
  @ApiOkResponse({ type: GateResolutionView })
  resolve(
    @Param('id', UuidParam('id')) id: string,
    @Param('n', StageParam()) n: StageNumber,
    @Param('oid', UuidParam('oid')) oid: string,
    @Body() dto: ResolveGateObjectionDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GateResolutionView> {
    return this.objections.resolve(id, n, oid, dto, user);
  }
}
