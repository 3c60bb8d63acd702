/** Bid drafts (libs/bids/src/drafts): the team's unfinished bid, saved on the server, sealed for its organisation. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BidValues } from '../forms/bid-form';
import { draftContentOf } from '../forms/bid-draft';
import { api, call, type Schemas } from './client';

export type BidDraftView = Schemas['BidDraftView'];
export type BidDraftSummary = Schemas['BidDraftSummaryView'];

export const draftKeys = {
  all: ['bid-drafts'] as const,
  draft: (challengeId: string) => ['bid-drafts', challengeId] as const,
};

/** The organisation's draft on the challenge, or null when there is none. */
export function useBidDraft(challengeId: string, enabled: boolean) {
  return useQuery({
    queryKey: draftKeys.draft(challengeId),
    enabled,
    retry: false,
    // The form is filled once from the draft; a refetch must not overwrite what the person types.
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<BidDraftView | null> =>
      (await call(api.GET('/api/v1/challenges/{id}/bid-draft', { params: { path: { id: challengeId } }, signal }))).draft,
  });
}

/** The organisation's drafts on open challenges (never their content). */
export function useBidDrafts() {
  return useQuery({
    queryKey: draftKeys.all,
    queryFn: ({ signal }) => call(api.GET('/api/v1/bid-drafts', { signal })),
  });
}

export function useSaveBidDraft(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (values: BidValues) =>
      call(
        api.PUT('/api/v1/challenges/{id}/bid-draft', {
          params: { path: { id: challengeId } },
          body: { content: draftContentOf(values) as unknown as Record<string, unknown> },
        }),
      ),
    // The list changes; the draft's own query keeps what the form was filled from.
    onSuccess: () => client.invalidateQueries({ queryKey: draftKeys.all, exact: true }),
  });
}

export function useDiscardBidDraft(challengeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/challenges/{id}/bid-draft', { params: { path: { id: challengeId } } })),
    onSuccess: () => {
      client.setQueryData(draftKeys.draft(challengeId), null);
      return client.invalidateQueries({ queryKey: draftKeys.all, exact: true });
    },
  });
}

/**
 * Which of the draft's files still exist: a file listed in a draft is an upload not yet attached,
 * deleted after DOCUMENT_ORPHAN_TTL. Answers the ids that are gone.
 */
export async function vanishedDocuments(ids: string[]): Promise<Set<string>> {
  const gone = new Set<string>();
  await Promise.all(
    ids.map(async (id) => {
      const { response } = await api.GET('/api/v1/documents/{id}', { params: { path: { id } } });
      if (response.status === 404) gone.add(id);
    }),
  );
  return gone;
}
