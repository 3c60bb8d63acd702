import { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { INestApplication } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/common/config';
import { createValidationPipe } from '@app/common/problem';
import { logRequests, requestIdOf } from './logging';
import { serveWebApp } from './web-app';

export const API_PREFIX = 'api/v1';

/** The HTTP server underneath Nest: body limit, request ids, prompt shutdown of idle sockets. */
export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
}

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
  return SwaggerModule.createDocument(app, config);
}

/** Everything main.ts and the e2e tests apply alike, so tests exercise the real configuration. */
export async function configureApp(app: NestFastifyApplication, options: { logger?: boolean } = {}): Promise<void> {
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: ['docs', 'docs-json', 'admin/*path'] });
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: a text/plain body is refused with 415 instead of reaching validation as a string.
  fastify.removeContentTypeParser('text/plain');
  logRequests(fastify);
  // Security headers from helmet, built once. (@fastify/helmet rebuilds helmet on every request,
  // which cost ~10% of a small request's time; the result is the same headers.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        // Swagger UI at /docs needs inline styles and its init script.
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:'],
        scriptSrc: [`'self'`, `'unsafe-inline'`],
      },
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    securityHeaders(request.raw, reply.raw as ServerResponse, (err?: unknown) => done(err as Error | undefined));
  });
  // Draining: a response finished after shutdown began says `Connection: close`, so keep-alive
  // sockets busy at SIGTERM do not hold the process open until their idle timeout (72 s).
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await serveWebApp(app); // the production build of apps/web at / (when built), with SPA fallback
  app.enableShutdownHooks();
}
