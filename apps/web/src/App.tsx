import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { RouterProvider } from 'react-router';
import { problemOf } from './api/problem';
import { SessionProvider } from './auth/session';
import { signInPathAfter, type SessionEndReason } from './auth/session-end';
import { NoticesHost } from './components/feedback/notify';
import { I18nProvider } from './i18n/i18n';
import { router } from './routes';
import { cssVariablesResolver, theme } from './theme';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a network error or a 5xx may.
      retry: (count, error) => count < 2 && (problemOf(error).status === 0 || problemOf(error).status >= 500),
    },
  },
});

/** A session the API ended (deactivated, expired): to the sign-in page, which says why. */
const sessionEnded = (reason: SessionEndReason) => void router.navigate(signInPathAfter(reason, router.state.location));

export function App() {
  return (
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={queryClient}>
          <I18nProvider>
            <SessionProvider onEnded={sessionEnded}>
              <RouterProvider router={router} />
              <NoticesHost />
            </SessionProvider>
          </I18nProvider>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>
  );
}
