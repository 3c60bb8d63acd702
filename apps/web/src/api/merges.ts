/** TanStack Query hooks over a horse race's merges at a gate (强强联合, libs/awards merges). */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { awardKeys } from './awards';
import { api, call, type Schemas } from './client';
import { projectQuery } from './projects';
import { keys } from './queries';

export type Merge = Schemas['MergeView'];
export type MergeConsent = Schemas['MergeConsentView'];
export type ProposeMergeBody = Schemas['ProposeMergeDto'];
export type MergeConsentBody = Schemas['MergeConsentDto'];

export const mergeKeys = {
  list: (challengeId: string) => ['merges', challengeId] as const,
};

/** The challenge's merge proposals: all of them for the agency, those asking its organisation's consent for a team. */
export function useMerges(challengeId: string, enabled = true) {
  return useQuery({
    queryKey: mergeKeys.list(challengeId),
    enabled,
    retry: false,
    queryFn: ({ signal }) => call(api.GET('/api/v1/challenges/{id}/merges', { params: { path: { id: challengeId } }, signal })),
  });
}

/** A proposal or an answer changes the list and, once carried out, the projects and the challenge's figures. */
function useInvalidateMerges(challengeId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: mergeKeys.list(challengeId) }),
      client.invalidateQueries({ queryKey: awardKeys.projects(challengeId) }),
      client.invalidateQueries({ queryKey: keys.challenge(challengeId) }),
      client.invalidateQueries({ queryKey: ['project'] }),
    ]);
}

export function useProposeMerge(challengeId: string) {
  const invalidate = useInvalidateMerges(challengeId);
  return useMutation({
    mutationFn: (body: ProposeMergeBody) =>
      call(api.POST('/api/v1/challenges/{id}/merges', { params: { path: { id: challengeId } }, body })),
    onSuccess: () => invalidate(),
  });
}

export function useAnswerMerge(challengeId: string) {
  const invalidate = useInvalidateMerges(challengeId);
  return useMutation({
    mutationFn: ({ mid, body }: { mid: string; body: MergeConsentBody }) =>
      call(api.POST('/api/v1/challenges/{id}/merges/{mid}/consents', { params: { path: { id: challengeId, mid } }, body })),
    onSuccess: () => invalidate(),
  });
}

/** The chosen projects in full: their consortium members are organisations of the merged project too. */
export function useMergingProjects(projectIds: readonly string[]) {
  return useQueries({ queries: projectIds.map(projectQuery) });
}
