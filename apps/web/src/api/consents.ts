/** TanStack Query hooks over consortium consent (libs/bids: /consent-requests). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type ConsentRequest = Schemas['ConsentRequestView'];
export type MemberConsent = Schemas['MemberConsentView'];

const consentKeys = { requests: ['consent-requests'] as const };

/** The consent requests addressed to the signed-in team user's organisation. */
export function useConsentRequests(enabled = true) {
  return useQuery({
    queryKey: consentKeys.requests,
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/consent-requests', { signal })),
  });
}

export type ConsentAnswer = { id: string; verb: 'accept' } | { id: string; verb: 'decline'; reason?: string };

export function useAnswerConsent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (a: ConsentAnswer) =>
      a.verb === 'accept'
        ? call(api.POST('/api/v1/consent-requests/{id}/accept', { params: { path: { id: a.id } } }))
        : call(
            api.POST('/api/v1/consent-requests/{id}/decline', {
              params: { path: { id: a.id } },
              body: a.reason ? { reason: a.reason } : {},
            }),
          ),
    onSuccess: () => client.invalidateQueries({ queryKey: consentKeys.requests }),
  });
}
