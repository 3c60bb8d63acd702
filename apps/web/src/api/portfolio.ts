/** TanStack Query hooks of the portfolio cockpit, the money ledger, notifications and public results. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';
import type { paths } from './schema';

export type PortfolioView = Schemas['PortfolioView'];
export type PortfolioItem = Schemas['PortfolioItemView'];
export type ProjectStatus = PortfolioItem['status'];
export type Health = PortfolioItem['health'];
export type PortfolioSort = NonNullable<NonNullable<paths['/api/v1/portfolio']['get']['parameters']['query']>['sort']>;
export type LedgerView = Schemas['LedgerView'];
export type NotificationItem = Schemas['NotificationView'];

/** One awarded project in the public results, and the results of a challenge with its totals. */
export type PublicResult = Schemas['PublicResultView'];
export type PublicResults = Schemas['PublicResultsView'];
export type GateView = Schemas['GateView'];
export type Objection = Schemas['ObjectionView'];

export interface PortfolioParams {
  // The portfolio filter offers the running and ended states; a merged project is shown through the one it became.
  status?: Exclude<ProjectStatus, 'merged'>;
  health?: Health;
  sort?: PortfolioSort;
  challengeId?: string;
}

export const portfolioKeys = {
  portfolio: (params: PortfolioParams) => ['portfolio', params] as const,
  ledger: ['ledger'] as const,
  notifications: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  results: (challengeId: string) => ['results', challengeId] as const,
  gate: (challengeId: string, n: number) => ['gate', challengeId, n] as const,
};

/** The portfolio, 50 projects a page; every page carries the totals and timeline of the whole portfolio. */
export function usePortfolio(params: PortfolioParams, enabled = true) {
  return useInfiniteQuery({
    queryKey: portfolioKeys.portfolio(params),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/v1/portfolio', { params: { query: { ...params, limit: 50, cursor: pageParam } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // A new filter or sort keeps the figures on screen until its first page arrives (no flash of "loading").
    placeholderData: keepPreviousData,
  });
}

export function useLedger(enabled = true) {
  return useQuery({
    queryKey: portfolioKeys.ledger,
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/ledger', { signal })),
  });
}

/** The user's notifications, newest first, 50 a page (`unreadOnly`: the server filters). */
export function useNotifications(unreadOnly: boolean, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...portfolioKeys.notifications, { unreadOnly }],
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: 50, cursor: pageParam, ...(unreadOnly ? { unread: 'true' as const } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** How many unread notifications (for the badge in the menu): the count the API gives with any page; polled once a minute. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: portfolioKeys.unread,
    enabled,
    refetchInterval: 60_000,
    retry: false,
    queryFn: async ({ signal }) =>
      (await call(api.GET('/api/v1/notifications', { params: { query: { limit: 1 } }, signal }))).unreadCount,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    // Pages, filters and the badge all change: read them again.
    onSuccess: () => client.invalidateQueries({ queryKey: portfolioKeys.notifications }),
  });
}

export function useResults(challengeId: string, enabled = true) {
  return useQuery({
    queryKey: portfolioKeys.results(challengeId),
    enabled,
    queryFn: async ({ signal }) =>
      await call(api.GET('/api/v1/challenges/{id}/results', { params: { path: { id: challengeId } }, signal })),
  });
}

/** The gate result of each stage 1..count; a stage whose gate has not run yet (`run: false`) → null. */
export function useGates(challengeId: string, count: number) {
  return useQueries({
    queries: Array.from({ length: count }, (_, i) => ({
      queryKey: portfolioKeys.gate(challengeId, i + 1),
      retry: false,
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<GateView | null> => {
        const gate = await call(
          api.GET('/api/v1/challenges/{id}/stages/{n}/gate', { params: { path: { id: challengeId, n: i + 1 } }, signal }),
        );
        return gate.run ? gate : null;
      },
    })),
  });
}

export function useLodgeObjection(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, reason }: { projectId: string; reason: string }) =>
      call(api.POST('/api/v1/projects/{id}/objections', { params: { path: { id: projectId } }, body: { reason } })),
    onSuccess: () => client.invalidateQueries({ queryKey: portfolioKeys.results(challengeId) }),
  });
}

export type OpenDataStats = Schemas['StatsView'];

export function useOpenDataStats() {
  return useQuery({
    queryKey: ['open-data-stats'] as const,
    staleTime: 5 * 60 * 1000,
    queryFn: ({ signal }) => call(api.GET('/api/v1/open-data/stats', { signal })),
  });
}
