/** TanStack Query hooks of the admin's users page: list (search, role), create, deactivate and activate (GET/POST /users …). */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type ListedUser = Schemas['ListedUserView'];
export type CreateUserBody = Schemas['CreateUserDto'];
export type Role = ListedUser['role'];

/** Roles an admin creates here; teams register their organisation themselves. */
export const STAFF_ROLES = ['agency', 'program_manager', 'reviewer', 'admin', 'auditor'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Every role, for the list's filter. */
export const ALL_ROLES = ['team', ...STAFF_ROLES] as const satisfies readonly Role[];

export interface UserFilter {
  q: string;
  role: Role | '';
}

export const userKeys = {
  all: ['users'] as const,
  list: (filter: UserFilter) => ['users', 'list', filter] as const,
};

/** Newest first, 20 a page; an empty search or role is left out. */
export function useUsers(filter: UserFilter) {
  const q = filter.q.trim();
  const query = { ...(q ? { q } : {}), ...(filter.role ? { role: filter.role } : {}) };
  return useInfiniteQuery({
    queryKey: userKeys.list({ q, role: filter.role }),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/v1/users', { params: { query: { ...query, limit: 20, cursor: pageParam } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The old rows stay while a new search loads, so the table does not flash empty at each keystroke.
    placeholderData: keepPreviousData,
  });
}

/**
 * Every list of users is read again after a change: this page's, and the other pages' that list
 * users by role (agency officers, auditors), which share the 'users' prefix.
 */
function useRefreshUsers() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: userKeys.all });
}

export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: CreateUserBody) => call(api.POST('/api/v1/users', { body })),
    onSuccess: refresh,
  });
}

/** Deactivates (signed out at their next request, cannot sign in) or activates a user. */
export function useSetActive() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => {
      const params = { path: { id } };
      return call(
        active ? api.POST('/api/v1/users/{id}/activate', { params }) : api.POST('/api/v1/users/{id}/deactivate', { params }),
      );
    },
    onSuccess: refresh,
  });
}
