import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind } from '../domain-error';
import { PROBLEM_CONTENT_TYPE, Problem, problemType, titleFor } from './problem';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

const PG_CHECK_VIOLATION = '23514';
const PG_UNIQUE_VIOLATION = '23505';
const PG_INVALID_TEXT = '22P02';

/**
 * Every error leaves the API as RFC 9457 problem+json, and never with a stack trace. Unknown
 * errors are logged in full on the server and answered with a bare 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const problem = this.toProblem(exception);
    problem.instance = request?.url?.split('?')[0];
    if (request?.id) problem.requestId = String(request.id);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, requestId: problem.requestId }, 'unhandled error');
    }
    if (problem.status === 429 || problem.status === 413) reply.header('connection', 'close');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      const status = STATUS_OF_KIND[exception.kind];
      return {
        ...exception.details,
        type: problemType(exception.code),
        title: titleFor(status),
        status,
        detail: exception.message,
        code: exception.code,
        ...(exception.fieldErrors.length ? { errors: exception.fieldErrors } : {}),
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
      const code = `http_${fastify.statusCode}`;
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
