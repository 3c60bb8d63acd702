/** TanStack Query hooks of the portfolio cockpit, the money ledger, notifications and public results. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';
import type { paths } from './schema';
import { problemOf } from './problem';

export type PortfolioView = Schemas['PortfolioView'];
export type PortfolioItem = Schemas['PortfolioItemView'];
export type ProjectStatus = PortfolioItem['status'];
export type Health = PortfolioItem['health'];
export type PortfolioSort = NonNullable<NonNullable<paths['/api/v1/portfolio']['get']['parameters']['query']>['sort']>;
export type LedgerView = Schemas['LedgerView'];
export type NotificationItem = Schemas['NotificationView'];
type NotificationsView = Schemas['NotificationListView'];

/** One awarded project in the public results (paidFen, publicityEndsAt and stageReached once the API sends them). */
export type PublicResult = Schemas['PublicResultView'] & {
  paidFen?: number;
  publicityEndsAt?: string;
  stageReached?: number;
};
export type PublicResults = Omit<Schemas['PublicResultsView'], 'items' | 'awardedFen' | 'paidFen'> & {
  items: PublicResult[];
  /** The challenge's awarded total and what its projects have been paid (once the API sends them). */
  awardedFen?: number;
  paidFen?: number;
};
export type GateView = Schemas['GateView'];
export type Objection = Schemas['ObjectionView'];

export interface PortfolioParams {
  status?: ProjectStatus;
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

export function usePortfolio(params: PortfolioParams, enabled = true) {
  return useQuery({
    queryKey: portfolioKeys.portfolio(params),
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/portfolio', { params: { query: params }, signal })),
  });
}

export function useLedger(enabled = true) {
  return useQuery({
    queryKey: portfolioKeys.ledger,
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/ledger', { signal })),
  });
}

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: portfolioKeys.notifications,
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/notifications', { params: { query: { limit: 200 } }, signal })),
  });
}

/** How many unread notifications (for the badge in the menu); polled once a minute while signed in. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: portfolioKeys.unread,
    enabled,
    refetchInterval: 60_000,
    retry: false,
    queryFn: async ({ signal }) => {
      const data = await call(api.GET('/api/v1/notifications', { params: { query: { unread: 'true', limit: 200 } }, signal }));
      return data.items.length;
    },
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: (updated) => {
      client.setQueryData<NotificationsView>(portfolioKeys.notifications, (old) =>
        old ? { ...old, items: old.items.map((n) => (n.id === updated.id ? { ...n, readAt: updated.readAt } : n)) } : old,
      );
      void client.invalidateQueries({ queryKey: portfolioKeys.unread });
    },
  });
}

export function useResults(challengeId: string, enabled = true) {
  return useQuery({
    queryKey: portfolioKeys.results(challengeId),
    enabled,
    queryFn: async ({ signal }) =>
      (await call(
        api.GET('/api/v1/challenges/{id}/results', { params: { path: { id: challengeId } }, signal }),
      )) as PublicResults,
  });
}

/** The gate result of each stage 1..count; a stage whose gate has not run yet answers 404 → null. */
export function useGates(challengeId: string, count: number) {
  return useQueries({
    queries: Array.from({ length: count }, (_, i) => ({
      queryKey: portfolioKeys.gate(challengeId, i + 1),
      retry: false,
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<GateView | null> => {
        try {
          return await call(
            api.GET('/api/v1/challenges/{id}/stages/{n}/gate', { params: { path: { id: challengeId, n: i + 1 } }, signal }),
          );
        } catch (error) {
          if (problemOf(error).status === 404) return null;
          throw error;
        }
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
