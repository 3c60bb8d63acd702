import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
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

export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = requestIdOf(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Keep the line short: method, url, status, time. Headers other than these are noise.
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    },
  };
}
