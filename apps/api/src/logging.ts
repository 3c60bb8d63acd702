import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { FastifyInstance } from 'fastify';
import { Params, PinoLogger } from 'nestjs-pino';
import type { DestinationStream, Logger } from 'pino';
import { AppConfig } from '@app/common/config';

const SAFE_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * One id per request: a well-formed `X-Request-Id` from the caller is kept (so a trace can cross
 * services), anything else is replaced. Fastify asks first; pino-http reads the same id.
 */
export function requestIdOf(req: IncomingMessage): string {
  const stashed = (req as IncomingMessage & { requestId?: string }).requestId;
  if (stashed) return stashed;
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
  (req as IncomingMessage & { requestId?: string }).requestId = id;
  return id;
}

/** Never written to a log line: credentials, tokens and anything that could be sealed bid content. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  '*.proposal',
  '*.body',
];

/**
 * nestjs-pino provides the logger for the application's own messages. Its per-request line is
 * written by a Fastify `onResponse` hook (`logRequests`) rather than by pino-http as Nest
 * middleware: running Express-style middleware through @fastify/middie cost ~40% of a small
 * request (measured with --cpu-prof), for the same one line per request.
 */
export function loggerParams(config: AppConfig, destination: DestinationStream): Params {
  return {
    forRoutes: [],
    // Only the logger's options: no pino-http middleware runs (forRoutes is empty).
    pinoHttp: [{ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination],
  };
}

/**
 * The root logger without its redaction pass, for the request line only. Redaction cost ~5% of a
 * small request and cannot change that line: every REDACTED_PATHS entry names a key inside an
 * object (two segments or more, checked by logging.spec.ts) and the line holds no object, only
 * strings and numbers. Same destination, level and base fields as the root.
 */
const unredacted = new WeakMap<Logger, Logger>();
export function requestLogger(root: Logger): Logger {
  let logger = unredacted.get(root);
  if (!logger) {
    logger = root.child({}, { redact: [] });
    unredacted.set(root, logger);
  }
  return logger;
}

/** One line per request: its id, method, url, status and time (never headers or bodies). */
export function logRequests(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    // Read per request: nestjs-pino creates the root logger during app.init(), after this hook is added.
    const logger = requestLogger(PinoLogger.root);
    const status = reply.statusCode;
    const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
    if (logger.isLevelEnabled(level)) {
      logger[level](
        // Flat fields: pino-http's req/res serializers expect raw Node objects.
        {
          reqId: request.id,
          method: request.method,
          url: request.url,
          statusCode: status,
          responseTime: Math.round(reply.elapsedTime),
          remoteAddress: request.ip,
        },
        'request completed',
      );
    }
    done();
  });
}
