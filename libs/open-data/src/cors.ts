/**
 * CORS for the public feed only: browser tools on any origin may read `/api/v1/open-data/…` with
 * GET (and HEAD), without credentials; the preflight of those routes is answered here. Every other
 * route of the api stays same-origin (no CORS header, no preflight answer), so nothing that needs
 * a token or changes state is opened to other sites.
 *
 * A fastify `onRequest` hook on the root instance, added by OpenDataModule at start-up (before the
 * server is ready, so fastify applies it to every route and to its 404 handler: a preflight needs
 * no OPTIONS route of its own). The response headers are set before the handler runs, so errors of
 * the feed (problem+json 400/404) are readable cross-origin too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const OPEN_DATA_PATH = '/api/v1/open-data/';
const METHODS = 'GET, HEAD, OPTIONS';
/** Request headers a reading tool may send beyond the CORS-safelisted ones. */
const ALLOWED_HEADERS = 'Accept, Accept-Language, Content-Language, If-None-Match, If-Modified-Since';

const isOpenData = (url: string): boolean => url.startsWith(OPEN_DATA_PATH);

/** The CORS response headers of a read of the public feed (no credentials: `*` and nothing else). */
function allowRead(reply: FastifyReply): void {
  void reply
    .header('access-control-allow-origin', '*')
    .header('access-control-expose-headers', 'Content-Disposition, X-Request-Id')
    // Public data: readable from other origins also where the browser checks resource policy.
    .header('cross-origin-resource-policy', 'cross-origin');
}

export function openDataCorsHook(request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
  if (!isOpenData(request.url)) return done();
  if (request.method === 'GET' || request.method === 'HEAD') {
    allowRead(reply);
    return done();
  }
  if (request.method === 'OPTIONS' && request.headers.origin && request.headers['access-control-request-method']) {
    // A preflight: answer it here (GET and HEAD only; a browser refuses any other method itself).
    allowRead(reply);
    void reply
      .header('access-control-allow-methods', METHODS)
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', '86400')
      .status(204)
      .send();
    return;
  }
  done();
}

/** Adds the hook to the root fastify instance (before `ready()`; a no-op for a non-HTTP app). */
export function registerOpenDataCors(fastify: FastifyInstance | undefined): void {
  if (!fastify || typeof fastify.addHook !== 'function') return;
  fastify.addHook('onRequest', openDataCorsHook);
}
