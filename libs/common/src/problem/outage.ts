/**
 * Is this error a dependency (Postgres or Redis) being away, rather than a bug? Such errors are
 * answered 503 with `Retry-After`: the request changed nothing (its transaction did not commit)
 * and the same request is expected to work once the dependency is back, with no restart of ours.
 */

/** How long a client should wait before retrying after an outage answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes and codes that mean "the server or the connection is gone", not "your query".
// 08: connection exception; 57P01/02/03: admin or crash shutdown, cannot connect now (starting up
// or recovering); 53300: too many connections; 57P05: idle session timeout.
const PG_OUTAGE = /^(08...|57P0[1235]|53300)$/;

// Socket-level errors of node:net, from pg or ioredis.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// pg reports a lost socket and an exhausted pool wait only in words. TypeORM releases a query
// runner whose connection failed, so a transaction's next statement meets "already released".
const PG_MESSAGES = [
  /already released/i,
  /Connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /Client was closed/i,
  /Connection ended unexpectedly/i,
];

// ioredis: gave up retrying while reconnecting, or the connection is closed / not writable.
const REDIS_NAMES = new Set(['MaxRetriesPerRequestError']);
const REDIS_MESSAGES = [
  /Connection is closed/i,
  /Stream isn't writeable/i,
  /max retries per request/i,
  /Redis is not connected/i,
];

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  driverError?: ErrorLike;
  cause?: unknown;
}

/** True when the error says Postgres or Redis is away (as opposed to a bug or a bad request). */
export function isOutage(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (PG_OUTAGE.test(code) || SOCKET_CODES.has(code) || REDIS_NAMES.has(name)) return true;
  if ([...PG_MESSAGES, ...REDIS_MESSAGES].some((pattern) => pattern.test(message))) return true;
  // TypeORM wraps the driver's error; AggregateError (node's dual-stack connect) nests them.
  const nested = e.driverError ?? e.cause ?? (err as { errors?: unknown[] }).errors?.[0];
  return nested ? isOutage(nested, depth + 1) : false;
}
