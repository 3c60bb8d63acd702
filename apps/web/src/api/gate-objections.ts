/** TanStack Query hooks over a horse-race gate's objections (libs/awards, gate publicity). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { awardKeys } from './awards';
import { api, call, type Schemas } from './client';
import { keys } from './queries';

export type GateObjection = Schemas['GateObjectionView'];
export type GateResolution = Schemas['GateResolutionView'];

export const gateObjectionKeys = {
  list: (challengeId: string, n: number) => ['gate-objections', challengeId, n] as const,
};

/** The gate's objections: all of them for the agency and admins, a team's own for a team. */
export function useGateObjections(challengeId: string, n: number, enabled = true) {
  return useQuery({
    queryKey: gateObjectionKeys.list(challengeId, n),
    enabled,
    retry: false,
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/challenges/{id}/stages/{n}/gate/objections', { params: { path: { id: challengeId, n } }, signal })),
  });
}

/** An objection or its resolution changes the list, the gate's phase and (once final) the projects. */
function useInvalidateGate(challengeId: string, n: number) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: gateObjectionKeys.list(challengeId, n) }),
      client.invalidateQueries({ queryKey: awardKeys.gate(challengeId, n) }),
      client.invalidateQueries({ queryKey: awardKeys.projects(challengeId) }),
      client.invalidateQueries({ queryKey: keys.challenge(challengeId) }),
      client.invalidateQueries({ queryKey: ['project'] }),
    ]);
}

export function useLodgeGateObjection(challengeId: string, n: number) {
  const invalidate = useInvalidateGate(challengeId, n);
  return useMutation({
    mutationFn: (body: Schemas['GateObjectionDto']) =>
      call(api.POST('/api/v1/challenges/{id}/stages/{n}/gate/objections', { params: { path: { id: challengeId, n } }, body })),
    onSuccess: () => invalidate(),
  });
}

export function useResolveGateObjection(challengeId: string, n: number) {
  const client = useQueryClient();
  const invalidate = useInvalidateGate(challengeId, n);
  return useMutation({
    mutationFn: ({ oid, body }: { oid: string; body: Schemas['ResolveGateObjectionDto'] }) =>
      call(
        api.POST('/api/v1/challenges/{id}/stages/{n}/gate/objections/{oid}/resolve', {
          params: { path: { id: challengeId, n, oid } },
          body,
        }),
      ),
    onSuccess: (resolution) => {
      // The gate as it stands now (phase, who advances) comes with the answer: shown at once, then refetched.
      client.setQueryData(awardKeys.gate(challengeId, n), resolution.gate);
      return invalidate();
    },
  });
}
