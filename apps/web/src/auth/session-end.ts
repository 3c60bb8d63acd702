/**
 * When the API says a signed-in session is over, and where the person goes then. Pure: the typed
 * client applies the rule to every answer (`api/client.ts`), the session provider signs out, the
 * app sends the person to the sign-in page, which says why in their language.
 */
import type { MessageKey } from '../i18n/zh';

export const SESSION_END_REASONS = ['deactivated', 'expired'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * An answer to a request that carried the session's token ends the session when it is a 403
 * `identity.user_deactivated` (an admin deactivated the account) or a 401
 * `identity.unauthenticated` (the token expired or was revoked, or its user is gone). Any other
 * 401/403 — a wrong password, a role that may not do this — leaves the session as it is.
 */
export function sessionEndReason(status: number, code: string | undefined): SessionEndReason | null {
  if (status === 403 && code === 'identity.user_deactivated') return 'deactivated';
  if (status === 401 && code === 'identity.unauthenticated') return 'expired';
  return null;
}

/** The words of each reason on the sign-in page. */
export const SESSION_END_MESSAGE: Record<SessionEndReason, MessageKey> = {
  deactivated: 'session.deactivated',
  expired: 'session.expired',
};

export function isSessionEndReason(value: string | null | undefined): value is SessionEndReason {
  return (SESSION_END_REASONS as readonly string[]).includes(value ?? '');
}

/**
 * The sign-in page with the reason, and (unless the person was on the sign-in or registration page
 * already) the page to come back to after signing in again.
 */
export function signInPathAfter(reason: SessionEndReason, from?: { pathname: string; search?: string }): string {
  const params = new URLSearchParams({ reason });
  if (from && !['/sign-in', '/register'].includes(from.pathname)) params.set('next', `${from.pathname}${from.search ?? ''}`);
  return `/sign-in?${params.toString()}`;
}
