import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setAuth } from '../api/client';
import { jsonResponse, renderPage } from '../test/render';
import { makeCreditCode } from '@app/identity/credit-code';
import RegisterPage from './RegisterPage';
import SignInPage from './SignInPage';

const USER = {
  id: '7b0c7f5e-1111-4111-8111-111111111111',
  email: 'li.wei@example.cn',
  displayName: '李伟',
  role: 'team' as const,
  organizationId: '7b0c7f5e-2222-4222-8222-222222222222',
  active: true,
  createdAt: '2030-01-01T00:00:00.000Z',
};
const BID = '/challenges/7b0c7f5e-3333-4333-8333-333333333333/bid';

/** The API: registration (201) and login answer as they do. */
function serve() {
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = new URL((input as Request).url);
    if (url.pathname.endsWith('/auth/login')) return jsonResponse(200, { accessToken: 't', expiresIn: 3600, user: USER });
    return jsonResponse(201, { id: USER.organizationId });
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
  setAuth(null);
});

async function signInAt(path: string) {
  serve();
  const { router } = renderPage(<SignInPage />, { lang: 'en', path, route: '/sign-in' });
  fireEvent.change(await screen.findByLabelText(/^Email/), { target: { value: USER.email } });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'team-password-123' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  return router;
}

describe('back to where the visitor was after signing in or registering', () => {
  it('signing in goes back to the bid form it was sent from', async () => {
    const router = await signInAt(`/sign-in?next=${encodeURIComponent(BID)}`);
    await waitFor(() => expect(router.state.location.pathname).toBe(BID));
  });

  it.each(['//evil.example/x', 'https://evil.example/', '/\\evil.example'])(
    'an unsafe next (%s) is not followed: the role’s home instead',
    async (next) => {
      const router = await signInAt(`/sign-in?next=${encodeURIComponent(next)}`);
      await waitFor(() => expect(router.state.location.pathname).toBe('/'));
      expect(router.state.location.search).toBe('');
    },
  );

  it('the “no account” link keeps the return path for registering', async () => {
    renderPage(<SignInPage />, { lang: 'en', path: `/sign-in?next=${encodeURIComponent(BID)}`, route: '/sign-in' });
    expect(await screen.findByRole('link', { name: /Register your organisation/ })).toHaveAttribute(
      'href',
      `/register?next=${encodeURIComponent(BID)}`,
    );
  });

  it('registering (which signs the new admin in) goes back there too, not to the home page', async () => {
    serve();
    const { router } = renderPage(<RegisterPage />, {
      lang: 'en',
      path: `/register?next=${encodeURIComponent(BID)}`,
      route: '/register',
    });
    fireEvent.change(await screen.findByLabelText(/^Name/), { target: { value: '深圳光量子测量仪器有限公司' } });
    fireEvent.change(screen.getByLabelText(/^Unified social credit code/), {
      target: { value: makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: 'MA5FXXXX' }) },
    });
    fireEvent.change(screen.getByLabelText(/^Your name/), { target: { value: '李伟' } });
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: USER.email } });
    fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'team-password-123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(BID));
  });
});
