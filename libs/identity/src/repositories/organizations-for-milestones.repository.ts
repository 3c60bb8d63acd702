import { Sql, sql } from '@app/database';

/** `SELECT id, name` of every organisation, for libs/milestones' portfolio to join on the projects it lists. */
export const organizationNames = (): Sql => sql`SELECT o.id, o.name FROM organizations o`;
