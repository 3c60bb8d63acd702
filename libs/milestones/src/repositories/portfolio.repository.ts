import { EntityManager } from 'typeorm';
import { ProjectScope, milestonesOfProject, scopedProjects } from '@app/awards';
import { challengeIdsOfAgency, ledgerChallenges } from '@app/challenges';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';
import { organizationNames } from '@app/identity';
import { scheduledFenOf } from './disbursements.repository';

/**
 * The portfolio's and the ledger's reads: the projects in a scope with their milestones and money,
 * money over time, and the ledger's sums. Projects, challenges and organisations come from their
 * owners' fragments; the sums over disbursements are this library's.
 */

export interface PortfolioScope {
  programManagerId?: string;
  /** The agency organisation whose challenges' projects are in scope. */
  agencyOrganizationId?: string;
  status?: string;
  challengeId?: string;
}

export interface PortfolioMilestoneJson {
  id: string;
  seq: number;
  title: string;
  dueAt: string;
  status: string;
  trancheFen: number;
}

export type PortfolioRow = RowOf<
  'projects',
  'id' | 'title' | 'challenge_id' | 'organization_id' | 'status' | 'program_manager_id' | 'granted_fen' | 'paid_fen'
> & { organization_name: string; industry: string; now: Date; milestones: PortfolioMilestoneJson[]; scheduled_fen: string };

export interface LedgerSumRow {
  projects: number;
  awarded: string;
  paid: string;
}

function projectsIn(scope: PortfolioScope): Sql {
  const awardsScope: ProjectScope = {
    programManagerId: scope.programManagerId,
    status: scope.status,
    challengeId: scope.challengeId,
  };
  if (scope.agencyOrganizationId !== undefined) awardsScope.challengeIds = challengeIdsOfAgency(scope.agencyOrganizationId);
  return scopedProjects(awardsScope);
}

/** The projects in scope, by id, each with its milestones (by seq), its scheduled money and the database's clock. */
export function portfolioRows(em: EntityManager, scope: PortfolioScope): Promise<PortfolioRow[]> {
  return runSql<PortfolioRow>(
    em,
    sql`SELECT p.id, p.title, p.challenge_id, p.organization_id, o.name AS organization_name, p.status, p.program_manager_id,
               p.granted_fen, p.paid_fen, c.industry, now() AS now,
               coalesce((SELECT json_agg(json_build_object('id', m.id, 'seq', m.seq, 'title', m.title, 'dueAt', m.due_at, 'status', m.status,
                                                           'trancheFen', m.tranche_fen) ORDER BY m.seq)
                           FROM (${milestonesOfProject(rawSql('p.id'))}) m), '[]') AS milestones,
               ${scheduledFenOf('p.id')} AS scheduled_fen
          FROM (${projectsIn(scope)}) p
          JOIN (${ledgerChallenges(null)}) c ON c.id = p.challenge_id
          JOIN (${organizationNames()}) o ON o.id = p.organization_id
         ORDER BY p.id`,
  );
}

/**
 * Money granted, scheduled and paid by the end of each month (Asia/Shanghai), cumulative, over the
 * projects' whole lifetime: from the month of the first award to the later of this month and the
 * month the last milestone falls due. Granted in the month of the award, paid in the month paid,
 * scheduled in the month a tranche falls due (the planned tranches of milestones neither cancelled
 * nor judged not met: what the plan still expects to pay, or has paid).
 */
export function moneyTimeline(
  em: EntityManager,
  scope: PortfolioScope,
): Promise<{ month: string; granted: string; scheduled: string; paid: string }[]> {
  return runSql(
    em,
    sql`WITH mine AS (SELECT p.id, p.created_at, p.awarded_fen AS awarded FROM (${projectsIn(scope)}) p),
             due AS (SELECT m.due_at, m.tranche_fen FROM mine CROSS JOIN LATERAL (${milestonesOfProject(rawSql('mine.id'))}) m
                      WHERE m.status NOT IN ('cancelled', 'not_met')),
             ev AS (SELECT date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai') AS m, awarded AS granted, 0::bigint AS scheduled,
                           0::bigint AS paid FROM mine
                    UNION ALL
                    SELECT date_trunc('month', due_at AT TIME ZONE 'Asia/Shanghai'), 0, tranche_fen, 0 FROM due
                    UNION ALL
                    SELECT date_trunc('month', d.paid_at AT TIME ZONE 'Asia/Shanghai'), 0, 0, d.amount_fen
                      FROM disbursements d JOIN mine ON mine.id = d.project_id WHERE d.status = 'paid'),
             months AS (SELECT generate_series((SELECT min(m) FROM ev),
                                               greatest((SELECT max(m) FROM ev), date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')),
                                               interval '1 month') AS m),
             per AS (SELECT m, sum(granted) AS granted, sum(scheduled) AS scheduled, sum(paid) AS paid FROM ev GROUP BY m)
        SELECT to_char(months.m, 'YYYY-MM') AS month,
               (sum(coalesce(per.granted, 0)) OVER (ORDER BY months.m))::bigint AS granted,
               (sum(coalesce(per.scheduled, 0)) OVER (ORDER BY months.m))::bigint AS scheduled,
               (sum(coalesce(per.paid, 0)) OVER (ORDER BY months.m))::bigint AS paid
          FROM months LEFT JOIN per ON per.m = months.m ORDER BY months.m`,
  );
}

/** The summed budgets of the challenges the projects in scope belong to (0 without projects). */
export async function budgetOfScope(em: EntityManager, scope: PortfolioScope): Promise<string> {
  const [row] = await runSql<{ budget: string }>(
    em,
    sql`SELECT coalesce(sum(c.budget_fen), 0)::bigint AS budget FROM (${ledgerChallenges(null)}) c
         WHERE c.id IN (SELECT p.challenge_id FROM (${projectsIn(scope)}) p)`,
  );
  return row.budget;
}

/** Per challenge with projects (of the agency, or all when null): projects, awarded and paid. */
export function ledgerByChallenge(
  em: EntityManager,
  agencyOrganizationId: string | null,
): Promise<(RowOf<'challenges', 'id' | 'title' | 'industry' | 'budget_fen'> & LedgerSumRow)[]> {
  return runSql(
    em,
    sql`SELECT c.id, c.title, c.industry, c.budget_fen, count(p.id)::int AS projects,
               coalesce(sum(p.awarded_fen), 0)::bigint AS awarded, coalesce(sum(p.paid_fen), 0)::bigint AS paid
          FROM (${ledgerChallenges(agencyOrganizationId)}) c LEFT JOIN (${scopedProjects()}) p ON p.challenge_id = c.id
         GROUP BY c.id, c.title, c.industry, c.budget_fen HAVING count(p.id) > 0 ORDER BY c.title, c.id`,
  );
}

export function ledgerByIndustry(
  em: EntityManager,
  agencyOrganizationId: string | null,
): Promise<(RowOf<'challenges', 'industry'> & LedgerSumRow)[]> {
  return runSql(
    em,
    sql`SELECT c.industry, count(p.id)::int AS projects, coalesce(sum(p.awarded_fen), 0)::bigint AS awarded,
               coalesce(sum(p.paid_fen), 0)::bigint AS paid
          FROM (${ledgerChallenges(agencyOrganizationId)}) c JOIN (${scopedProjects()}) p ON p.challenge_id = c.id
         GROUP BY c.industry ORDER BY c.industry`,
  );
}

/** Awarded in the year of the award, paid in the year paid (Asia/Shanghai calendar years). */
export function ledgerByYear(
  em: EntityManager,
  agencyOrganizationId: string | null,
): Promise<{ year: number; awarded: string; paid: string }[]> {
  return runSql(
    em,
    sql`WITH c AS (${ledgerChallenges(agencyOrganizationId)}),
             a AS (SELECT extract(year FROM p.created_at AT TIME ZONE 'Asia/Shanghai')::int AS year, p.awarded_fen AS awarded, 0::bigint AS paid
                     FROM (${scopedProjects()}) p JOIN c ON c.id = p.challenge_id),
             b AS (SELECT extract(year FROM d.paid_at AT TIME ZONE 'Asia/Shanghai')::int AS year, 0::bigint AS awarded, d.amount_fen AS paid
                     FROM disbursements d JOIN c ON c.id = d.challenge_id WHERE d.status = 'paid')
        SELECT year, sum(awarded)::bigint AS awarded, sum(paid)::bigint AS paid
          FROM (SELECT * FROM a UNION ALL SELECT * FROM b) x GROUP BY year ORDER BY year`,
  );
}
