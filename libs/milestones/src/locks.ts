import { EntityManager } from 'typeorm';
import { LockedMilestone, LockedProject, lockMilestoneRow, lockProjectRow } from '@app/awards';
import { notFound } from '@app/common/domain-error';
import type { MilestoneStatus } from './milestone-rules';

export type { LockedProject };
export type MilestoneRow = LockedMilestone & { status: MilestoneStatus };

/** Lock order everywhere: the project row, then its milestone rows, then a disbursement row. */
export async function lockProject(em: EntityManager, projectId: string): Promise<LockedProject> {
  const row = await lockProjectRow(em, projectId);
  if (!row) throw notFound('projects.not_found', `No project ${projectId}.`);
  return row;
}

export async function lockMilestone(em: EntityManager, projectId: string, milestoneId: string): Promise<MilestoneRow> {
  const row = await lockMilestoneRow(em, projectId, milestoneId);
  if (!row) throw notFound('milestones.not_found', `No milestone ${milestoneId} in project ${projectId}.`);
  return row as MilestoneRow;
}
