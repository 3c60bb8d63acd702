import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';
import { organizationNamesJsonSql } from '@app/identity';
import type { MergeConsent, MergeMilestone, MergeStatus } from '../project-merge.entity';
import type { ProjectConsortiumEntry, ProjectStatus } from '../project.entity';

export type MergeRow = RowOf<
  'project_merges',
  | 'id'
  | 'challenge_id'
  | 'stage'
  | 'lead_organization_id'
  | 'title'
  | 'total_investment_fen'
  | 'grant_fen'
  | 'proposed_by'
  | 'result_project_id'
  | 'decided_at'
  | 'created_at',
  {
    status: MergeStatus;
    project_ids: string[];
    consents: MergeConsent[];
    members: ProjectConsortiumEntry[];
    milestones: MergeMilestone[];
    /** The members' registered names by organisation id (read with the row, for its view). */
    member_names: Record<string, string>;
  }
>;

const MERGE_COLUMNS = sql`id, challenge_id, stage, project_ids, consents, lead_organization_id, members, title, total_investment_fen,
  grant_fen, milestones, status, proposed_by, result_project_id, decided_at, created_at,
  ${organizationNamesJsonSql(sql`SELECT (x->>'organizationId')::uuid FROM jsonb_array_elements(members) x`)} AS member_names`;

export interface NewMerge {
  challengeId: string;
  stage: number;
  projectIds: string[];
  consents: MergeConsent[];
  leadOrganizationId: string;
  members: ProjectConsortiumEntry[];
  title: string;
  totalInvestmentFen: number;
  grantFen: number;
  milestones: MergeMilestone[];
  proposedBy: string;
}

export async function insertMerge(em: EntityManager, m: NewMerge): Promise<MergeRow> {
  const [row] = await runSql<MergeRow>(
    em,
    sql`INSERT INTO project_merges (challenge_id, stage, project_ids, consents, lead_organization_id, members, title,
                                    total_investment_fen, grant_fen, milestones, proposed_by)
        VALUES (${m.challengeId}, ${m.stage}, ${JSON.stringify(m.projectIds)}::jsonb, ${JSON.stringify(m.consents)}::jsonb,
                ${m.leadOrganizationId}, ${JSON.stringify(m.members)}::jsonb, ${m.title}, ${m.totalInvestmentFen}, ${m.grantFen},
                ${JSON.stringify(m.milestones)}::jsonb, ${m.proposedBy})
        RETURNING ${MERGE_COLUMNS}`,
  );
  return row;
}

/** The challenge's merges, newest first; with `organizationId`, only those asking that organisation's consent. */
export function listMerges(em: EntityManager, challengeId: string, organizationId: string | null): Promise<MergeRow[]> {
  const mine = organizationId === null ? sql`` : sql`AND consents @> ${JSON.stringify([{ organizationId }])}::jsonb`;
  return runSql<MergeRow>(
    em,
    sql`SELECT ${MERGE_COLUMNS} FROM project_merges WHERE challenge_id = ${challengeId} ${mine} ORDER BY created_at DESC, id DESC`,
  );
}

export async function lockMerge(em: EntityManager, challengeId: string, mergeId: string): Promise<MergeRow | undefined> {
  const [row] = await runSql<MergeRow>(
    em,
    sql`SELECT ${MERGE_COLUMNS} FROM project_merges WHERE id = ${mergeId} AND challenge_id = ${challengeId} FOR UPDATE`,
  );
  return row;
}

/** The projects among `projectIds` already in a proposal awaiting consent (run under the challenge lock). */
export async function projectsInOpenMerges(
  em: EntityManager,
  challengeId: string,
  projectIds: readonly string[],
): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    em,
    sql`SELECT DISTINCT x.id FROM project_merges m, jsonb_array_elements_text(m.project_ids) AS x(id)
         WHERE m.challenge_id = ${challengeId} AND m.status = 'proposed' AND x.id = ANY(${projectIds}::text[])`,
  );
  return rows.map((r) => r.id);
}

export async function updateMerge(
  em: EntityManager,
  mergeId: string,
  change: { consents: MergeConsent[]; status: MergeStatus; resultProjectId: string | null },
): Promise<MergeRow> {
  const decided = change.status === 'proposed' ? sql`NULL` : sql`now()`;
  const [row] = await runSql<MergeRow>(
    em,
    sql`UPDATE project_merges SET consents = ${JSON.stringify(change.consents)}::jsonb, status = ${change.status},
               result_project_id = ${change.resultProjectId}, decided_at = ${decided}
         WHERE id = ${mergeId} RETURNING ${MERGE_COLUMNS}`,
  );
  return row;
}

export type MergingProjectRow = RowOf<
  'projects',
  | 'id'
  | 'challenge_id'
  | 'bid_id'
  | 'organization_id'
  | 'title'
  | 'stage_reached'
  | 'granted_fen'
  | 'paid_fen'
  | 'requested_fen'
  | 'policy_version_id'
  | 'rule_id'
  | 'rule_rate_bp'
  | 'rule_cap_fen'
  | 'program_manager_id',
  { status: ProjectStatus; consortium: ProjectConsortiumEntry[] }
>;

/** The projects of the challenge among `projectIds`, in id order; `lock` takes them FOR UPDATE (after the challenge row). */
export function readMergingProjects(
  em: EntityManager,
  challengeId: string,
  projectIds: readonly string[],
  lock: boolean,
): Promise<MergingProjectRow[]> {
  return runSql<MergingProjectRow>(
    em,
    sql`SELECT id, challenge_id, bid_id, organization_id, title, status, stage_reached, granted_fen, paid_fen, requested_fen,
               policy_version_id, rule_id, rule_rate_bp, rule_cap_fen, program_manager_id, consortium
          FROM projects WHERE challenge_id = ${challengeId} AND id = ANY(${projectIds}::uuid[])
         ORDER BY id${lock ? sql` FOR UPDATE` : sql``}`,
  );
}

/**
 * The merged projects end: status `merged`, pointing to the new project (checked at commit), and
 * their grant ends at what they were paid — the rest moved into the merged grant — so
 * CHK_projects_paid refuses any later payment to them.
 */
export async function markProjectsMerged(
  em: EntityManager,
  projectIds: readonly string[],
  mergedInto: string,
  reason: string,
): Promise<void> {
  await runSql(
    em,
    sql`UPDATE projects SET status = 'merged', merged_into = ${mergedInto}, granted_fen = paid_fen, ended_at = now(),
               end_reason = ${reason}, updated_at = now()
         WHERE id = ANY(${projectIds}::uuid[]) AND status = 'active'`,
  );
}

/** The merged project runs at once (its teams consented; the merge is public in the ledger): active, at the gate's stage. */
export async function startMergedProject(em: EntityManager, projectId: string, stage: number, paidFen: number): Promise<void> {
  await runSql(
    em,
    sql`UPDATE projects SET status = 'active', stage_reached = ${stage}, paid_fen = ${paidFen}, activated_at = now(),
               publicity_ends_at = now(), updated_at = now()
         WHERE id = ${projectId}`,
  );
}
