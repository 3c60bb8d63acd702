/** TanStack Query hooks of the audit ledger (GET /audit), its verification, and the admin's auditor accounts. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type AuditEntry = Schemas['AuditEntryView'];
export type Verification = Schemas['VerifyView'];

/** The ledger's filters, as the API takes them (empty strings are left out). */
export interface AuditFilter {
  challengeId?: string;
  kind?: string;
  action?: string;
  actorId?: string;
  /** ISO-8601 instants: recorded at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

export const auditKeys = {
  entries: (filter: AuditFilter) => ['audit', 'entries', filter] as const,
  verify: (challengeId?: string) => ['audit', 'verify', challengeId ?? '*'] as const,
  auditors: ['users', 'auditor'] as const,
};

const present = (filter: AuditFilter): AuditFilter =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as AuditFilter;

/** The entries the signed-in reader may see, oldest first, 50 a page. */
export function useAuditEntries(filter: AuditFilter, enabled = true) {
  const query = present(filter);
  return useInfiniteQuery({
    queryKey: auditKeys.entries(query),
    enabled,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(api.GET('/api/v1/audit', { params: { query: { ...query, limit: 50, cursor: pageParam } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Re-reads the ledger: it keeps growing, so sending the filters again must show what was appended since. */
export function useRefreshAuditEntries() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: ['audit', 'entries'] });
}

/** Verifies every chain, or one challenge's, from its checkpoint (on demand: `refetch`). */
export function useVerification(challengeId?: string) {
  return useQuery({
    queryKey: auditKeys.verify(challengeId),
    queryFn: ({ signal }) =>
      challengeId
        ? call(api.GET('/api/v1/audit/verify/challenges/{id}', { params: { path: { id: challengeId } }, signal }))
        : call(api.GET('/api/v1/audit/verify', { signal })),
  });
}

export function useAuditors(enabled = true) {
  return useQuery({
    queryKey: auditKeys.auditors,
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/users', { params: { query: { role: 'auditor', limit: 100 } }, signal })),
  });
}

/** An admin creates an auditor (监督) account. */
export function useCreateAuditor() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; displayName: string; password: string }) =>
      call(api.POST('/api/v1/users', { body: { ...body, role: 'auditor' } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: auditKeys.auditors }),
  });
}
