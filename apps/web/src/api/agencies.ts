/** TanStack Query hooks of the admin's agency organisations and their officers (GET/POST/PATCH /agencies …). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type AgencySummary = Schemas['AgencySummaryView'];
export type Agency = Schemas['AgencyView'];

export const agencyKeys = {
  list: ['agencies'] as const,
  one: (id: string) => ['agencies', id] as const,
  agencyUsers: ['users', 'agency'] as const,
};

export function useAgencies() {
  return useQuery({
    queryKey: agencyKeys.list,
    queryFn: ({ signal }) => call(api.GET('/api/v1/agencies', { signal })),
  });
}

export function useAgency(id: string) {
  return useQuery({
    queryKey: agencyKeys.one(id),
    queryFn: ({ signal }) => call(api.GET('/api/v1/agencies/{id}', { params: { path: { id } }, signal })),
  });
}

/** Agency users (to pick officers from), newest first; their `organizationId` says which agency they serve now. */
export function useAgencyUsers() {
  return useQuery({
    queryKey: agencyKeys.agencyUsers,
    queryFn: ({ signal }) => call(api.GET('/api/v1/users', { params: { query: { role: 'agency', limit: 100 } }, signal })),
  });
}

/** After a change: the list (counts), the agency, and the users (their agency) are read again. */
function useRefresh() {
  const client = useQueryClient();
  return (agency: Agency) => {
    client.setQueryData(agencyKeys.one(agency.id), agency);
    void client.invalidateQueries({ queryKey: agencyKeys.list, exact: true });
    void client.invalidateQueries({ queryKey: agencyKeys.agencyUsers });
  };
}

export function useRegisterAgency() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { name: string; creditCode: string }) => call(api.POST('/api/v1/agencies', { body })),
    onSuccess: refresh,
  });
}

export function useUpdateAgency(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { name?: string; creditCode?: string }) =>
      call(api.PATCH('/api/v1/agencies/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useOfficerChange(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ userId, add }: { userId: string; add: boolean }) => {
      const params = { path: { id, userId } };
      return call(
        add
          ? api.PUT('/api/v1/agencies/{id}/officers/{userId}', { params })
          : api.DELETE('/api/v1/agencies/{id}/officers/{userId}', { params }),
      );
    },
    onSuccess: refresh,
  });
}
