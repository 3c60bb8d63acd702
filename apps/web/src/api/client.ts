/**
 * The typed client of the v1 API, generated from the committed openapi.json (`npm run web:api`):
 * a renamed field or a changed type breaks `tsc`, not a person's browser.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { sessionEndReason, type SessionEndReason } from '../auth/session-end';
import { ApiError, isProblem } from './problem';
import { readerLanguage } from './reader-language';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Challenge = Schemas['ChallengeView'];
export type ChallengePage = Schemas['ChallengePage'];
export type Question = Schemas['QuestionView'];
export type FundingRule = Schemas['FundingRuleView'];
export type Quote = Schemas['QuoteView'];
export type User = Schemas['UserView'];
export type CreateChallengeBody = Schemas['CreateChallengeDto'];
export type ListChallengesParams = NonNullable<paths['/api/v1/challenges']['get']['parameters']['query']>;

let bearer: string | null = null;
let onSessionEnd: ((reason: SessionEndReason) => void) | null = null;

/**
 * The session sets the token every request carries, and what to do when the API says the session
 * is over (see `sessionEndReason`).
 */
export function setAuth(token: string | null, sessionEnded?: (reason: SessionEndReason) => void): void {
  bearer = token;
  onSessionEnd = sessionEnded ?? null;
}

/** The session's token, for the few requests made outside the typed client (uploads with progress, file downloads). */
export function bearerToken(): string | null {
  return bearer;
}

/** The `code` of a problem+json answer, read from a copy (the caller still reads the body). */
async function problemCode(response: Response): Promise<string | undefined> {
  try {
    const body: unknown = await response.clone().json();
    return isProblem(body) && typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one place every API answer passes: a 403 `identity.user_deactivated` or a 401
 * `identity.unauthenticated` to a request that carried the current session's token ends that
 * session (signed out at once, sent to the sign-in page with the reason). An answer to a request
 * made with an older token, or made signed out, changes nothing.
 */
const auth: Middleware = {
  onRequest({ request }) {
    if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
    // Problems (detail, field messages) come back in the language the reader sees the UI in.
    if (!request.headers.has('accept-language')) request.headers.set('accept-language', readerLanguage());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 && response.status !== 403) return response;
    const sent = request.headers.get('authorization');
    if (!bearer || sent !== `Bearer ${bearer}`) return response;
    const reason = sessionEndReason(response.status, await problemCode(response));
    // Still the same session after reading the body (a concurrent answer may have ended it already).
    if (reason && onSessionEnd && sent === `Bearer ${bearer}`) onSessionEnd(reason);
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? 'http://localhost',
  // Looked up on each call (not captured once), so tests can stand in for the network.
  fetch: (request) => globalThis.fetch(request),
});
api.use(auth);

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem+json body (a body
 * that is not problem+json still becomes a problem with the HTTP status).
 */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (response.ok) return data as T;
  const problem = isProblem(error) ? error : { status: response.status, title: response.statusText, detail: String(error ?? '') };
  throw new ApiError(problem);
}
