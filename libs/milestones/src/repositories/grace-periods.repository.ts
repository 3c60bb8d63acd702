import { EntityManager } from 'typeorm';
import { rawSql, runSql, sql } from '@app/database';

export async function endGracePeriod(em: EntityManager, milestoneId: string): Promise<void> {
  await runSql(em, sql`DELETE FROM milestone_grace_periods WHERE milestone_id = ${milestoneId}`);
}

/** A grace period until `endsAt` (replacing one already there). */
export async function grantGracePeriod(em: EntityManager, milestoneId: string, endsAt: Date): Promise<void> {
  await runSql(
    em,
    sql`INSERT INTO milestone_grace_periods (milestone_id, ends_at) VALUES (${milestoneId}, ${endsAt})
        ON CONFLICT (milestone_id) DO UPDATE SET ends_at = EXCLUDED.ends_at`,
  );
}

/** Moves the end of an existing grace period (none is created). */
export async function moveGracePeriod(em: EntityManager, milestoneId: string, endsAt: Date): Promise<void> {
  await runSql(em, sql`UPDATE milestone_grace_periods SET ends_at = ${endsAt} WHERE milestone_id = ${milestoneId}`);
}

/** A scalar: the earliest end of a grace period. */
export const nextGraceEnd = () => sql`(SELECT min(ends_at) FROM milestone_grace_periods)`;

/** The body of a CTE: the overdue milestones of CTE `upd` (id, due_at) get a grace period until due + graceMs. */
export const graceForOverdue = (upd: string, graceMs: number) =>
  sql`INSERT INTO milestone_grace_periods (milestone_id, ends_at)
      SELECT id, due_at + ${graceMs} * interval '1 millisecond' FROM ${rawSql(upd)}
      ON CONFLICT (milestone_id) DO UPDATE SET ends_at = EXCLUDED.ends_at RETURNING 1`;

/** The body of a CTE: up to `limit` grace periods that have ended, deleted (held rows skipped); RETURNING milestone_id. */
export const endDueGracePeriods = (limit: number) =>
  sql`DELETE FROM milestone_grace_periods g WHERE g.milestone_id IN (
        SELECT milestone_id FROM milestone_grace_periods WHERE ends_at <= now() ORDER BY ends_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING g.milestone_id`;
