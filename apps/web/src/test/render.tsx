import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { SessionProvider } from '../auth/session';
import { signInPathAfter } from '../auth/session-end';
import { I18nProvider, type Lang } from '../i18n/i18n';
import { cssVariablesResolver, theme } from '../theme';

/** Renders a page as the app does (providers, router), in a language of the test's choice. */
export function renderPage(element: ReactElement, options: { lang?: Lang; path?: string; route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: options.route ?? '/', element },
      { path: '*', element: <div data-testid="navigated" /> },
    ],
    { initialEntries: [options.path ?? '/'] },
  );
  return {
    router,
    ...render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={client}>
          <I18nProvider lang={options.lang ?? 'zh'}>
            <SessionProvider onEnded={(reason) => void router.navigate(signInPathAfter(reason, router.state.location))}>
              <RouterProvider router={router} />
            </SessionProvider>
          </I18nProvider>
        </QueryClientProvider>
      </MantineProvider>,
    ),
  };
}

/** A problem+json answer, as the API sends it. */
export const problemResponse = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });

export const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
