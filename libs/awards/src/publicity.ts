import { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { query } from './sql';

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
  const [p] = await query<{ status: string; challenge_id: string; ms_left: number; publicity_ends_at: Date }>(
    em,
    `SELECT status, challenge_id, publicity_ends_at, (extract(epoch FROM (publicity_ends_at - now())) * 1000)::float8 AS ms_left
       FROM projects WHERE id = $1 FOR UPDATE`,
    [projectId],
  );
  if (!p || p.status !== 'publicity') return { kind: 'moved_on' };
  if (p.ms_left > 0) return { kind: 'too_early', msLeft: p.ms_left };
  const [open] = await query<{ n: number }>(
    em,
    `SELECT count(*)::int AS n FROM project_objections WHERE project_id = $1 AND status = 'open'`,
    [projectId],
  );
  if (open.n > 0) return { kind: 'objection_open' };
  const [row] = await query<{ activated_at: Date }>(
    em,
    `UPDATE projects SET status = 'active', activated_at = now(), updated_at = now() WHERE id = $1 RETURNING activated_at`,
    [projectId],
  );
  await audit.record(em, {
    challengeId: p.challenge_id,
    actorId,
    action: 'project.publicity_ended',
    subjectType: 'project',
    subjectId: projectId,
    before: { status: 'publicity' },
    after: { status: 'active', publicityEndsAt: p.publicity_ends_at.toISOString(), activatedAt: row.activated_at.toISOString() },
    public: true,
  });
  return { kind: 'activated', activatedAt: row.activated_at };
}
