import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Role, Roles } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { Language, ReaderLanguage } from '@app/identity';
import { evaluationCsv } from './evaluation-csv';
import { ProgrammeQuery } from './dto/evaluation-query.dto';
import { ChallengeEvaluationView, ProgrammeEvaluationView } from './dto/views';
import { EvaluationsService } from './evaluations.service';

/** 绩效评估 (clause 二十三): objectives against what was achieved, money, timeliness, projects stopped and why. */
@ApiTags('evaluations')
@ApiBearerAuth()
@Roles(Role.Agency, Role.Admin, Role.Auditor)
@Controller('evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Get('programme')
  @ApiOperation({ summary: 'A programme’s evaluation: an agency’s challenges (agencies: their own), by industry and year.' })
  @ApiOkResponse({ type: ProgrammeEvaluationView })
  programme(@Query() query: ProgrammeQuery, @CurrentUser() user: AuthUser) {
    return this.evaluations.programme(query, user);
  }

  @Get('programme/csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="evaluation.csv"')
  @Header('cache-control', 'private, no-store')
  @ApiOperation({ summary: 'The same, one line per challenge, as CSV (UTF-8 with BOM; headers in the reader’s language; yuan).' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async programmeCsv(@Query() query: ProgrammeQuery, @CurrentUser() user: AuthUser, @ReaderLanguage() language: Language) {
    return evaluationCsv((await this.evaluations.programme(query, user)).challenges, language);
  }

  @Get('challenges/:id')
  @ApiOperation({ summary: 'One challenge’s evaluation.' })
  @ApiOkResponse({ type: ChallengeEvaluationView })
  challenge(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser) {
    return this.evaluations.challenge(id, user);
  }
}
