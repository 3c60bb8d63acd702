import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { Idempotent } from '@app/common/idempotency';
import { MergeConsentDto, MergePage, MergeView, ProposeMergeDto } from './dto/merge.dto';
import { MergesService } from './merges.service';

/** Merges at a horse-race gate (强强联合): the agency proposes, each merged project's lead consents. */
@ApiTags('awards')
@ApiBearerAuth()
@Controller('challenges/:id/merges')
export class MergesController {
  constructor(private readonly merges: MergesService) {}

  @Roles(Role.Agency)
  @Post()
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary: 'Propose merging advancing projects into one consortium project (the challenge’s agency), after a gate is final.',
    description:
      '409 `awards.merge_not_advancing`, `awards.merge_mixed_rules`, `awards.merge_project_busy`, ' +
      '`awards.merge_tranche_being_paid` (a merged project has a tranche still being paid); 422 `awards.merge_over_cap`, ' +
      '`awards.merge_grows_budget`, `awards.merge_below_paid`, `awards.merge_plan_mismatch`, `awards.merge_members_mismatch`, ' +
      '`policy.not_in_force` (the merge date is outside the window of the merged projects’ policy version).',
  })
  @ApiCreatedResponse({ type: MergeView })
  propose(
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ProposeMergeDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MergeView> {
    return this.merges.propose(id, dto, user);
  }

  @Get()
  @ApiOperation({ summary: 'The challenge’s merge proposals: all for its agency and admins; a team those asking its consent.' })
  @ApiOkResponse({ type: MergePage })
  list(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<MergePage> {
    return this.merges.list(id, user);
  }

  @Roles(Role.Team)
  @Post(':mid/consents')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Accept or decline a merge for your organisation’s project (its lead). The last acceptance carries the merge out.',
    description:
      '403 `awards.not_merge_lead`; 409 `awards.merge_decided`, `awards.merge_consent_given`; a decline ends the proposal. ' +
      'The last acceptance re-judges the merge: the proposal’s problems (409, 422) may answer it.',
  })
  @ApiOkResponse({ type: MergeView })
  consent(
    @Param('id', UuidParam('id')) id: string,
    @Param('mid', UuidParam('mid')) mid: string,
    @Body() dto: MergeConsentDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MergeView> {
    return this.merges.consent(id, mid, dto, user);
  }
}
