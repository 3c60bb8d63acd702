import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { SessionProvider } from './auth/session';
import { I18nProvider } from './i18n/i18n';
import { routes } from './routes';
import { jsonResponse } from './test/render';
import { cssVariablesResolver, theme } from './theme';

describe('routes', () => {
  it('a deep link (a lazily loaded page) shows that it loads, without a HydrateFallback warning', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(200, { items: [] })));
    const warn = vi.spyOn(console, 'warn');
    const router = createMemoryRouter(routes, { initialEntries: ['/funding-rules'] });
    render(
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
        <QueryClientProvider client={new QueryClient()}>
          <I18nProvider lang="zh">
            <SessionProvider onEnded={() => undefined}>
              <RouterProvider router={router} />
            </SessionProvider>
          </I18nProvider>
        </QueryClientProvider>
      </MantineProvider>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('加载中…');
    await screen.findByRole('heading', { level: 1, name: '资助规则' });
    expect(warn.mock.calls.flat().join('\n')).not.toMatch(/HydrateFallback/);
  });
});
