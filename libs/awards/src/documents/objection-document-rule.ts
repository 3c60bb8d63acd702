import { AuthUser, Role, actsForAgency } from '@app/common/auth';

/**
 * Who may read an objection's documents (pure). An objector is exposed to the team it objects to
 * (the ledger's public entry names no one for that reason), so its files are read only by the
 * objector's side and by those who decide: the objector, the objector's organisation, the
 * challenge's agency, admins. Everyone else — the team objected to included — may not know they
 * exist ('hidden'); never 'public'.
 */
export function objectionDocumentAccess(
  o: {
    raisedBy: string;
    /** The agency organisation of the objection's challenge. */
    agencyOrganizationId: string;
    /** The organisation the document was uploaded for: the objector's (attachDocuments admits only the objector's own organisation's uploads). */
    documentOrganizationId: string | null;
  },
  user: Pick<AuthUser, 'id' | 'role' | 'organizationId'> | undefined,
): 'allowed' | 'hidden' {
  if (!user) return 'hidden';
  if (user.role === Role.Admin) return 'allowed';
  if (actsForAgency(user, o.agencyOrganizationId)) return 'allowed';
  if (user.id === o.raisedBy) return 'allowed';
  if (user.organizationId && o.documentOrganizationId !== null && user.organizationId === o.documentOrganizationId)
    return 'allowed';
  return 'hidden';
}
