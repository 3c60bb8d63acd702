/** TanStack Query hooks over the bids and review API (libs/bids). */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Challenge, type Schemas } from './client';

export type BidView = Schemas['BidView'];
export type BidBody = Schemas['BidDto'];
export type RankingView = Schemas['RankingView'];
export type Reviewer = Schemas['ReviewerView'];
export type Criterion = Schemas['CriterionView'];

export const bidKeys = {
  bids: (challengeId: string) => ['bids', challengeId] as const,
  bid: (bidId: string) => ['bid', bidId] as const,
  criteria: (challengeId: string) => ['criteria', challengeId] as const,
  reviewers: (challengeId: string) => ['reviewers', challengeId] as const,
  ranking: (challengeId: string, normalize: 'none' | 'z') => ['ranking', challengeId, normalize] as const,
  organization: (id: string) => ['organization', id] as const,
  quote: (rule: string, body: object) => ['quote', rule, body] as const,
  openChallenges: ['open-challenges'] as const,
};

/** The bids of a challenge the signed-in user may see (a team: its own, withdrawn ones too). */
export function useBids(challengeId: string, enabled = true) {
  return useQuery({
    queryKey: bidKeys.bids(challengeId),
    enabled,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/challenges/{id}/bids', { params: { path: { id: challengeId }, query: { limit: 100 } }, signal })),
  });
}

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: bidKeys.organization(id ?? ''),
    enabled: !!id,
    staleTime: 60 * 60 * 1000,
    queryFn: ({ signal }) => call(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

export interface QuoteInput {
  baseFen: number;
  requestedFen?: number;
  remainingBudgetFen?: number;
}

/** The funding rule's verdict on an investment and a request (the server's own engine). */
export function useQuote(rule: string, input: QuoteInput | null) {
  return useQuery({
    queryKey: bidKeys.quote(rule, input ?? {}),
    enabled: input !== null,
    staleTime: 5 * 60 * 1000,
    retry: false,
    queryFn: ({ signal }) =>
      call(
        api.POST('/api/v1/funding-rules/{id}/quote', { params: { path: { id: rule } }, body: input ?? { baseFen: 0 }, signal }),
      ),
  });
}

export function useSubmitBid(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ bidId, body }: { bidId?: string; body: BidBody }) =>
      bidId
        ? call(api.PUT('/api/v1/challenges/{id}/bids/{bidId}', { params: { path: { id: challengeId, bidId } }, body }))
        : call(api.POST('/api/v1/challenges/{id}/bids', { params: { path: { id: challengeId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: bidKeys.bids(challengeId) }),
  });
}

export function useWithdrawBid(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (bidId: string) =>
      call(api.POST('/api/v1/challenges/{id}/bids/{bidId}/withdraw', { params: { path: { id: challengeId, bidId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: bidKeys.bids(challengeId) }),
  });
}

/** Published and closed challenges (first 100 of each): where bids and panels are. */
export function useOpenChallenges() {
  return useQuery({
    queryKey: bidKeys.openChallenges,
    queryFn: async ({ signal }) => {
      const [published, closed] = await Promise.all(
        (['published', 'closed'] as const).map((status) =>
          call(api.GET('/api/v1/challenges', { params: { query: { status, limit: 100, sort: 'deadline' } }, signal })),
        ),
      );
      return [...published.items, ...closed.items];
    },
  });
}

/**
 * "My bids": the API has no per-organisation list, so the team's own bids are read challenge by
 * challenge (a team sees its own bids on each, withdrawn ones too).
 */
export function useMyBids(challenges: Challenge[] | undefined) {
  return useQueries({
    queries: (challenges ?? []).map((c) => ({
      queryKey: bidKeys.bids(c.id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(api.GET('/api/v1/challenges/{id}/bids', { params: { path: { id: c.id }, query: { limit: 100 } }, signal })),
    })),
  });
}

export function useCriteria(challengeId: string) {
  return useQuery({
    queryKey: bidKeys.criteria(challengeId),
    queryFn: ({ signal }) => call(api.GET('/api/v1/challenges/{id}/criteria', { params: { path: { id: challengeId } }, signal })),
  });
}

export function useReviewers(challengeId: string, enabled = true) {
  return useQuery({
    queryKey: bidKeys.reviewers(challengeId),
    enabled,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/challenges/{id}/reviewers', { params: { path: { id: challengeId } }, signal })),
  });
}

/** For a reviewer: which of these challenges has them on its panel (GET reviewers answers 403 otherwise). */
export function useAssignments(challenges: Challenge[] | undefined, userId: string | undefined) {
  return useQueries({
    queries: (challenges ?? []).map((c) => ({
      queryKey: bidKeys.reviewers(c.id),
      retry: false,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(api.GET('/api/v1/challenges/{id}/reviewers', { params: { path: { id: c.id } }, signal })),
    })),
    combine: (results) => ({
      pending: results.some((r) => r.isPending),
      assigned: (challenges ?? []).filter((_, i) => results[i]?.data?.items.some((r) => r.userId === userId)),
    }),
  });
}

export function useAssignReviewers(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userIds: string[]) =>
      call(api.POST('/api/v1/challenges/{id}/reviewers', { params: { path: { id: challengeId } }, body: { userIds } })),
    onSuccess: (data) => client.setQueryData(bidKeys.reviewers(challengeId), data),
  });
}

export function useRanking(challengeId: string, normalize: 'none' | 'z', enabled = true) {
  return useQuery({
    queryKey: bidKeys.ranking(challengeId, normalize),
    enabled,
    retry: false,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/challenges/{id}/ranking', { params: { path: { id: challengeId }, query: { normalize } }, signal })),
  });
}

export function useClosePanel(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/challenges/{id}/panel/close', { params: { path: { id: challengeId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ranking', challengeId] }),
  });
}

export function useShortlist(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (bidIds: string[]) =>
      call(api.POST('/api/v1/challenges/{id}/shortlist', { params: { path: { id: challengeId } }, body: { bidIds } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['ranking', challengeId] }),
  });
}

export function useDeclareConflict(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ bidId, reason }: { bidId: string; reason: string }) =>
      call(api.POST('/api/v1/bids/{id}/conflicts', { params: { path: { id: bidId } }, body: { reason } })),
    onSuccess: () => client.invalidateQueries({ queryKey: bidKeys.bids(challengeId) }),
  });
}

export function useScore() {
  return useMutation({
    mutationFn: ({
      bidId,
      scores,
      comment,
    }: {
      bidId: string;
      scores: { criterion: string; score: number }[];
      comment?: string;
    }) => call(api.POST('/api/v1/bids/{id}/scores', { params: { path: { id: bidId } }, body: { scores, comment } })),
  });
}

export function useSetCriteria(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (criteria: Criterion[]) =>
      call(api.PUT('/api/v1/challenges/{id}/criteria', { params: { path: { id: challengeId } }, body: { criteria } })),
    onSuccess: (data) => client.setQueryData(bidKeys.criteria(challengeId), data),
  });
}
