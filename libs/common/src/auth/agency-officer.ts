import { AuthUser, Role } from './auth-user';

/**
 * Whether `user` acts for the agency organisation `agencyOrganizationId`: an agency user who is a
 * member (an officer) of it. Every agency-scoped rule (a challenge's drafts, publication, Q&A,
 * panel, awards, gates, projects) asks this, so two officers of one agency may both manage its
 * challenges, and an officer moved to another agency stops at once (the guard re-reads the user).
 */
export function actsForAgency(
  user: Pick<AuthUser, 'role' | 'organizationId'> | undefined,
  agencyOrganizationId: string | null | undefined,
): boolean {
  return (
    user?.role === Role.Agency &&
    user.organizationId !== null &&
    agencyOrganizationId !== null &&
    agencyOrganizationId !== undefined &&
    user.organizationId === agencyOrganizationId
  );
}
