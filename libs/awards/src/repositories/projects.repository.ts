import { EntityManager } from 'typeorm';
import { joinChallengeOfProjectSql } from '@app/challenges';
import { RowOf, Sql, joinSql, rawSql, runSql, sql } from '@app/database';
import { organizationNameSql } from '@app/identity';
import type { ProjectConsortiumEntry, ProjectStatus } from '../project.entity';
import { MilestoneJson, nextOpenMilestoneSql, stageMilestonesJsonSql } from './project-milestones.repository';
import { openObjectionExistsSql } from './project-objections.repository';

/** A project row as stored (snake_case, bigints as strings) with its challenge's agency, for libs/milestones. */
export type ProjectRow = RowOf<
  'projects',
  | 'id'
  | 'challenge_id'
  | 'bid_id'
  | 'organization_id'
  | 'title'
  | 'granted_fen'
  | 'paid_fen'
  | 'requested_fen'
  | 'cap_fen'
  | 'rule_id'
  | 'program_manager_id'
  | 'stage_reached'
  | 'publicity_ends_at'
  | 'created_at',
  { consortium: ProjectConsortiumEntry[]; status: ProjectStatus; agency_organization_id: string }
>;

/** A row of the project list: the project with its challenge's title and mechanism, its lead's name, its next open milestone. */
export type ListedProjectRow = ProjectRow & {
  challenge_title: string;
  mechanism: string;
  organization_name: string;
  next_milestone: MilestoneJson | null;
};

const PROJECT_COLUMNS = sql`p.id, p.challenge_id, p.bid_id, p.organization_id, p.title, p.consortium, p.granted_fen, p.paid_fen,
  p.requested_fen, p.cap_fen, p.rule_id, p.status, p.program_manager_id, p.stage_reached, p.publicity_ends_at, p.created_at, c.agency_organization_id`;

const PROJECTS_WITH_CHALLENGE = sql`projects p ${joinChallengeOfProjectSql(sql`p.challenge_id`)}`;

/** The project with its challenge's agency; `FOR UPDATE` locks the project row only. */
export async function readProject(
  em: EntityManager,
  projectId: string,
  lock: 'FOR UPDATE' | 'none',
): Promise<ProjectRow | undefined> {
  const forUpdate = lock === 'FOR UPDATE' ? sql`FOR UPDATE OF p` : sql``;
  const [row] = await runSql<ProjectRow>(
    em,
    sql`SELECT ${PROJECT_COLUMNS} FROM ${PROJECTS_WITH_CHALLENGE} WHERE p.id = ${projectId} ${forUpdate}`,
  );
  return row;
}

/** The project's challenge (to lock the challenge before the project), or undefined. */
export async function readProjectChallengeId(em: EntityManager, projectId: string): Promise<string | undefined> {
  const [row] = await runSql<RowOf<'projects', 'challenge_id'>>(
    em,
    sql`SELECT challenge_id FROM projects WHERE id = ${projectId}`,
  );
  return row?.challenge_id;
}

/** The agency organisation of the project's challenge, or undefined when there is no such project. */
export async function readProjectAgencyOrganizationId(em: EntityManager, projectId: string): Promise<string | undefined> {
  const [row] = await runSql<{ agency_organization_id: string }>(
    em,
    sql`SELECT c.agency_organization_id FROM ${PROJECTS_WITH_CHALLENGE} WHERE p.id = ${projectId}`,
  );
  return row?.agency_organization_id;
}

/** Who sees which projects in the list (one of the first three, or none for an admin), and the filters asked. */
export interface ProjectListFilter {
  agencyOrganizationId?: string;
  programManagerId?: string;
  organizationId?: string;
  challengeId?: string;
  status?: string;
  /** Keyset: projects created before (createdAt, id), newest first. */
  before?: { createdAt: string; id: string };
}

/** A page of projects newest first (`limit` rows at most), in one query (no N+1). */
export function listProjects(em: EntityManager, f: ProjectListFilter, limit: number): Promise<ListedProjectRow[]> {
  const where: Sql[] = [];
  if (f.agencyOrganizationId !== undefined) where.push(sql`c.agency_organization_id = ${f.agencyOrganizationId}`);
  if (f.programManagerId !== undefined) where.push(sql`p.program_manager_id = ${f.programManagerId}`);
  if (f.organizationId !== undefined) {
    const member = JSON.stringify([{ organizationId: f.organizationId }]);
    where.push(sql`(p.organization_id = ${f.organizationId} OR p.consortium @> ${member}::jsonb)`);
  }
  if (f.challengeId) where.push(sql`p.challenge_id = ${f.challengeId}`);
  if (f.status) where.push(sql`p.status = ${f.status}`);
  if (f.before) {
    where.push(
      sql`(date_trunc('milliseconds', p.created_at), p.id) < (${f.before.createdAt}::timestamptz, ${f.before.id}::uuid)`,
    );
  }
  return runSql<ListedProjectRow>(
    em,
    sql`SELECT ${PROJECT_COLUMNS}, c.challenge_title, c.mechanism, ${organizationNameSql(sql`p.organization_id`)} AS organization_name,
              ${nextOpenMilestoneSql(sql`p.id`)} AS next_milestone
         FROM ${PROJECTS_WITH_CHALLENGE}
        ${where.length ? sql`WHERE ${joinSql(where, ' AND ')}` : rawSql('')}
        ORDER BY date_trunc('milliseconds', p.created_at) DESC, p.id DESC LIMIT ${limit}`,
  );
}

export type PublicResultRow = RowOf<
  'projects',
  'id' | 'title' | 'granted_fen' | 'paid_fen' | 'stage_reached' | 'publicity_ends_at' | 'merged_into',
  { name: string; status: ProjectStatus }
>;

/** Every project of the challenge, in award order, with its lead organisation's name (the public results). */
export function readChallengeResults(em: EntityManager, challengeId: string): Promise<PublicResultRow[]> {
  return runSql<PublicResultRow>(
    em,
    sql`SELECT p.id, p.title, ${organizationNameSql(sql`p.organization_id`)} AS name, p.granted_fen, p.paid_fen, p.status,
               p.stage_reached, p.publicity_ends_at, p.merged_into
          FROM projects p WHERE p.challenge_id = ${challengeId} ORDER BY p.created_at, p.id`,
  );
}

export async function setProgramManager(em: EntityManager, projectId: string, userId: string): Promise<void> {
  await runSql(em, sql`UPDATE projects SET program_manager_id = ${userId}, updated_at = now() WHERE id = ${projectId}`);
}

/** What ending the publicity period looks at, under FOR UPDATE (an objection being lodged holds FOR SHARE). */
export async function lockProjectForPublicityEnd(
  em: EntityManager,
  projectId: string,
): Promise<RowOf<'projects', 'challenge_id' | 'publicity_ends_at', { status: ProjectStatus; ms_left: number }> | undefined> {
  const [row] = await runSql<RowOf<'projects', 'challenge_id' | 'publicity_ends_at', { status: ProjectStatus; ms_left: number }>>(
    em,
    sql`SELECT status, challenge_id, publicity_ends_at, (extract(epoch FROM (publicity_ends_at - now())) * 1000)::float8 AS ms_left
          FROM projects WHERE id = ${projectId} FOR UPDATE`,
  );
  return row;
}

/** publicity → active; when it became active. */
export async function activateProject(em: EntityManager, projectId: string): Promise<Date> {
  const [row] = await runSql<RowOf<'projects', 'activated_at', { activated_at: Date }>>(
    em,
    sql`UPDATE projects SET status = 'active', activated_at = now(), updated_at = now() WHERE id = ${projectId} RETURNING activated_at`,
  );
  return row.activated_at;
}

/** Every project still in publicity without an open objection, by the end of its period (the reconciler). */
export function readPublicityEnds(em: EntityManager): Promise<RowOf<'projects', 'id' | 'publicity_ends_at'>[]> {
  return runSql(
    em,
    sql`SELECT p.id, p.publicity_ends_at FROM projects p
         WHERE p.status = 'publicity' AND NOT ${openObjectionExistsSql(sql`p.id`)}
         ORDER BY p.publicity_ends_at`,
  );
}

/** The project under FOR SHARE while an objection is lodged (ordered against the publicity-end job's FOR UPDATE). */
export async function shareLockProjectForObjection(
  em: EntityManager,
  projectId: string,
): Promise<RowOf<'projects', 'challenge_id' | 'publicity_ends_at', { status: ProjectStatus; in_period: boolean }> | undefined> {
  const [row] = await runSql<
    RowOf<'projects', 'challenge_id' | 'publicity_ends_at', { status: ProjectStatus; in_period: boolean }>
  >(
    em,
    sql`SELECT challenge_id, status, publicity_ends_at, now() < publicity_ends_at AS in_period FROM projects WHERE id = ${projectId} FOR SHARE`,
  );
  return row;
}

/** What revoking the award needs, under FOR UPDATE. */
export async function lockProjectForRevocation(
  em: EntityManager,
  projectId: string,
): Promise<RowOf<'projects', 'granted_fen' | 'paid_fen' | 'bid_id', { status: ProjectStatus }>> {
  const [row] = await runSql<RowOf<'projects', 'granted_fen' | 'paid_fen' | 'bid_id', { status: ProjectStatus }>>(
    em,
    sql`SELECT status, granted_fen, paid_fen, bid_id FROM projects WHERE id = ${projectId} FOR UPDATE`,
  );
  return row;
}

export async function terminateProject(em: EntityManager, projectId: string, reason: string): Promise<void> {
  await runSql(
    em,
    sql`UPDATE projects SET status = 'terminated', ended_at = now(), end_reason = ${reason}, updated_at = now() WHERE id = ${projectId}`,
  );
}

/** The projects passed the gate of `stage`. */
export async function advanceProjects(em: EntityManager, projectIds: readonly string[], stage: number): Promise<void> {
  await runSql(em, sql`UPDATE projects SET stage_reached = ${stage}, updated_at = now() WHERE id = ANY(${projectIds}::uuid[])`);
}

/**
 * The projects stopped at a gate, among those still running (one whose award was revoked while the
 * gate was in publicity stays terminated); the ids eliminated.
 */
export async function eliminateProjects(em: EntityManager, projectIds: readonly string[], reason: string): Promise<string[]> {
  const rows = await runSql<RowOf<'projects', 'id'>>(
    em,
    sql`UPDATE projects SET status = 'eliminated', ended_at = now(), end_reason = ${reason}, updated_at = now()
         WHERE id = ANY(${projectIds}::uuid[]) AND status IN ('publicity', 'active') RETURNING id`,
  );
  return rows.map((r) => r.id);
}

export type RaceProjectRow = RowOf<'projects', 'id' | 'organization_id', { milestones: MilestoneJson[] }>;

/**
 * The projects still in the race at the gate of `stage` (in publicity or active, having passed the
 * gates before it) with their milestones of that stage, in id order; `lock` takes them FOR UPDATE.
 */
export function readRaceProjects(
  em: EntityManager,
  challengeId: string,
  stage: number,
  lock: boolean,
): Promise<RaceProjectRow[]> {
  return runSql<RaceProjectRow>(
    em,
    sql`SELECT p.id, p.organization_id, ${stageMilestonesJsonSql(sql`p.id`, stage - 1)} AS milestones
          FROM projects p
         WHERE p.challenge_id = ${challengeId} AND p.status IN ('publicity', 'active') AND p.stage_reached = ${stage - 1}
         ORDER BY p.id${lock ? sql` FOR UPDATE OF p` : sql``}`,
  );
}

/** The project an award creates. */
export interface NewProject {
  id: string;
  challengeId: string;
  bidId: string;
  organizationId: string;
  title: string;
  consortium: ProjectConsortiumEntry[];
  grantedFen: number;
  requestedFen: number;
  totalInvestmentFen: number;
  ruleId: string;
  /** The policy version the award is judged under; rate and cap below must be that version's (FK). */
  policyVersionId: string;
  ruleRateBp: number | null;
  ruleCapFen: number | null;
  capFen: number;
  programManagerId: string | null;
  publicityEndsAt: Date;
  awardedBy: string;
}

/** `<cteName> AS (INSERT INTO projects … RETURNING id, publicity_ends_at, created_at)`; UQ_projects_bid refuses a second award of a bid. */
export function insertProjectCte(cteName: string, p: NewProject): Sql {
  return sql`${rawSql(cteName)} AS (
           INSERT INTO projects (id, challenge_id, bid_id, organization_id, title, consortium, granted_fen, requested_fen, total_investment_fen,
                                 rule_id, policy_version_id, rule_rate_bp, rule_cap_fen, rule_rate_key, rule_cap_key, cap_fen,
                                 program_manager_id, publicity_ends_at, awarded_by)
           VALUES (${p.id}, ${p.challengeId}, ${p.bidId}, ${p.organizationId}, ${p.title}, ${JSON.stringify(p.consortium)}::jsonb,
                   ${p.grantedFen}, ${p.requestedFen}, ${p.totalInvestmentFen}, ${p.ruleId}, ${p.policyVersionId},
                   ${p.ruleRateBp}::int, ${p.ruleCapFen}::bigint, COALESCE(${p.ruleRateBp}::int, -1), COALESCE(${p.ruleCapFen}::bigint, -1),
                   ${p.capFen}, ${p.programManagerId}, ${p.publicityEndsAt}, ${p.awardedBy})
           RETURNING id, publicity_ends_at, created_at
         )`;
}
