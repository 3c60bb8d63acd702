/**
 * Which organisations a user of each role may belong to (pure): an agency user is an officer of an
 * agency organisation, a team user a member of an applicant; the other roles may name any
 * organisation (a reviewer's employer, for conflict checks) or none.
 */
import { Role } from '@app/common/auth';
import { AGENCY_KIND, type OrganizationKind } from './organization.entity';

/** Why a user of `role` may not belong to an organisation of `kind`, or undefined when they may. */
export function organizationRoleMismatch(role: Role, kind: OrganizationKind): string | undefined {
  if (role === Role.Agency && kind !== AGENCY_KIND) return `must be an agency organisation for an agency user, not ${kind}`;
  if (role === Role.Team && kind === AGENCY_KIND) return 'must be an applicant organisation for a team user, not an agency';
  return undefined;
}
