import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { forbidden, notFound } from '@app/common/domain-error';
import { decodeCursor, encodeCursor, invalidCursor } from '@app/common/http';
import { fen, iso } from '@app/database';
import { agencyOrganizationOf } from '@app/challenges';
import { PortfolioQuery } from './dto/milestones.dto';
import { Health, MilestoneStatus, healthOf } from './milestone-rules';
import { SortKey, isSortKey, pageOf, sortKeyLength } from './portfolio-order';
import {
  LedgerSumRow,
  budgetOfScope,
  PortfolioRow,
  PortfolioScope,
  ledgerByChallenge,
  ledgerByIndustry,
  ledgerByYear,
  moneyTimeline,
  portfolioRows,
} from './repositories/portfolio.repository';

const DAY = 86_400_000;

interface PlannedMilestone {
  id: string;
  seq: number;
  title: string;
  dueAt: Date;
  status: MilestoneStatus;
  trancheFen: number;
}

type PortfolioItem = ReturnType<typeof portfolioItem>;

const milestoneView = (m: PlannedMilestone) => ({
  id: m.id,
  seq: m.seq,
  title: m.title,
  dueAt: m.dueAt.toISOString(),
  status: m.status,
  trancheFen: m.trancheFen,
});

/** One project of the portfolio: its next milestone, what is due, overdue or awaiting review, its money and health. */
function portfolioItem(r: PortfolioRow) {
  const now = new Date(r.now);
  const ms: PlannedMilestone[] = r.milestones.map((m) => ({
    ...m,
    dueAt: new Date(m.dueAt),
    status: m.status as MilestoneStatus,
    trancheFen: fen(m.trancheFen),
  }));
  const live = r.status === 'active' || r.status === 'publicity';
  const open = ms.filter((m) => m.status === 'scheduled' || m.status === 'submitted' || m.status === 'overdue');
  const next = open.filter((m) => m.status !== 'overdue').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
  const within30Days = (m: PlannedMilestone) =>
    m.status === 'scheduled' && m.dueAt.getTime() >= now.getTime() && m.dueAt.getTime() <= now.getTime() + 30 * DAY;
  return {
    id: r.id,
    title: r.title,
    challengeId: r.challenge_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    industry: r.industry,
    status: r.status,
    programManagerId: r.program_manager_id,
    grantedFen: fen(r.granted_fen),
    paidFen: fen(r.paid_fen),
    scheduledFen: fen(r.scheduled_fen),
    nextMilestone: next ? milestoneView(next) : null,
    dueNext30Days: ms.filter(within30Days).map(milestoneView),
    overdue: ms.filter((m) => m.status === 'overdue').map(milestoneView),
    awaitingReview: ms.filter((m) => m.status === 'submitted').map(milestoneView),
    health: (live ? healthOf(ms, now) : 'on_track') as Health,
    nextDueMs: next ? next.dueAt.getTime() : null,
  };
}

function portfolioTotals(items: PortfolioItem[]) {
  return {
    projects: items.length,
    grantedFen: items.reduce((s, i) => s + i.grantedFen, 0),
    paidFen: items.reduce((s, i) => s + i.paidFen, 0),
    onTrack: items.filter((i) => i.health === 'on_track').length,
    atRisk: items.filter((i) => i.health === 'at_risk').length,
    late: items.filter((i) => i.health === 'late').length,
    awaitingReview: items.reduce((s, i) => s + i.awaitingReview.length, 0),
  };
}

/** Whose projects a user's portfolio holds (PM: own; agency: its challenges'; admin: all), under the query's filters. */
function scopeOf(user: AuthUser, query: PortfolioQuery): PortfolioScope {
  const scope: PortfolioScope = {};
  if (user.role === Role.ProgramManager) scope.programManagerId = user.id;
  else if (user.role === Role.Agency) scope.agencyOrganizationId = agencyOrganizationOf(user);
  else if (user.role !== Role.Admin)
    throw forbidden('portfolio.not_allowed', 'The portfolio is for program managers, agencies and admins.');
  if (query.status) scope.status = query.status;
  if (query.challengeId) scope.challengeId = query.challengeId;
  return scope;
}

/**
 * The program manager's portfolio (their projects), the agency's (its challenges' projects), an
 * admin's (all), and the agency-wide ledger of money awarded and paid.
 */
@Injectable()
export class PortfolioService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async portfolio(user: AuthUser, query: PortfolioQuery) {
    const scope = scopeOf(user, query);
    const sort = query.sort ?? 'next_due';
    let after: SortKey | undefined;
    if (query.cursor) {
      const [cursorSort, ...key] = decodeCursor(query.cursor, sortKeyLength(sort) + 1);
      if (cursorSort !== sort || !isSortKey(key, sort)) throw invalidCursor();
      after = key;
    }
    const em = this.dataSource.manager;
    const timeline = (await moneyTimeline(em, scope)).map((r) => ({
      month: r.month,
      grantedFen: fen(r.granted),
      scheduledFen: fen(r.scheduled),
      paidFen: fen(r.paid),
    }));
    const budgetFen = fen(await budgetOfScope(em, scope));
    const items = (await portfolioRows(em, scope)).map(portfolioItem);
    const listed = query.health ? items.filter((i) => i.health === query.health) : items;
    const page = pageOf(listed, sort, query.limit ?? 50, after);
    return {
      items: page.items.map(({ nextDueMs: _internal, ...item }) => item),
      nextCursor: page.nextKey ? encodeCursor([sort, ...page.nextKey]) : null,
      totals: portfolioTotals(items),
      timeline,
      budgetFen,
    };
  }

  /**
   * Money awarded and paid per challenge, per industry and per year (the figures a funding body
   * reports). Awarded: each project's grant (a terminated project counts what it was paid, as the
   * challenge's counter does), in the year of the award; paid: disbursements paid, in the year paid.
   * Years are calendar years in Asia/Shanghai. An agency sees its own challenges; an admin all.
   */
  async ledger(user: AuthUser) {
    if (user.role !== Role.Agency && user.role !== Role.Admin) throw notFound('ledger.not_found', 'No ledger you may see.');
    // null: every challenge (admins); an agency's officers see their organisation's.
    const agencyOrganizationId = user.role === Role.Agency ? agencyOrganizationOf(user) : null;
    const em = this.dataSource.manager;
    const byChallenge = await ledgerByChallenge(em, agencyOrganizationId);
    const byIndustry = await ledgerByIndustry(em, agencyOrganizationId);
    const byYear = await ledgerByYear(em, agencyOrganizationId);
    const sum = (rows: LedgerSumRow[], k: 'awarded' | 'paid') => rows.reduce((s, r) => s + fen(r[k]), 0);
    return {
      currency: 'CNY',
      unit: 'fen',
      asOf: iso(new Date()),
      totals: { awardedFen: sum(byChallenge, 'awarded'), paidFen: sum(byChallenge, 'paid') },
      byChallenge: byChallenge.map((r) => ({
        challengeId: r.id,
        title: r.title,
        industry: r.industry,
        budgetFen: fen(r.budget_fen),
        projects: r.projects,
        awardedFen: fen(r.awarded),
        paidFen: fen(r.paid),
      })),
      byIndustry: byIndustry.map((r) => ({
        industry: r.industry,
        projects: r.projects,
        awardedFen: fen(r.awarded),
        paidFen: fen(r.paid),
      })),
      byYear: byYear.map((r) => ({ year: r.year, awardedFen: fen(r.awarded), paidFen: fen(r.paid) })),
    };
  }
}
