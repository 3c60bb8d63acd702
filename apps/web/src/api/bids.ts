/** TanStack Query hooks over the bids and review API (libs/bids). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type BidView = Schemas['BidView'];
export type BidBody = Schemas['BidDto'];
export type RankingView = Schemas['RankingView'];
export type Reviewer = Schemas['ReviewerView'];
export type Criterion = Schemas['CriterionView'];
/** A criterion as the agency sends it (the key is left out for a new one: the server makes it). */
export type CriterionInput = Schemas['CriterionDto'];
export type MyScores = Schemas['MyScoresView'];
export type MyScoreSheet = Schemas['MyScoreSheetView'];

export const bidKeys = {
  bids: (challengeId: string) => ['bids', challengeId] as const,
  bid: (bidId: string) => ['bid', bidId] as const,
  criteria: (challengeId: string) => ['criteria', challengeId] as const,
  reviewers: (challengeId: string) => ['reviewers', challengeId] as const,
  ranking: (challengeId: string, normalize: 'none' | 'z') => ['ranking', challengeId, normalize] as const,
  organization: (id: string) => ['organization', id] as const,
  quote: (rule: string, body: object) => ['quote', rule, body] as const,
  mine: ['bids', 'mine'] as const,
  assignments: ['review-assignments'] as const,
  myScores: (challengeId: string) => ['my-scores', challengeId] as const,
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
  maxAwardFen?: number | null;
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
    // ['bids'] covers this challenge's bids and the team's own list.
    onSuccess: () => client.invalidateQueries({ queryKey: ['bids'] }),
  });
}

export function useWithdrawBid(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (bidId: string) =>
      call(api.POST('/api/v1/challenges/{id}/bids/{bidId}/withdraw', { params: { path: { id: challengeId, bidId } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['bids'] }),
  });
}

/** The team's own bids on every challenge, lead or consortium member, latest first (GET /bids). */
export function useMyBids() {
  return useInfiniteQuery({
    queryKey: bidKeys.mine,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/v1/bids', { params: { query: { limit: 50, cursor: pageParam } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
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

/** The reviewer's own assignments with counts (GET /review/assignments). */
export function useAssignments() {
  return useQuery({
    queryKey: bidKeys.assignments,
    queryFn: ({ signal }) => call(api.GET('/api/v1/review/assignments', { signal })),
  });
}

/** The reviewer's own score sheets and declared conflicts on a challenge (GET /challenges/:id/my-scores). */
export function useMyScores(challengeId: string, enabled = true) {
  return useQuery({
    queryKey: bidKeys.myScores(challengeId),
    enabled,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/challenges/{id}/my-scores', { params: { path: { id: challengeId } }, signal })),
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
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: bidKeys.bids(challengeId) });
      void client.invalidateQueries({ queryKey: bidKeys.assignments });
      void client.invalidateQueries({ queryKey: bidKeys.myScores(challengeId) });
    },
  });
}

export function useScore() {
  const client = useQueryClient();
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
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: bidKeys.assignments });
      void client.invalidateQueries({ queryKey: ['my-scores'] });
    },
  });
}

export function useSetCriteria(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (criteria: CriterionInput[]) =>
      call(api.PUT('/api/v1/challenges/{id}/criteria', { params: { path: { id: challengeId } }, body: { criteria } })),
    onSuccess: (data) => client.setQueryData(bidKeys.criteria(challengeId), data),
  });
}
