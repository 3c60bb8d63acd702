import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { RegisterOrganizationDto } from '../dto/register-organization.dto';
import { OrganizationView, RegisteredOrganizationView, UserView } from '../dto/views';
import { OrganizationsService } from './organizations.service';

@ApiTags('identity')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Public()
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an applicant organisation with its first user (public).' })
  @ApiCreatedResponse({ type: RegisteredOrganizationView })
  async register(@Body() dto: RegisterOrganizationDto): Promise<RegisteredOrganizationView> {
    const { organization, admin } = await this.organizations.register(dto);
    return { ...OrganizationView.of(organization), admin: UserView.of(admin) };
  }

  /** Name, kind and credit code of an organisation are public registry data in China. */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: OrganizationView })
  async get(@Param('id', UuidParam('id')) id: string): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.get(id));
  }
}
