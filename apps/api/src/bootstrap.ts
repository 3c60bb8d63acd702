import { IncomingMessage } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { invalid } from '@app/common/domain-error';
import { MAX_JSON_DEPTH, findUnsafeValue, jsonNestingExceeds } from '@app/common/http';
import { StartupQuietLogger } from '@app/common/logging';
import { preferredLanguage } from '@app/common/wording';
import { registerUploadParser } from '@app/documents';
import {
  createValidationPipe,
  problemSchemas,
  problemType,
  sendProblem,
  titleFor,
  unsafeValueError,
  wordProblem,
} from '@app/common/problem';
import { logRequests, requestIdOf } from './logging';
import { securityHeaders } from './security-headers';
import { findWebDist, serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';

/** The HTTP server underneath Nest: body limit, request ids, prompt shutdown of idle sockets. */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    trustProxy: config.trustProxyHops,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Errors the router meets before any route runs (a path parameter over maxParamLength, a
    // malformed percent-encoding) are answered as problem+json like every other error.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
      const code = status === 414 ? 'uri_too_long' : 'malformed_url';
      const language = preferredLanguage(request.headers['accept-language']);
      const detail = wordProblem(code, {}, language);
      void reply.header('content-language', language);
      void sendProblem(reply, { type: problemType(code), title: titleFor(status), status, detail, code });
    },
  });
}

/**
 * JSON bodies are parsed by Fastify's own parser (which refuses `__proto__` and `constructor`
 * keys), after a check of their nesting: a document nested deeper than MAX_JSON_DEPTH is a 400
 * before anything recursive walks it. A parsed body holding a value that cannot be stored (NUL,
 * a lone surrogate, Infinity) is a 400 naming the field.
 */
function parseJsonWithDepthLimit(app: NestFastifyApplication): void {
  // Nest adds its parsers at init() unless they are registered already: register them now, then
  // replace its JSON parser (Fastify refuses a second parser for one content type).
  app.getHttpAdapter().registerParserMiddleware(API_PREFIX, false);
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestingExceeds(body as string)) {
      return done(
        invalid('json_too_deep', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`, [
          { field: 'body', message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` },
        ]),
        undefined,
      );
    }
    // Checked here, not only in the validation pipe: interceptors (Idempotency-Key's canonical
    // JSON) see the body before any pipe does.
    return parse(request, body as string, (err: Error | null, value?: unknown) => {
      const found = err ? null : findUnsafeValue(value);
      return found ? done(unsafeValueError(found), undefined) : done(err, value);
    });
  });
}

/**
 * Nothing personal is stored by a browser or a shared cache: an API answer to a signed-in caller,
 * and any answer to a request that changes something (sign-in included), is `no-store`. Public
 * anonymous reads stay cacheable, and vary on Authorization so a cache never serves them to a
 * signed-in caller (who may see more).
 */
function noStoreForPersonalAnswers(request: FastifyRequest, reply: FastifyReply): void {
  if (!PERSONAL_PATHS.test(request.url) || reply.hasHeader('cache-control')) return;
  const readOnly = request.method === 'GET' || request.method === 'HEAD';
  if (request.headers.authorization || request.headers.cookie || !readOnly) {
    void reply.header('cache-control', 'private, no-store');
  } else {
    void reply.header('vary', 'authorization');
  }
}
const PERSONAL_PATHS = /^\/(api|admin)\//;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('jiebang API')
    .setDescription(
      'Challenge marketplace for public research funding under the Shenzhen future-industry measures: ' +
        '揭榜挂帅 (open call) and 赛马制 (horse race). Errors are RFC 9457 application/problem+json; money is integer fen.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...problemSchemas() } };
  return document;
}

/** Everything main.ts and the e2e tests apply alike, so tests exercise the real configuration. */
export async function configureApp(app: NestFastifyApplication, options: { logger?: boolean } = {}): Promise<void> {
  // Nest's ~230 start-up lines (modules, routes) at debug; main.ts says in one line where the api listens.
  if (options.logger !== false) app.useLogger(new StartupQuietLogger(app.get(Logger)));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['docs', 'docs-json', 'admin/*path'] });
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  const config = app.get<AppConfig>(APP_CONFIG);
  await registerUploadParser(app, config.documents);
  parseJsonWithDepthLimit(app);
  // JSON only: a text/plain or form body is refused with 415 instead of reaching validation as a
  // string or a flat map of strings.
  fastify.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
  logRequests(fastify);
  // Security headers (helmet's), computed once: they do not vary by request.
  const security = securityHeaders();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id).headers(security);
    done();
  });
  // Draining: a response finished after shutdown began says `Connection: close`, so keep-alive
  // sockets busy at SIGTERM do not hold the process open until their idle timeout (72 s).
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    noStoreForPersonalAnswers(request, reply);
    done(null, payload);
  });
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await serveWebApp(app, findWebDist(config.webDistDir)); // the production build of apps/web at / (when built), with SPA fallback
  app.enableShutdownHooks();
}
