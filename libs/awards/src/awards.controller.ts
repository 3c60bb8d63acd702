import { Body, Controller, Get, HttpCode, Param, PipeTransform, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Role, Roles } from '@app/common/auth';
import { invalid } from '@app/common/domain-error';
import { UuidParam } from '@app/common/http';
import { Idempotent } from '@app/common/idempotency';
import { AwardsService } from './awards.service';
import { AwardDto, GateDto } from './dto/award.dto';
import { FinishAwardingView, GatePreviewView, GateView, ProjectView, PublicResultsView } from './dto/views';
import { GatesService } from './gates.service';
import { ProjectsService } from './projects.service';

/**
 * A stage number as written in the path: 1 to 999 in plain digits. Typed as a branded number so
 * that the global ValidationPipe (which converts `number` parameters with `+value`, turning "0x1"
 * or "1e0" into 1) leaves the raw text to this pipe; "9223372036854775808" never reaches SQL.
 */
export type StageNumber = number & { readonly __stage?: never };
const STAGE = /^[1-9][0-9]{0,2}$/;
export const StageParam = (): PipeTransform<unknown, StageNumber> => ({
  transform: (value) => {
    if (typeof value === 'string' && STAGE.test(value)) return Number(value);
    throw invalid('invalid_stage', 'n must be a stage number (1, 2, …)', [
      { field: 'n', message: 'must be a whole number from 1 to 999' },
    ]);
  },
});

/** Awards, stage gates and the public results of a challenge. */
@ApiTags('awards')
@ApiBearerAuth()
@Controller('challenges/:id')
export class AwardsController {
  constructor(
    private readonly awards: AwardsService,
    private readonly gates: GatesService,
    private readonly projects: ProjectsService,
  ) {}

  @Roles(Role.Agency)
  @Post('awards')
  @HttpCode(201)
  @Idempotent()
  @ApiOperation({
    summary: 'Award a bid (its agency): creates the project, in publicity.',
    description:
      'Only on a closed challenge; an open call has one award, a horse race up to parallelSlots (409 when none is left). ' +
      'The amount is ≤ the bid’s request, ≤ the per-award maximum, within the track’s funding rule and the remaining budget (422, with ' +
      'rule, base, rate, cap and the largest amount allowed). Only shortlisted bids — or submitted ones when the challenge had no ' +
      'review panel. The milestone plan’s tranches are scaled to the amount (largest remainder; they add up exactly). When the ' +
      'last slot is filled the challenge becomes awarded and every other bid is rejected.',
  })
  @ApiCreatedResponse({ type: ProjectView })
  award(@Param('id', UuidParam('id')) id: string, @Body() dto: AwardDto, @CurrentUser() user: AuthUser): Promise<ProjectView> {
    return this.awards.award(id, dto, user);
  }

  @Roles(Role.Agency)
  @Post('awards/finish')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Finish awarding (its agency): closed → awarded with the slots awarded so far; the other bids are rejected.',
  })
  @ApiOkResponse({ type: FinishAwardingView })
  finish(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser): Promise<FinishAwardingView> {
    return this.awards.finish(id, user);
  }

  @Roles(Role.Agency)
  @Post('stages/:n/gate')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({
    summary: 'Run the gate of stage n (1-based) of a horse race (its agency).',
    description:
      'After the stage has ended (database clock), once, in order, on the projects still in the race. At most advancingSlots ' +
      'advance; the others are eliminated and their undecided milestones cancelled (paid stays paid). The answer shows the evidence: ' +
      'each project’s milestones of the stage and its points (2 per met, 1 per partially met). Tie rule: see `tieRule` in the answer.',
  })
  @ApiOkResponse({ type: GateView })
  gate(
    @Param('id', UuidParam('id')) id: string,
    @Param('n', StageParam()) n: StageNumber,
    @Body() dto: GateDto,
    @CurrentUser() user: AuthUser,
  ): Promise<GateView> {
    return this.gates.gate(id, n, dto, user);
  }

  @Roles(Role.Agency, Role.Admin)
  @Get('stages/:n/evidence')
  @ApiOperation({
    summary:
      'What the gate of stage n would be judged on now (its agency): the projects in the race, their stage points, best first.',
  })
  @ApiOkResponse({ type: GatePreviewView })
  gateEvidence(
    @Param('id', UuidParam('id')) id: string,
    @Param('n', StageParam()) n: StageNumber,
    @CurrentUser() user: AuthUser,
  ): Promise<GatePreviewView> {
    return this.gates.preview(id, n, user);
  }

  @Public()
  @Get('stages/:n/gate')
  @ApiOperation({
    summary: 'The result of the gate of stage n (public).',
    description:
      'A stage of the challenge whose gate has not run yet answers 200 with `run: false` (no decision: `id` and `decidedAt` ' +
      'null, empty lists), so a results page can ask for every stage; 404 `awards.no_such_stage` for a stage it does not have.',
  })
  @ApiOkResponse({ type: GateView })
  getGate(@Param('id', UuidParam('id')) id: string, @Param('n', StageParam()) n: StageNumber): Promise<GateView> {
    return this.gates.get(id, n);
  }

  @Public()
  @Get('results')
  @ApiOperation({
    summary:
      'The awards of a challenge (public): each project’s title, organisation, amount, paid, status, stage and publicity end.',
    description:
      'Nothing sealed: no bids, scores or proposals. `awardedFen` is the challenge’s awarded total and `paidFen` what its projects ' +
      'have been paid so far (the sum of each project’s `paidFen`).',
  })
  @ApiOkResponse({ type: PublicResultsView })
  results(@Param('id', UuidParam('id')) id: string): Promise<PublicResultsView> {
    return this.projects.results(id);
  }
}
