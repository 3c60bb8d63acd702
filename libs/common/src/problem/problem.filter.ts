import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind, FieldError } from '../domain-error';
import { Language, preferredLanguage } from '../wording/language';
import { loggableError } from './loggable-error';
import { OUTAGE_RETRY_AFTER_SECONDS, isOutage } from './outage';
import { PROBLEM_CONTENT_TYPE, Problem, problemType, titleFor } from './problem';
import { wordFieldError, wordProblem } from './wording/problem-wording';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  too_many_requests: 429,
  unavailable: 503,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

const PG_CHECK_VIOLATION = '23514';
const PG_UNIQUE_VIOLATION = '23505';
const PG_INVALID_TEXT = '22P02';

/**
 * Every error leaves the API as RFC 9457 problem+json, and never with a stack trace. A dependency
 * outage (Postgres or Redis away) is a 503 with `Retry-After`; unknown errors are a bare 500. Both
 * are logged without values (see loggableError): a failed query's parameters never reach a log.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const language = preferredLanguage(request?.headers?.['accept-language']);
    const problem = this.toProblem(exception, language);
    void reply.header('content-language', language);
    problem.instance = request?.url?.split('?')[0];
    if (request?.id) problem.requestId = String(request.id);
    if (problem.status === 503) {
      this.logger.warn({ err: loggableError(exception), requestId: problem.requestId }, 'dependency unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ err: loggableError(exception), requestId: problem.requestId }, 'unhandled error');
    }
    sendProblem(reply, problem);
  }

  /**
   * The problem for `exception`, worded in `language` (problem/wording): `detail` and each
   * `errors[].message`. Its machine parts (code, type, fields, extra members) are the same in
   * every language.
   */
  toProblem(exception: unknown, language: Language = 'zh'): Problem {
    const problem = this.bareProblem(exception, language);
    if (exception instanceof DomainError) return problem;
    return { ...problem, detail: wordProblem(problem.code, { retryAfter: problem.retryAfter }, language) ?? problem.detail };
  }

  private bareProblem(exception: unknown, language: Language): Problem {
    if (exception instanceof DomainError) return domainProblem(exception, language);
    if (isOutage(exception)) {
      return {
        type: problemType('service_unavailable'),
        title: titleFor(503),
        status: 503,
        detail: 'A service we depend on is briefly unavailable, so the request could not be completed. Please retry shortly.',
        code: 'service_unavailable',
        retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      // Nest re-throws Fastify's own errors (body parsing, limits) as plain HttpExceptions.
      const code = status === 400 && /JSON/.test(message) ? 'malformed_json' : (CODE_OF_STATUS[status] ?? `http_${status}`);
      return { type: problemType(code), title: titleFor(status), status, detail: message, code };
    }
    const fastify = exception as { statusCode?: number; message?: string };
    if (typeof fastify?.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
      const code = CODE_OF_STATUS[fastify.statusCode] ?? `http_${fastify.statusCode}`;
      return {
        type: problemType(code),
        title: titleFor(fastify.statusCode),
        status: fastify.statusCode,
        detail: fastify.message,
        code,
      };
    }
    const pgCode = (exception as { driverError?: { code?: string }; code?: string })?.driverError?.code;
    if (pgCode === PG_CHECK_VIOLATION) {
      // The last line of defence: a database CHECK refused a counter beyond its cap.
      return {
        type: problemType('funding.limit_enforced_by_database'),
        title: titleFor(422),
        status: 422,
        detail: 'The database refused a change that would exceed a funding limit.',
        code: 'funding.limit_enforced_by_database',
      };
    }
    if (pgCode === PG_UNIQUE_VIOLATION) {
      return {
        type: problemType('duplicate'),
        title: titleFor(409),
        status: 409,
        detail: 'This already exists.',
        code: 'duplicate',
      };
    }
    if (pgCode === PG_INVALID_TEXT) {
      return {
        type: problemType('invalid_identifier'),
        title: titleFor(400),
        status: 400,
        detail: 'An identifier in the request is malformed.',
        code: 'invalid_identifier',
      };
    }
    return {
      type: problemType('internal'),
      title: titleFor(500),
      status: 500,
      detail: 'Something went wrong on our side.',
      code: 'internal',
    };
  }
}

/** A domain error's problem: its details as members, its detail and field messages worded in `language`. */
function domainProblem(exception: DomainError, language: Language): Problem {
  const status = STATUS_OF_KIND[exception.kind];
  const errors = exception.fieldErrors.map((e) => wordedFieldError(e, language));
  const retryAfter = exception.retryAfterSeconds;
  const params = { ...exception.details, ...exception.params, errors, retryAfter };
  return {
    ...exception.details,
    type: problemType(exception.code),
    title: titleFor(status),
    status,
    detail: wordProblem(exception.code, params, language) ?? exception.message,
    code: exception.code,
    ...(errors.length ? { errors } : {}),
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  };
}

/** A field error as answered: its message in `language`, without the wording's inputs. */
function wordedFieldError(error: FieldError, language: Language): FieldError {
  const { constraint: _constraint, wording: _wording, ...answered } = error;
  return { ...answered, message: wordFieldError(error, language) };
}

/**
 * Writes a problem: `Retry-After` from its `retryAfter` member (429, 503), and `Connection: close`
 * where the client is flooding or sent too much (429, 413). Closing matters: with keep-alive, a
 * refused registration flood ran 2.5× faster and signed-in users' p95 went from 3× to 15× quiet
 * (npm run bench:abuse, same machine).
 */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (typeof problem.retryAfter === 'number')
    void reply.header('retry-after', String(Math.max(1, Math.ceil(problem.retryAfter))));
  if (problem.status === 429 || problem.status === 413) void reply.header('connection', 'close');
  return reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}
