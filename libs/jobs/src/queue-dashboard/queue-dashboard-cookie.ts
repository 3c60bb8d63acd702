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
 * The web app's page that opens a dashboard session for the signed-in admin and comes back (the
 * admin's sign-in is a bearer token in the tab, which a plain navigation to the dashboard cannot
 * carry): where a browser that asks for a dashboard page without a session is sent.
 */
export const DASHBOARD_ENTRY_PAGE = '/admin/jobs/board';

/**
 * `HttpOnly`, and `SameSite=Strict` with the dashboard's path keep it off every other request.
 * `Secure` whenever the request came over https (behind a TLS proxy: set TRUST_PROXY so the
 * server sees it did). Not over plain http: browsers drop a `Secure` cookie set by an http page
 * that is not localhost (a docker-compose reached by its LAN address), and the dashboard could
 * then never be opened; over http the API token itself travels in clear text anyway.
 */
const attributes = (secure: boolean) => `Path=${QUEUE_DASHBOARD_PATH}; HttpOnly;${secure ? ' Secure;' : ''} SameSite=Strict`;

export function sessionCookie(sessionId: string, maxAgeSeconds: number, secure: boolean): string {
  return `${DASHBOARD_COOKIE}=${encodeURIComponent(sessionId)}; Max-Age=${maxAgeSeconds}; ${attributes(secure)}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${DASHBOARD_COOKIE}=; Max-Age=0; ${attributes(secure)}`;
}

/**
 * Where to send a browser that asked for a dashboard page (GET, `Accept: text/html`, no bearer
 * header) without a valid session: the web app's entry page, which comes back to `url`. Null for
 * everything else (the board's own api and assets, scripts, the session route), which keeps its
 * problem+json 401.
 */
export function entryRedirect(method: string, url: string, headers: { accept?: string; authorization?: string }): string | null {
  if (method !== 'GET' || headers.authorization || !/\btext\/html\b/i.test(headers.accept ?? '')) return null;
  const path = url.split('?')[0];
  const under = path === QUEUE_DASHBOARD_PATH || path.startsWith(`${QUEUE_DASHBOARD_PATH}/`);
  if (!under || path.startsWith(`${QUEUE_DASHBOARD_PATH}/api/`) || path.startsWith(`${QUEUE_DASHBOARD_PATH}/static/`))
    return null;
  if (path === `${QUEUE_DASHBOARD_PATH}/session`) return null;
  return `${DASHBOARD_ENTRY_PAGE}?next=${encodeURIComponent(url)}`;
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
