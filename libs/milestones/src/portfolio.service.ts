import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { forbidden, notFound } from '@app/common/domain-error';
import { PortfolioQuery } from './dto/milestones.dto';
import { Health, MilestoneStatus, healthOf } from './milestone-rules';
import { fen, iso, q } from './sql';
import { SortKey, isSortKey, pageOf, sortKeyLength } from './portfolio-order';
import { decodeCursor, encodeCursor, invalidCursor } from '@app/common/http';

const DAY = 86_400_000;
/** What a project counts as awarded: its grant, or what it was paid once terminated (as the challenge's counter). */
const AWARDED_FEN = `CASE WHEN p.status = 'terminated' THEN p.paid_fen ELSE p.granted_fen END`;

/**
 * The program manager's portfolio (their projects), the agency's (its challenges' projects), an
 * admin's (all), and the agency-wide ledger of money awarded and paid.
 */
@Injectable()
export class PortfolioService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async portfolio(user: AuthUser, query: PortfolioQuery) {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (user.role === Role.ProgramManager) where.push(`p.program_manager_id = ${p(user.id)}`);
    else if (user.role === Role.Agency) where.push(`c.agency_id = ${p(user.id)}`);
    else if (user.role !== Role.Admin)
      throw forbidden('portfolio.not_allowed', 'The portfolio is for program managers, agencies and admins.');
    if (query.status) where.push(`p.status = ${p(query.status)}`);
    if (query.challengeId) where.push(`p.challenge_id = ${p(query.challengeId)}`);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const sort = query.sort ?? 'next_due';
    let after: SortKey | undefined;
    if (query.cursor) {
      const [cursorSort, ...key] = decodeCursor(query.cursor, sortKeyLength(sort) + 1);
      if (cursorSort !== sort || !isSortKey(key, sort)) throw invalidCursor();
      after = key;
    }
    const timeline = await this.timeline(filter, params);
    const rows = await q<Record<string, any>>(
      this.dataSource.manager,
      `SELECT p.id, p.title, p.challenge_id, p.organization_id, o.name AS organization_name, p.status, p.program_manager_id, p.granted_fen, p.paid_fen, c.industry, now() AS now,
              coalesce((SELECT json_agg(json_build_object('id', m.id, 'seq', m.seq, 'title', m.title, 'dueAt', m.due_at, 'status', m.status, 'trancheFen', m.tranche_fen) ORDER BY m.seq)
                          FROM project_milestones m WHERE m.project_id = p.id), '[]') AS milestones,
              (SELECT coalesce(sum(d.amount_fen), 0) FROM disbursements d WHERE d.project_id = p.id AND d.status = 'scheduled') AS scheduled_fen
         FROM projects p JOIN challenges c ON c.id = p.challenge_id JOIN organizations o ON o.id = p.organization_id
        ${filter}
        ORDER BY p.id`,
      params,
    );
    const items = rows.map((r) => {
      const now = new Date(r.now);
      const ms = (r.milestones as any[]).map((m) => ({
        ...m,
        dueAt: new Date(m.dueAt),
        status: m.status as MilestoneStatus,
        trancheFen: fen(m.trancheFen),
      }));
      const live = r.status === 'active' || r.status === 'publicity';
      const open = ms.filter((m) => m.status === 'scheduled' || m.status === 'submitted' || m.status === 'overdue');
      const next = open.filter((m) => m.status !== 'overdue').sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] ?? null;
      const view = (m: any) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueAt: m.dueAt.toISOString(),
        status: m.status,
        trancheFen: m.trancheFen,
      });
      return {
        id: r.id as string,
        title: r.title as string,
        challengeId: r.challenge_id as string,
        organizationId: r.organization_id as string,
        organizationName: r.organization_name as string,
        industry: r.industry as string,
        status: r.status as string,
        programManagerId: r.program_manager_id as string | null,
        grantedFen: fen(r.granted_fen),
        paidFen: fen(r.paid_fen),
        scheduledFen: fen(r.scheduled_fen),
        nextMilestone: next ? view(next) : null,
        dueNext30Days: ms
          .filter(
            (m) =>
              m.status === 'scheduled' && m.dueAt.getTime() >= now.getTime() && m.dueAt.getTime() <= now.getTime() + 30 * DAY,
          )
          .map(view),
        overdue: ms.filter((m) => m.status === 'overdue').map(view),
        awaitingReview: ms.filter((m) => m.status === 'submitted').map(view),
        health: (live ? healthOf(ms, now) : 'on_track') as Health,
        nextDueMs: next ? next.dueAt.getTime() : null,
      };
    });
    const listed = query.health ? items.filter((i) => i.health === query.health) : items;
    const page = pageOf(listed, sort, query.limit ?? 50, after);
    return {
      items: page.items.map(({ nextDueMs: _internal, ...item }) => item),
      nextCursor: page.nextKey ? encodeCursor([sort, ...page.nextKey]) : null,
      totals: {
        projects: items.length,
        grantedFen: items.reduce((s, i) => s + i.grantedFen, 0),
        paidFen: items.reduce((s, i) => s + i.paidFen, 0),
        onTrack: items.filter((i) => i.health === 'on_track').length,
        atRisk: items.filter((i) => i.health === 'at_risk').length,
        late: items.filter((i) => i.health === 'late').length,
        awaitingReview: items.reduce((s, i) => s + i.awaitingReview.length, 0),
      },
      timeline,
    };
  }

  /**
   * Money granted and paid by the end of each month (Asia/Shanghai), cumulative, from the month of
   * the first award to this month: granted in the month of the award, paid in the month paid.
   */
  private async timeline(filter: string, params: unknown[]) {
    const rows = await q<{ month: string; granted: string; paid: string }>(
      this.dataSource.manager,
      `WITH mine AS (SELECT p.id, p.created_at, ${AWARDED_FEN} AS awarded
                       FROM projects p JOIN challenges c ON c.id = p.challenge_id ${filter}),
            ev AS (SELECT date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai') AS m, awarded AS granted, 0::bigint AS paid FROM mine
                   UNION ALL
                   SELECT date_trunc('month', d.paid_at AT TIME ZONE 'Asia/Shanghai'), 0, d.amount_fen
                     FROM disbursements d JOIN mine ON mine.id = d.project_id WHERE d.status = 'paid'),
            months AS (SELECT generate_series((SELECT min(m) FROM ev), date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai'), interval '1 month') AS m),
            per AS (SELECT m, sum(granted) AS granted, sum(paid) AS paid FROM ev GROUP BY m)
       SELECT to_char(months.m, 'YYYY-MM') AS month,
              (sum(coalesce(per.granted, 0)) OVER (ORDER BY months.m))::bigint AS granted,
              (sum(coalesce(per.paid, 0)) OVER (ORDER BY months.m))::bigint AS paid
         FROM months LEFT JOIN per ON per.m = months.m ORDER BY months.m`,
      params,
    );
    return rows.map((r) => ({ month: r.month, grantedFen: fen(r.granted), paidFen: fen(r.paid) }));
  }

  /**
   * Money awarded and paid per challenge, per industry and per year (the figures a funding body
   * reports). Awarded: each project's grant (a terminated project counts what it was paid, as the
   * challenge's counter does), in the year of the award; paid: disbursements paid, in the year paid.
   * Years are calendar years in Asia/Shanghai. An agency sees its own challenges; an admin all.
   */
  async ledger(user: AuthUser) {
    if (user.role !== Role.Agency && user.role !== Role.Admin) throw notFound('ledger.not_found', 'No ledger you may see.');
    const agencyFilter = user.role === Role.Agency ? `WHERE c.agency_id = $1` : '';
    const params = user.role === Role.Agency ? [user.id] : [];
    const em = this.dataSource.manager;
    const awarded = AWARDED_FEN;
    const byChallenge = await q<Record<string, any>>(
      em,
      `SELECT c.id, c.title, c.industry, c.budget_fen, count(p.id)::int AS projects,
              coalesce(sum(${awarded}), 0)::bigint AS awarded, coalesce(sum(p.paid_fen), 0)::bigint AS paid
         FROM challenges c LEFT JOIN projects p ON p.challenge_id = c.id ${agencyFilter}
        GROUP BY c.id HAVING count(p.id) > 0 ORDER BY c.title, c.id`,
      params,
    );
    const byIndustry = await q<Record<string, any>>(
      em,
      `SELECT c.industry, count(p.id)::int AS projects, coalesce(sum(${awarded}), 0)::bigint AS awarded, coalesce(sum(p.paid_fen), 0)::bigint AS paid
         FROM challenges c JOIN projects p ON p.challenge_id = c.id ${agencyFilter}
        GROUP BY c.industry ORDER BY c.industry`,
      params,
    );
    const byYear = await q<Record<string, any>>(
      em,
      `WITH a AS (SELECT extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int AS year, ${awarded} AS awarded, 0::bigint AS paid
                    FROM projects p JOIN challenges c ON c.id = p.challenge_id ${agencyFilter}),
            b AS (SELECT extract(year FROM d.paid_at AT TIME ZONE 'Asia/Shanghai')::int AS year, 0::bigint AS awarded, d.amount_fen AS paid
                    FROM disbursements d JOIN challenges c ON c.id = d.challenge_id ${agencyFilter ? `${agencyFilter} AND` : 'WHERE'} d.status = 'paid')
       SELECT year, sum(awarded)::bigint AS awarded, sum(paid)::bigint AS paid FROM (SELECT * FROM a UNION ALL SELECT * FROM b) x GROUP BY year ORDER BY year`,
      params,
    );
    const sum = (rows: Record<string, any>[], k: string) => rows.reduce((s, r) => s + fen(r[k]), 0);
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
