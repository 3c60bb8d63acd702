import { EntityManager } from 'typeorm';
import { Role } from '@app/common/auth';
import { RowOf, runSql, sql } from '@app/database';

export type MailLanguage = 'zh' | 'en';

/** A user a notice is mailed to: the address and the language to word it in. */
export type MailRecipient = RowOf<'users', 'id' | 'email', { language: MailLanguage }>;

/**
 * Who reads a notice by mail: the user it is addressed to, or (addressed to an organisation) the
 * organisation's team users — the same people who see it in the app. Active users only.
 */
export function mailRecipients(
  em: EntityManager,
  to: { userId: string | null; organizationId: string | null },
): Promise<MailRecipient[]> {
  return runSql<MailRecipient>(
    em,
    sql`SELECT id, email, language FROM users
         WHERE active AND (id = ${to.userId} OR (organization_id = ${to.organizationId} AND role = ${Role.Team}))
         ORDER BY created_at, id`,
  );
}

/** The language a user reads mail in (`zh` when there is no such user). */
export async function readUserLanguage(em: EntityManager, userId: string): Promise<MailLanguage> {
  const [row] = await runSql<{ language: MailLanguage }>(em, sql`SELECT language FROM users WHERE id = ${userId}`);
  return row?.language ?? 'zh';
}

export async function writeUserLanguage(em: EntityManager, userId: string, language: MailLanguage): Promise<void> {
  await runSql(em, sql`UPDATE users SET language = ${language} WHERE id = ${userId}`);
}

/** The active officers of an agency organisation: to whom an agency's notices go, one each. */
export async function agencyOfficerIds(em: EntityManager, agencyOrganizationId: string): Promise<string[]> {
  const rows = await runSql<{ id: string }>(
    em,
    sql`SELECT id FROM users WHERE active AND role = ${Role.Agency} AND organization_id = ${agencyOrganizationId}
         ORDER BY created_at, id`,
  );
  return rows.map((r) => r.id);
}
