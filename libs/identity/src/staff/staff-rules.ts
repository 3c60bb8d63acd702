import { AuthUser, Role } from '@app/common/auth';

/** The roles the staff directory lists (pure). */
export const STAFF_DIRECTORY_ROLES = [Role.Reviewer, Role.ProgramManager] as const;
export type StaffDirectoryRole = (typeof STAFF_DIRECTORY_ROLES)[number];

/** Most entries one answer carries. */
export const STAFF_DIRECTORY_LIMIT = 200;

/** Who may list staff: agencies (to pick reviewers and program managers) and admins. */
export const maySeeStaffDirectory = (user: Pick<AuthUser, 'role'>): boolean =>
  user.role === Role.Agency || user.role === Role.Admin;

/** The roles to list: the one asked for, or both. */
export const staffRolesOf = (role?: StaffDirectoryRole): StaffDirectoryRole[] => (role ? [role] : [...STAFF_DIRECTORY_ROLES]);

/** The name filter, trimmed; null when there is nothing to filter on. */
export const nameFilterOf = (q?: string): string | null => {
  const trimmed = q?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};
