import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { forbidden, notFound } from '@app/common/domain-error';
import { EvaluatedChallengesFilter, agencyOrganizationOf } from '@app/challenges';
import { fen, iso } from '@app/database';
import {
  ChallengeEvaluation,
  ChallengeFacts,
  PublicProgrammeFigures,
  evaluateChallenge,
  evaluateProgramme,
  publicShareOf,
} from './evaluation-rules';
import { ProgrammeQuery } from './dto/evaluation-query.dto';
import { ChallengeFactsRow, challengeFacts } from './repositories/evaluation-facts.repository';

const notFoundFor = (id: string) => notFound('evaluation.not_found', `No evaluation of challenge ${id} that you may see.`);

function factsOf(row: ChallengeFactsRow): ChallengeFacts {
  return {
    id: row.id,
    title: row.title,
    industry: row.industry,
    mechanism: row.mechanism,
    year: row.year,
    budgetFen: fen(row.budget_fen),
    objectives: row.objectives,
    projects: row.projects.map((p) => ({
      ...p,
      milestones: p.milestones.map((m) => ({
        status: m.status,
        dueAt: new Date(m.dueAt),
        reportedAt: m.reportedAt ? new Date(m.reportedAt) : null,
        achieved: m.achieved,
      })),
    })),
  };
}

/**
 * 绩效评估: per challenge and per programme. Agencies see their own organisation's challenges;
 * admins and auditors (监督) any. Reported values and money are not public, so nobody else sees
 * an evaluation (the public's figures are in open data).
 */
@Injectable()
export class EvaluationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async challenge(id: string, user: AuthUser): Promise<ChallengeEvaluation> {
    const filter: EvaluatedChallengesFilter = { challengeId: id };
    if (user.role === Role.Agency) filter.agencyOrganizationId = agencyOrganizationOf(user);
    else if (user.role !== Role.Admin && user.role !== Role.Auditor) throw notFoundFor(id);
    const [row] = await challengeFacts(this.dataSource.manager, filter);
    if (!row) throw notFoundFor(id);
    return evaluateChallenge(factsOf(row));
  }

  async programme(query: ProgrammeQuery, user: AuthUser) {
    const filter: EvaluatedChallengesFilter = { industry: query.industry, year: query.year };
    if (user.role === Role.Agency) {
      const own = agencyOrganizationOf(user);
      if (query.agencyOrganizationId !== undefined && query.agencyOrganizationId !== own)
        throw forbidden('evaluation.other_agency', 'An agency evaluates its own programme only.');
      filter.agencyOrganizationId = own;
    } else if (user.role === Role.Admin || user.role === Role.Auditor) filter.agencyOrganizationId = query.agencyOrganizationId;
    else throw forbidden('evaluation.not_allowed', 'Evaluations are for agencies, admins and auditors.');
    const challenges = await this.evaluated(filter);
    return {
      currency: 'CNY' as const,
      unit: 'fen' as const,
      asOf: iso(new Date()),
      totals: evaluateProgramme(challenges),
      challenges,
    };
  }

  /** The public's share of a programme (open data, no sign-in): see `publicShareOf`. */
  async publicProgramme(query: ProgrammeQuery): Promise<PublicProgrammeFigures & { currency: 'CNY'; unit: 'fen'; asOf: string }> {
    const { agencyOrganizationId, industry, year } = query;
    const totals = evaluateProgramme(await this.evaluated({ agencyOrganizationId, industry, year }));
    return { currency: 'CNY', unit: 'fen', asOf: new Date().toISOString(), ...publicShareOf(totals) };
  }

  private async evaluated(filter: EvaluatedChallengesFilter): Promise<ChallengeEvaluation[]> {
    return (await challengeFacts(this.dataSource.manager, filter)).map((r) => evaluateChallenge(factsOf(r)));
  }
}
