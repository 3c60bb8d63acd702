import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { RegisterOrganizationDto } from '../dto/register-organization.dto';
import { OrganizationView, RegisteredOrganizationView, UserView } from '../dto/views';
import { Language } from '../passwords/language';
import { ReaderLanguage } from '../passwords/reader-language.decorator';
import { OrganizationsService } from './organizations.service';
import { RegistrationRateLimit } from './registration-rate-limit.guard';

@ApiTags('identity')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Public()
  @UseGuards(RegistrationRateLimit)
  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register an applicant organisation with its first user (public).',
    description:
      'Limited per client address (429 `identity.registration_throttled` with Retry-After). A weak ' +
      '`admin.password` is refused with a 400 whose field errors carry a `reason`.',
  })
  @ApiCreatedResponse({ type: RegisteredOrganizationView })
  async register(
    @Body() dto: RegisterOrganizationDto,
    @ReaderLanguage() language: Language,
  ): Promise<RegisteredOrganizationView> {
    const { organization, admin } = await this.organizations.register(dto, language);
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
