import { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { countOpenObjections } from './repositories/project-objections.repository';
import { activateProject, lockProjectForPublicityEnd } from './repositories/projects.repository';

export type ActivationResult =
  | { kind: 'activated'; activatedAt: Date }
  | { kind: 'too_early'; msLeft: number }
  | { kind: 'objection_open' }
  | { kind: 'moved_on' };

/**
 * Ends a project's publicity period if it is due, in the caller's transaction: publicity → active
 * when publicity_ends_at has passed by the database's clock and no objection is open. Locks the
 * project row first (FOR UPDATE), so an objection being lodged (which takes the row FOR SHARE)
 * either commits before — and is seen by the next statement — or waits and then finds the project
 * active. Idempotent: a project that is no longer in publicity is left alone.
 */
export async function activateIfDue(
  em: EntityManager,
  audit: AuditService,
  projectId: string,
  actorId: string | null,
): Promise<ActivationResult> {
  const p = await lockProjectForPublicityEnd(em, projectId);
  if (!p || p.status !== 'publicity') return { kind: 'moved_on' };
  if (p.ms_left > 0) return { kind: 'too_early', msLeft: p.ms_left };
  if ((await countOpenObjections(em, projectId)) > 0) return { kind: 'objection_open' };
  const activatedAt = await activateProject(em, projectId);
  await audit.record(em, {
    challengeId: p.challenge_id,
    actorId,
    action: 'project.publicity_ended',
    subjectType: 'project',
    subjectId: projectId,
    before: { status: 'publicity' },
    after: { status: 'active', publicityEndsAt: p.publicity_ends_at.toISOString(), activatedAt: activatedAt.toISOString() },
    public: true,
  });
  return { kind: 'activated', activatedAt };
}
