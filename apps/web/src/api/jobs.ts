/**
 * The admin's job queues: the overview (GET /jobs), a retry of one failed job, and the browser
 * session of the Bull Board dashboard (/admin/queues, served by the api, not by this app).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, bearerToken, call, type Schemas } from './client';

export type QueueSummary = Schemas['QueueSummaryView'];
export type FailedJob = Schemas['FailedJobView'];

export const QUEUE_DASHBOARD = '/admin/queues';

const jobKeys = { overview: ['jobs', 'overview'] as const };

export function useJobOverview() {
  return useQuery({
    queryKey: jobKeys.overview,
    queryFn: ({ signal }) => call(api.GET('/api/v1/jobs', { signal })),
  });
}

export function useRetryJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ queue, jobId }: { queue: string; jobId: string }) =>
      call(api.POST('/api/v1/jobs/{queue}/{jobId}/retry', { params: { path: { queue, jobId } } })),
    onSettled: () => void client.invalidateQueries({ queryKey: jobKeys.overview }),
  });
}

/**
 * Opens a dashboard session: POST /admin/queues/session with the tab's bearer token sets a
 * short-lived HttpOnly cookie (a plain navigation cannot carry the header). True when it did.
 */
export async function openDashboardSession(): Promise<boolean> {
  const token = bearerToken();
  if (!token) return false;
  const res = await fetch(`${QUEUE_DASHBOARD}/session`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  }).catch(() => null);
  return Boolean(res?.ok);
}

/**
 * Where the dashboard entry page may send the browser back to: a page of the dashboard only (the
 * server puts the page asked for in `?next=`), never anywhere else — no open redirect.
 */
export function dashboardReturnPath(next: string | null | undefined): string {
  if (!next || !(next === QUEUE_DASHBOARD || next.startsWith(`${QUEUE_DASHBOARD}/`) || next.startsWith(`${QUEUE_DASHBOARD}?`)))
    return QUEUE_DASHBOARD;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s\\]/.test(next) || next.includes('..') || next.includes('//')) return QUEUE_DASHBOARD;
  return next;
}
