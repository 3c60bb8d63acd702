/**
 * The queue dashboard's browser session, as pure functions: the cookie that carries it and how
 * long it lasts. The cookie holds a random session id, never an API token: stolen from the
 * dashboard's pages it opens nothing but the dashboard, for at most a quarter of an hour.
 */

export const DASHBOARD_COOKIE = 'jiebang_queues';
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** A dashboard session ends this long after it was opened (it is not extended by use). */
export const DASHBOARD_SESSION_TTL_MS = 15 * 60_000;

/**
 * Seconds the session lasts: its TTL, but never past the expiry of the sign-in that opened it
 * (a token with two minutes left opens a two-minute session).
 */
export function sessionMaxAgeSeconds(nowMs: number, tokenExpiresAtMs: number): number {
  return Math.max(0, Math.floor(Math.min(DASHBOARD_SESSION_TTL_MS, tokenExpiresAtMs - nowMs) / 1000));
}

/**
 * `Secure` always: browsers accept it on http://localhost too, and a dashboard cookie must never
 * travel in clear text. `SameSite=Strict` and the path keep it off every other request.
 */
const ATTRIBUTES = `Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; Secure; SameSite=Strict`;

export function sessionCookie(sessionId: string, maxAgeSeconds: number): string {
  return `${DASHBOARD_COOKIE}=${encodeURIComponent(sessionId)}; Max-Age=${maxAgeSeconds}; ${ATTRIBUTES}`;
}

export function clearedSessionCookie(): string {
  return `${DASHBOARD_COOKIE}=; Max-Age=0; ${ATTRIBUTES}`;
}

/** The value of cookie `name` in a `Cookie` header (the first one, as browsers send the most specific first). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return undefined;
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined; // a malformed %-escape is no session
  }
}
