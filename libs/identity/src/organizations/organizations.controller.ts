import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Public, Role, Roles } from '@app/common/auth';
import { PageQuery, UuidParam } from '@app/common/http';
import { RegisterOrganizationDto } from '../dto/register-organization.dto';
import { ListedOrganizationView, OrganizationPage, OrganizationView, RegisteredOrganizationView, UserView } from '../dto/views';
import { Language } from '../passwords/language';
import { ReaderLanguage } from '../passwords/reader-language.decorator';
import { ORGANIZATION_KINDS, OrganizationKind } from './organization.entity';
import { OrganizationsService } from './organizations.service';
import { RegistrationRateLimit } from './registration-rate-limit.guard';

class OrganizationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS, { message: `must be one of ${ORGANIZATION_KINDS.join(', ')}` })
  kind?: OrganizationKind;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'A part of the name or of the unified social credit code (case-insensitive).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

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

  /**
   * The registry as the admin (and the auditor, who oversees it) sees it: every organisation with
   * its number of user accounts. Other roles get 403: one organisation is public by its id, the
   * list of who registered (and when) is not.
   */
  @ApiBearerAuth()
  @Roles(Role.Admin, Role.Auditor)
  @Get()
  @ApiOperation({
    summary: 'Registered organisations, newest first, searched by name or credit code, filtered by kind (admin, auditor).',
  })
  @ApiOkResponse({ type: OrganizationPage })
  async list(@Query() query: OrganizationListQuery): Promise<OrganizationPage> {
    const page = await this.organizations.list(query);
    return { items: page.items.map(ListedOrganizationView.of), nextCursor: page.nextCursor };
  }

  /** Name, kind and credit code of an organisation are public registry data in China. */
  @Public()
  @Get(':id')
  @ApiOkResponse({ type: OrganizationView })
  async get(@Param('id', UuidParam('id')) id: string): Promise<OrganizationView> {
    return OrganizationView.of(await this.organizations.get(id));
  }
}
