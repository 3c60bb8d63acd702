import { useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, call, setAuth } from '../api/client';
import SignInPage from '../pages/SignInPage';
import { problemResponse, renderPage } from '../test/render';
import { useSession } from './session';
import { sessionEndReason, signInPathAfter } from './session-end';

const KEY = 'jiebang.session';
const USER = {
  id: '7b0c7f5e-1111-4111-8111-111111111111',
  email: 'li.wei@example.cn',
  displayName: '李伟',
  role: 'team' as const,
  organizationId: '7b0c7f5e-2222-4222-8222-222222222222',
  active: true,
  createdAt: '2030-01-01T00:00:00.000Z',
};
const signedIn = (token = 'token-1') =>
  sessionStorage.setItem(KEY, JSON.stringify({ token, user: USER, expiresAt: Date.now() + 3_600_000 }));

const deactivated = () =>
  problemResponse(403, { code: 'identity.user_deactivated', detail: 'This account has been deactivated.' });
const unauthenticated = () =>
  problemResponse(401, { code: 'identity.unauthenticated', detail: 'The token is invalid or has expired.' });

afterEach(() => setAuth(null));

describe('which answers end a signed-in session', () => {
  it('a 403 identity.user_deactivated (deactivated) and a 401 identity.unauthenticated (expired), nothing else', () => {
    expect(sessionEndReason(403, 'identity.user_deactivated')).toBe('deactivated');
    expect(sessionEndReason(401, 'identity.unauthenticated')).toBe('expired');
    // A wrong password, a role that may not do this, another status with the same code: the session stays.
    expect(sessionEndReason(401, 'identity.invalid_credentials')).toBeNull();
    expect(sessionEndReason(403, 'identity.role_forbidden')).toBeNull();
    expect(sessionEndReason(403, 'forbidden')).toBeNull();
    expect(sessionEndReason(403, undefined)).toBeNull();
    expect(sessionEndReason(401, 'identity.user_deactivated')).toBeNull();
    expect(sessionEndReason(400, 'identity.unauthenticated')).toBeNull();
    expect(sessionEndReason(429, 'too_many_requests')).toBeNull();
  });

  it('goes to the sign-in page with the reason, and back to the page after signing in again', () => {
    expect(signInPathAfter('deactivated', { pathname: '/bids/mine', search: '?x=1' })).toBe(
      '/sign-in?reason=deactivated&next=%2Fbids%2Fmine%3Fx%3D1',
    );
    expect(signInPathAfter('expired', { pathname: '/sign-in', search: '?reason=expired' })).toBe('/sign-in?reason=expired');
    expect(signInPathAfter('expired')).toBe('/sign-in?reason=expired');
  });
});

describe('the typed client applies the rule to every answer', () => {
  it('tells the session, for a request that carried its token', async () => {
    const ended = vi.fn();
    setAuth('token-1', ended);
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(deactivated()).mockResolvedValueOnce(unauthenticated());
    await expect(call(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 403 });
    expect((fetch.mock.calls[0][0] as Request).headers.get('authorization')).toBe('Bearer token-1');
    await expect(call(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });
    expect(ended.mock.calls).toEqual([['deactivated'], ['expired']]);
  });

  it('leaves the session alone for other 401/403 answers, for requests made signed out, and for an older token', async () => {
    const ended = vi.fn();
    setAuth('token-1', ended);
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(problemResponse(403, { code: 'identity.role_forbidden' }))
      .mockResolvedValueOnce(problemResponse(401, { code: 'identity.invalid_credentials' }))
      .mockResolvedValueOnce(new Response('Unauthorized', { status: 401 }));
    await expect(call(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 403 });
    await expect(call(api.POST('/api/v1/auth/login', { body: { email: 'a@b.cn', password: 'x' } }))).rejects.toMatchObject({
      status: 401,
    });
    await expect(call(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });

    setAuth(null, ended);
    fetch.mockResolvedValueOnce(unauthenticated());
    await expect(call(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });

    // The answer to a request sent with token-1 arrives after token-2 signed in: token-2 stays.
    setAuth('token-1', ended);
    fetch.mockImplementationOnce(async () => {
      setAuth('token-2', ended);
      return unauthenticated();
    });
    await expect(call(api.GET('/api/v1/me'))).rejects.toMatchObject({ status: 401 });
    expect(ended).not.toHaveBeenCalled();
  });
});

function Me() {
  const { user } = useSession();
  const me = useQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/v1/me')), enabled: !!user });
  return <p>{user ? `signed in as ${user.displayName}: ${me.data?.email ?? '…'}` : 'signed out'}</p>;
}

describe('a session the API ends', () => {
  it('is signed out at once (token dropped) and sent to the sign-in page with the reason', async () => {
    signedIn();
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(deactivated());
    const { router } = renderPage(<Me />, { path: '/projects?page=2', route: '/projects' });
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      reason: 'deactivated',
      next: '/projects?page=2',
    });
    expect(sessionStorage.getItem(KEY)).toBeNull();
  });

  it('keeps a session whose request was merely forbidden to its role', async () => {
    signedIn();
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(problemResponse(403, { code: 'identity.role_forbidden' }));
    const { router } = renderPage(<Me />);
    await waitFor(() => expect(globalThis.fetch).toHaveBeenCalled());
    expect(await screen.findByText(/signed in as 李伟/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(sessionStorage.getItem(KEY)).not.toBeNull();
  });

  it('an expired or revoked token (401 identity.unauthenticated) ends it the same way', async () => {
    signedIn('old-token');
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(unauthenticated());
    const { router } = renderPage(<Me />, { path: '/notifications', route: '/notifications' });
    await waitFor(() => expect(router.state.location.search).toBe('?reason=expired&next=%2Fnotifications'));
    expect(sessionStorage.getItem(KEY)).toBeNull();
  });

  it.each([
    ['zh', 'deactivated', '此账号已被停用，请联系管理员'],
    ['zh', 'expired', '登录已过期，请重新登录'],
    ['en', 'deactivated', 'This account has been deactivated; contact your administrator'],
    ['en', 'expired', 'Your session has expired; please sign in again'],
  ] as const)('the sign-in page says why, in the reader’s language (%s: %s)', async (lang, reason, text) => {
    renderPage(<SignInPage />, { lang, path: `/sign-in?reason=${reason}&next=%2Fprojects`, route: '/sign-in' });
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
  });

  it('says nothing on an ordinary visit, nor for a made-up reason', () => {
    renderPage(<SignInPage />, { path: '/sign-in?reason=hacked', route: '/sign-in' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
