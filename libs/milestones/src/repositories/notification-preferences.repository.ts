import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';

export type MailPreferenceRow = RowOf<'notification_preferences', 'kind' | 'mail'>;

/** The kinds a user has set (no row: mail on). */
export function readMailPreferences(em: EntityManager, userId: string): Promise<MailPreferenceRow[]> {
  return runSql<MailPreferenceRow>(em, sql`SELECT kind, mail FROM notification_preferences WHERE user_id = ${userId}`);
}

/** Sets mail on/off for each given kind (other kinds keep what they had). */
export async function writeMailPreferences(em: EntityManager, userId: string, prefs: MailPreferenceRow[]): Promise<void> {
  if (!prefs.length) return;
  await runSql(
    em,
    sql`INSERT INTO notification_preferences (user_id, kind, mail)
        SELECT ${userId}, p.kind, p.mail FROM unnest(${prefs.map((p) => p.kind)}::varchar[], ${prefs.map((p) => p.mail)}::boolean[]) AS p(kind, mail)
        ON CONFLICT (user_id, kind) DO UPDATE SET mail = EXCLUDED.mail, updated_at = now()`,
  );
}

/** Which of `userIds` turned mail of this kind off. */
export async function usersWithMailOff(em: EntityManager, userIds: string[], kind: string): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await runSql<{ user_id: string }>(
    em,
    sql`SELECT user_id FROM notification_preferences WHERE user_id = ANY(${userIds}::uuid[]) AND kind = ${kind} AND NOT mail`,
  );
  return new Set(rows.map((r) => r.user_id));
}
