/** TanStack Query hooks over the projects and milestones API (libs/awards projects, libs/milestones). */
import { useMutation, useQuery, useQueryClient, type Query } from '@tanstack/react-query';
import type { ChangeBody } from '../forms/change-request';
import type { SubmissionBody } from '../forms/evidence';
import type { ReviewBody } from '../forms/milestone-review';
import { api, call, type Schemas } from './client';

export type ProjectView = Schemas['ProjectView'];
export type ProjectSummary = Schemas['ProjectSummaryView'];
export type ProjectMilestone = Schemas['ProjectMilestoneView'];

export type SubmissionView = Schemas['SubmissionView'];
export type DisbursementView = Schemas['DisbursementView'];
export type DisbursementPage = Schemas['DisbursementListView'];
export type ChangeRequestView = Schemas['ChangeRequestDetailView'];

export const projectKeys = {
  list: ['projects'] as const,
  project: (id: string) => ['project', id] as const,
  submissions: (id: string, mid: string) => ['project', id, 'submissions', mid] as const,
  disbursements: (id: string) => ['project', id, 'disbursements'] as const,
  changeRequests: (id: string) => ['project', id, 'change-requests'] as const,
};

/** Polling while money is on its way: a scheduled tranche turns paid after DISBURSEMENT_DELAY. */
const POLL_MS = 1500;
const hasScheduled = (d: DisbursementPage | undefined) => !!d?.items.some((i) => i.status === 'scheduled');

const settled = (d: DisbursementPage | undefined) => !d || !hasScheduled(d);

/** The projects the signed-in user may see (first 100). */
export function useProjects(enabled = true) {
  return useQuery({
    queryKey: projectKeys.list,
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/projects', { params: { query: { limit: 100 } }, signal })),
  });
}

/** One project's query (key and fetch), shared by every reader of a project so they share its cache. */
export const projectQuery = (id: string) => ({
  queryKey: projectKeys.project(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => call(api.GET('/api/v1/projects/{id}', { params: { path: { id } }, signal })),
});

export function useProject(id: string, poll = false) {
  return useQuery({ ...projectQuery(id), refetchInterval: poll ? POLL_MS : false });
}

export function useSubmissions(id: string, mid: string) {
  return useQuery({
    queryKey: projectKeys.submissions(id, mid),
    queryFn: ({ signal }) =>
      call(api.GET('/api/v1/projects/{id}/milestones/{mid}/submissions', { params: { path: { id, mid } }, signal })),
  });
}

export function useDisbursements(id: string) {
  return useQuery({
    queryKey: projectKeys.disbursements(id),
    refetchInterval: (query: Query<DisbursementPage, Error, DisbursementPage, readonly unknown[]>) =>
      settled(query.state.data) ? false : POLL_MS,
    queryFn: ({ signal }) => call(api.GET('/api/v1/projects/{id}/disbursements', { params: { path: { id } }, signal })),
  });
}

/** Objections to the award (agency: all; anyone else: their own). Same key as the awards screens. */
export function useObjections(id: string) {
  return useQuery({
    queryKey: ['objections', id] as const,
    retry: false,
    queryFn: ({ signal }) => call(api.GET('/api/v1/projects/{id}/objections', { params: { path: { id } }, signal })),
  });
}

/** The project's plan change requests (GET /projects/:id/change-requests). */
export function useChangeRequests(id: string, enabled = true) {
  return useQuery({
    queryKey: projectKeys.changeRequests(id),
    enabled,
    retry: false,
    queryFn: ({ signal }) => call(api.GET('/api/v1/projects/{id}/change-requests', { params: { path: { id } }, signal })),
  });
}

export function useSubmitEvidence(id: string, mid: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmissionBody) =>
      call(api.POST('/api/v1/projects/{id}/milestones/{mid}/submissions', { params: { path: { id, mid } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: projectKeys.project(id), exact: true });
      void client.invalidateQueries({ queryKey: projectKeys.submissions(id, mid) });
      void client.invalidateQueries({ queryKey: projectKeys.list });
    },
  });
}

export function useReviewMilestone(id: string, mid: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewBody) =>
      call(api.POST('/api/v1/projects/{id}/milestones/{mid}/review', { params: { path: { id, mid } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: projectKeys.project(id) });
      void client.invalidateQueries({ queryKey: projectKeys.list });
    },
  });
}

export function useRequestChange(id: string, mid: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeBody) =>
      call(api.POST('/api/v1/projects/{id}/milestones/{mid}/change-requests', { params: { path: { id, mid } }, body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: projectKeys.changeRequests(id) }),
  });
}

export function useDecideChange(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ cid, approve, comment }: { cid: string; approve: boolean; comment?: string }) =>
      call(
        api.POST('/api/v1/projects/{id}/change-requests/{cid}/decision', {
          params: { path: { id, cid } },
          body: { approve, ...(comment ? { comment } : {}) },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: projectKeys.project(id) });
      void client.invalidateQueries({ queryKey: projectKeys.list });
    },
  });
}
