import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up chatter: one line per module loaded (InstanceLoader), per controller and per
 * route mapped (RoutesResolver, RouterExplorer) — about 230 lines before the api serves a request —
 * and "starting"/"started" (NestFactory, NestApplication). Useful when debugging wiring, noise
 * otherwise; each app says itself, in one line, that it is up and where.
 */
export const STARTUP_CONTEXTS: ReadonlySet<string> = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/** Nest passes the context as the last argument of a log call. */
const contextOf = (params: unknown[]): unknown => params[params.length - 1];

/**
 * The application's logger with Nest's start-up `log` lines moved down to `debug` (LOG_LEVEL=debug
 * shows them again). Only `log` is touched: a warning or an error from any context is kept as it is.
 */
export class StartupQuietLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context) && this.inner.debug) this.inner.debug(message, ...params);
    else this.inner.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    if (this.inner.fatal) this.inner.fatal(message, ...params);
    else this.inner.error(message, ...params);
  }
}
