import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { StaffListView, StaffQuery } from '../dto/staff';
import { StaffService } from './staff.service';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Roles(Role.Agency, Role.Admin)
  @Get()
  @ApiOperation({
    summary: 'Active reviewers and program managers, by display name (agency and admin).',
    description:
      'For picking reviewers and program managers: id, display name, role and organisation only (never an email). ' +
      '`q` filters on the display name (case-insensitive, taken literally). At most 200; `nextCursor` is always null.',
  })
  @ApiOkResponse({ type: StaffListView })
  list(@Query() query: StaffQuery, @CurrentUser() user: AuthUser): Promise<StaffListView> {
    return this.staff.list(query, user);
  }
}
