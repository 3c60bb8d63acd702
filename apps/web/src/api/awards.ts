/** TanStack Query hooks over the awards API (libs/awards) and the agency's challenge management. */
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { bidKeys } from './bids';
import { api, call, type Schemas } from './client';
import { keys } from './queries';

export type ProjectSummary = Schemas['ProjectSummaryView'];
export type ProjectView = Schemas['ProjectView'];
export type GateView = Schemas['GateView'];
export type Objection = Schemas['ObjectionView'];
export type Resolution = Schemas['ResolutionView'];
export type AwardBody = Schemas['AwardDto'];

export const awardKeys = {
  projects: (challengeId: string) => ['projects', { challengeId }] as const,
  gate: (challengeId: string, n: number) => ['gate', challengeId, n] as const,
  evidence: (challengeId: string, n: number) => ['gate-evidence', challengeId, n] as const,
  objections: (projectId: string) => ['objections', projectId] as const,
  staff: (role: string) => ['staff', role] as const,
};

/** One bid (the agency reads it after the deadline): its total investment is the base of the funding rule. */
export function useBid(bidId: string | null) {
  return useQuery({
    queryKey: bidKeys.bid(bidId ?? ''),
    enabled: !!bidId,
    staleTime: 5 * 60 * 1000,
    queryFn: ({ signal }) => call(api.GET('/api/v1/bids/{id}', { params: { path: { id: bidId ?? '' } }, signal })),
  });
}

/** The projects of a challenge (the agency sees all of its challenge's). */
export function useChallengeProjects(challengeId: string, enabled = true) {
  return useQuery({
    queryKey: awardKeys.projects(challengeId),
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/projects', { params: { query: { challengeId, limit: 100 } }, signal })),
  });
}

/** What an award, a gate or a resolution changes: the challenge's counters and status, its projects, its ranking. */
function useInvalidateAwarding(challengeId: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.challenge(challengeId) }),
      client.invalidateQueries({ queryKey: awardKeys.projects(challengeId) }),
      client.invalidateQueries({ queryKey: ['ranking', challengeId] }),
      client.invalidateQueries({ queryKey: ['gate-evidence', challengeId] }),
      client.invalidateQueries({ queryKey: ['challenges'] }),
    ]);
}

export function useAward(challengeId: string) {
  const invalidate = useInvalidateAwarding(challengeId);
  return useMutation({
    mutationFn: (body: AwardBody) =>
      call(api.POST('/api/v1/challenges/{id}/awards', { params: { path: { id: challengeId } }, body })),
    onSuccess: () => invalidate(),
  });
}

/** `onDone` is called even though the finishing form is gone once the challenge is awarded. */
export function useFinishAwarding(challengeId: string, onDone?: (view: Schemas['FinishAwardingView']) => void) {
  const invalidate = useInvalidateAwarding(challengeId);
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/challenges/{id}/awards/finish', { params: { path: { id: challengeId } } })),
    onSuccess: (view) => {
      onDone?.(view);
      return invalidate();
    },
  });
}

/** The result of a gate; a gate not run yet (`run: false`) is null. */
export const gateQuery = (challengeId: string, n: number) => ({
  queryKey: awardKeys.gate(challengeId, n),
  retry: false,
  queryFn: async ({ signal }: { signal: AbortSignal }): Promise<GateView | null> => {
    const gate = await call(
      api.GET('/api/v1/challenges/{id}/stages/{n}/gate', { params: { path: { id: challengeId, n } }, signal }),
    );
    return gate.run ? gate : null;
  },
});

/** Every stage's gate of a horse race (1-based), in order. */
export function useGates(challengeId: string, stages: number) {
  return useQueries({ queries: Array.from({ length: stages }, (_, i) => gateQuery(challengeId, i + 1)) });
}

/** `onDone` is called even though the form that ran the gate is replaced by its result. */
export function useRunGate(challengeId: string, n: number, onDone?: (gate: GateView) => void) {
  const client = useQueryClient();
  const invalidate = useInvalidateAwarding(challengeId);
  return useMutation({
    mutationFn: (body: Schemas['GateDto']) =>
      call(api.POST('/api/v1/challenges/{id}/stages/{n}/gate', { params: { path: { id: challengeId, n } }, body })),
    onSuccess: (gate) => {
      onDone?.(gate);
      client.setQueryData(awardKeys.gate(challengeId, n), gate);
      return invalidate();
    },
  });
}

export function useObjections(projectIds: string[]) {
  return useQueries({
    queries: projectIds.map((id) => ({
      queryKey: awardKeys.objections(id),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        call(api.GET('/api/v1/projects/{id}/objections', { params: { path: { id } }, signal })),
    })),
  });
}

/** `onResolved` is called even when the form that resolved is gone by then (the objection is no longer open). */
export function useResolveObjection(challengeId: string, projectId: string, onResolved?: (r: Resolution) => void) {
  const client = useQueryClient();
  const invalidate = useInvalidateAwarding(challengeId);
  return useMutation({
    mutationFn: ({ oid, decision, comment }: { oid: string; decision: 'upheld' | 'dismissed'; comment: string }) =>
      call(
        api.POST('/api/v1/projects/{id}/objections/{oid}/resolve', {
          params: { path: { id: projectId, oid } },
          body: { decision, comment },
        }),
      ),
    onSuccess: (resolution) => {
      onResolved?.(resolution);
      return Promise.all([client.invalidateQueries({ queryKey: awardKeys.objections(projectId) }), invalidate()]);
    },
  });
}

export function useAssignProgramManager(challengeId: string, projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      call(api.PUT('/api/v1/projects/{id}/program-manager', { params: { path: { id: projectId } }, body: { userId } })),
    onSuccess: () => client.invalidateQueries({ queryKey: awardKeys.projects(challengeId) }),
  });
}

/* ---------- the agency's management of a challenge ---------- */

function useChallengeMutation<B>(id: string, send: (body: B) => Promise<Schemas['ChallengeView']>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (challenge) => {
      client.setQueryData(keys.challenge(id), challenge);
      return client.invalidateQueries({ queryKey: ['challenges'] });
    },
  });
}

export function useExtendDeadline(id: string) {
  return useChallengeMutation(id, (body: Schemas['ExtendDeadlineDto']) =>
    call(api.POST('/api/v1/challenges/{id}/extend-deadline', { params: { path: { id } }, body })),
  );
}

export function useCancelChallenge(id: string) {
  return useChallengeMutation(id, (body: Schemas['CancelChallengeDto']) =>
    call(api.POST('/api/v1/challenges/{id}/cancel', { params: { path: { id } }, body })),
  );
}

export function useUpdateChallenge(id: string) {
  return useChallengeMutation(id, (body: Schemas['UpdateChallengeDto']) =>
    call(api.PATCH('/api/v1/challenges/{id}', { params: { path: { id } }, body })),
  );
}

/**
 * What the gate of stage `n` would be judged on now (GET …/stages/:n/evidence): the projects still in
 * the race with their stage milestones and points, best first, and whether the stage has ended (database clock).
 */
export function useGateEvidence(challengeId: string, n: number) {
  return useQuery({
    queryKey: awardKeys.evidence(challengeId, n),
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/challenges/{id}/stages/{n}/evidence', { params: { path: { id: challengeId, n } }, signal })),
  });
}

export type StaffMember = Schemas['StaffMemberView'];

/** Active staff of a role (agency and admin may list them), for pickers; at most 200, by display name. */
export function useStaff(role: 'reviewer' | 'program_manager', enabled = true) {
  return useQuery({
    queryKey: awardKeys.staff(role),
    enabled,
    retry: false,
    staleTime: 5 * 60 * 1000,
    queryFn: ({ signal }) => call(api.GET('/api/v1/staff', { params: { query: { role } }, signal })),
  });
}
