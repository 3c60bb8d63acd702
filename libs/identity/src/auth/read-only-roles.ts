import { Role } from '@app/common/auth';

/**
 * Roles that may read but never change anything (pure). An auditor (监督) oversees the platform;
 * if an auditor could write, the oversight would no longer be independent of what it oversees.
 */
export const READ_ONLY_ROLES: ReadonlySet<Role> = new Set([Role.Auditor]);

/** HTTP methods that change nothing (RFC 9110 §9.2.1). */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request by `role` with `method` must be refused because it could change state. */
export function refusesWrite(role: Role, method: string): boolean {
  return READ_ONLY_ROLES.has(role) && !SAFE_METHODS.has(method.toUpperCase());
}
