/** The signed-in user's mail settings: the mail language and mail on/off per kind of notice. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from './client';

export type NotificationPreferences = Schemas['NotificationPreferencesView'];
export type PreferencesChange = Schemas['NotificationPreferencesDto'];

const key = ['notification-preferences'] as const;

export function useNotificationPreferences(enabled = true) {
  return useQuery({
    queryKey: key,
    enabled,
    queryFn: ({ signal }) => call(api.GET('/api/v1/me/notification-preferences', { signal })),
  });
}

/** Saves one change (a language, or some kinds); the answer is the whole new state, kept as the query's data. */
export function useSaveNotificationPreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferencesChange) => call(api.PUT('/api/v1/me/notification-preferences', { body })),
    onSuccess: (data) => client.setQueryData(key, data),
  });
}
