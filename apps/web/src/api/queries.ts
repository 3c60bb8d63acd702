/** TanStack Query hooks over the typed client: one place for every query key. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type ListChallengesParams } from './client';

export const PAGE_SIZE = 20;

export const keys = {
  challenges: (params: ListChallengesParams) => ['challenges', params] as const,
  challenge: (id: string) => ['challenge', id] as const,
  questions: (id: string) => ['questions', id] as const,
  fundingRules: ['funding-rules'] as const,
};

export function useChallenges(params: ListChallengesParams) {
  return useInfiniteQuery({
    queryKey: keys.challenges(params),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/v1/challenges', { params: { query: { ...params, limit: PAGE_SIZE, cursor: pageParam } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useChallenge(id: string) {
  return useQuery({
    queryKey: keys.challenge(id),
    queryFn: ({ signal }) => call(api.GET('/api/v1/challenges/{id}', { params: { path: { id } }, signal })),
  });
}

export function useQuestions(id: string) {
  return useQuery({
    queryKey: keys.questions(id),
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/challenges/{id}/questions', { params: { path: { id }, query: { limit: 100 } }, signal })),
  });
}

export function useFundingRules() {
  return useQuery({
    queryKey: keys.fundingRules,
    queryFn: ({ signal }) => call(api.GET('/api/v1/funding-rules', { signal })),
    staleTime: 60 * 60 * 1000,
  });
}

export function usePublish(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/challenges/{id}/publish', { params: { path: { id } } })),
    onSuccess: (challenge) => {
      client.setQueryData(keys.challenge(id), challenge);
      void client.invalidateQueries({ queryKey: ['challenges'] });
    },
  });
}

export function useAsk(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      call(api.POST('/api/v1/challenges/{id}/questions', { params: { path: { id } }, body: { text } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.questions(id) }),
  });
}

export function useAnswer(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ qid, text }: { qid: string; text: string }) =>
      call(api.POST('/api/v1/challenges/{id}/questions/{qid}/answer', { params: { path: { id, qid } }, body: { text } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.questions(id) });
      void client.invalidateQueries({ queryKey: keys.challenge(id) });
    },
  });
}
