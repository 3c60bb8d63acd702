/**
 * The typed client of the v1 API, generated from the committed openapi.json (`npm run web:api`):
 * a renamed field or a changed type breaks `tsc`, not a person's browser.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, isProblem } from './problem';
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
let onUnauthorized: (() => void) | null = null;

/** The session sets the token every request carries, and what to do when the API says it is no longer valid. */
export function setAuth(token: string | null, unauthorized?: () => void): void {
  bearer = token;
  onUnauthorized = unauthorized ?? null;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (bearer) request.headers.set('authorization', `Bearer ${bearer}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && bearer && onUnauthorized) onUnauthorized();
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
