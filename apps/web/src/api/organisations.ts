/** TanStack Query hook of the admin's registered-organisations page (GET /organizations: search, kind, keyset pages). */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type ListedOrganisation = Schemas['ListedOrganizationView'];
export type OrganisationKind = ListedOrganisation['kind'];

/** Every kind, for the list's filter: the applicants', then the agencies'. */
export const ORGANISATION_KINDS = [
  'enterprise',
  'university',
  'institute',
  'medical',
  'other',
  'agency',
] as const satisfies readonly OrganisationKind[];

export interface OrganisationFilter {
  q: string;
  kind: OrganisationKind | '';
}

/** Newest first, 20 a page; an empty search or kind is left out. */
export function useOrganisations(filter: OrganisationFilter) {
  const q = filter.q.trim();
  const query = { ...(q ? { q } : {}), ...(filter.kind ? { kind: filter.kind } : {}) };
  return useInfiniteQuery({
    queryKey: ['organisations', 'list', { q, kind: filter.kind }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/v1/organizations', { params: { query: { ...query, limit: 20, cursor: pageParam } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The old rows stay while a new search loads, so the table does not flash empty at each keystroke.
    placeholderData: keepPreviousData,
  });
}
