import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { AgencyListView, AgencyView, RegisterAgencyDto, UpdateAgencyDto } from '../dto/agency.dto';
import { AgenciesService } from './agencies.service';

/** Agency organisations and their officers (admin). Their name and code are also public: GET /organizations/{id}. */
@ApiTags('identity')
@ApiBearerAuth()
@Roles(Role.Admin)
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @ApiOperation({ summary: 'Agency organisations, by name, with their number of active officers (admin).' })
  @ApiOkResponse({ type: AgencyListView })
  list(): Promise<AgencyListView> {
    return this.agencies.list();
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register an agency organisation (admin).',
    description:
      'The code must be a valid GB 32100 code of the establishment administration (starts with `1`): ' +
      '400 `identity.invalid_credit_code` or `identity.not_an_agency_code` naming `creditCode`; 409 when registered already.',
  })
  @ApiCreatedResponse({ type: AgencyView })
  register(@Body() dto: RegisterAgencyDto, @CurrentUser() me: AuthUser): Promise<AgencyView> {
    return this.agencies.register(dto, me.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: AgencyView })
  get(@Param('id', UuidParam('id')) id: string): Promise<AgencyView> {
    return this.agencies.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename an agency or set its code (verifies an agency moved over without one) (admin).' })
  @ApiOkResponse({ type: AgencyView })
  update(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateAgencyDto,
    @CurrentUser() me: AuthUser,
  ): Promise<AgencyView> {
    return this.agencies.update(id, dto, me.id);
  }

  @Put(':id/officers/:userId')
  @ApiOperation({
    summary: 'Make an agency user an officer of this agency, moving them from any other (admin).',
    description: 'Officers of one agency all manage its challenges. 400 `identity.not_an_agency_user` for another role.',
  })
  @ApiOkResponse({ type: AgencyView })
  addOfficer(
    @Param('id', UuidParam('id')) id: string,
    @Param('userId', UuidParam('userId')) userId: string,
    @CurrentUser() me: AuthUser,
  ): Promise<AgencyView> {
    return this.agencies.addOfficer(id, userId, me.id);
  }

  @Delete(':id/officers/:userId')
  @ApiOperation({ summary: 'Take an officer out of the agency: they act for no agency until added to one (admin).' })
  @ApiOkResponse({ type: AgencyView })
  removeOfficer(
    @Param('id', UuidParam('id')) id: string,
    @Param('userId', UuidParam('userId')) userId: string,
    @CurrentUser() me: AuthUser,
  ): Promise<AgencyView> {
    return this.agencies.removeOfficer(id, userId, me.id);
  }
}
