import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Paths that belong to the API and its tools: never answered with the web app. */
// Only the queue dashboard lives under /admin on the server; /admin/auditors and the rest of
// /admin are pages of the web app and must survive a reload.
const NOT_THE_WEB_APP = /^\/(api|docs|docs-json|admin\/queues)(\/|$)/;

/**
 * Where the production build of apps/web is: WEB_DIST_DIR (AppConfig.webDistDir), or apps/web/dist of the repository
 * (seen from the TypeScript source, from the compiled dist/ tree, or from the working directory).
 */
export function findWebDist(webDistDir: string | null): string | null {
  const candidates = [
    webDistDir,
    resolve(__dirname, '../../web/dist'),
    resolve(__dirname, '../../../../apps/web/dist'),
    resolve(process.cwd(), 'apps/web/dist'),
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the web app's production build at `/`: its hashed assets (cached for a year) and, for
 * any other GET that is a page of the app (not /api, /docs or /admin/queues, and not a missing file),
 * index.html, so that client-side routes survive a reload. Does nothing when there is no build
 * (a developer runs `npm run web:dev` instead, and the API alone still works).
 */
export async function serveWebApp(app: NestFastifyApplication, dist: string | null): Promise<void> {
  if (!dist) return;
  const indexHtml = readFileSync(join(dist, 'index.html'));
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    setHeaders: (reply, path) => {
      const immutable = path.startsWith(join(dist, 'assets'));
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (reply: { type(t: string): unknown; header(k: string, v: string): unknown; send(b: Buffer): unknown }) => {
    reply.type('text/html; charset=utf-8');
    reply.header('cache-control', 'no-cache');
    return reply.send(indexHtml);
  };
  fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    // API paths keep their problem+json 404; a missing asset is a 404, not a page.
    if (NOT_THE_WEB_APP.test(path) || extname(path) !== '') return reply.callNotFound();
    return sendIndex(reply);
  });
}
