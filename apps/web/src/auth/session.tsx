import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call, setAuth, type User } from '../api/client';
import type { SessionEndReason } from './session-end';

/**
 * Who is signed in: the bearer token and user of POST /auth/login, kept in sessionStorage (a
 * closed tab signs out) until it expires. Every request of the typed client carries the token.
 * The session ends — token and cached queries dropped at once, then `onEnded` (the app goes to the
 * sign-in page with the reason) — when the API answers a request of it with 403
 * `identity.user_deactivated` or 401 `identity.unauthenticated` (`session-end.ts`), or when the
 * token's lifetime is over.
 */
interface Stored {
  token: string;
  user: User;
  expiresAt: number;
}

interface Session {
  user: User | null;
  signIn(email: string, password: string): Promise<User>;
  signOut(): void;
}

const KEY = 'jiebang.session';
const SessionContext = createContext<Session | null>(null);

function load(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Stored;
    return stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

export function SessionProvider({
  children,
  onEnded,
}: {
  children: ReactNode;
  /** Called after the session ended by itself (not by the person signing out). */
  onEnded?: (reason: SessionEndReason) => void;
}) {
  const queryClient = useQueryClient();
  const [stored, setStored] = useState<Stored | null>(() => load());

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setAuth(null);
    setStored(null);
    queryClient.clear();
  }, [queryClient]);

  const end = useCallback(
    (reason: SessionEndReason) => {
      signOut();
      onEnded?.(reason);
    },
    [signOut, onEnded],
  );

  // Set synchronously during render too, so the first queries of a restored session carry the token.
  setAuth(stored?.token ?? null, end);
  useEffect(() => {
    if (!stored) return;
    const timer = setTimeout(() => end('expired'), Math.max(0, stored.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [stored, end]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
      const next: Stored = { token: res.accessToken, user: res.user, expiresAt: Date.now() + res.expiresIn * 1000 };
      sessionStorage.setItem(KEY, JSON.stringify(next));
      setAuth(next.token, end);
      setStored(next);
      await queryClient.invalidateQueries();
      return res.user;
    },
    [queryClient, end],
  );

  const value = useMemo<Session>(() => ({ user: stored?.user ?? null, signIn, signOut }), [stored, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
