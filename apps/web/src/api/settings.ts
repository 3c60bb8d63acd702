import { useQuery } from '@tanstack/react-query';
import { api, call } from './client';

/** The server's public settings (GET /settings/public): what forms check against so the server will not refuse. */
export function usePublicSettings() {
  return useQuery({
    queryKey: ['settings', 'public'],
    queryFn: ({ signal }) => call(api.GET('/api/v1/settings/public', { signal })),
    staleTime: 60 * 60 * 1000,
  });
}
