import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { problemType, sendProblem, titleFor, wordProblem } from '@app/common/problem';
import { preferredLanguage } from '@app/common/wording';
import { DocumentHttpError } from './document-errors';

const TITLES: Record<number, string> = { 416: 'Range Not Satisfiable' };

/** Writes DocumentHttpError (413, 415, 416, 500 with a `documents.*` code) as problem+json, like the app's filter. */
@Catch(DocumentHttpError)
export class DocumentsProblemFilter implements ExceptionFilter {
  catch(error: DocumentHttpError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (reply.sent) return;
    for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
    const language = preferredLanguage(request?.headers?.['accept-language']);
    void reply.header('content-language', language);
    void sendProblem(reply, {
      ...error.details,
      type: problemType(error.code),
      title: TITLES[error.status] ?? titleFor(error.status),
      status: error.status,
      detail: wordProblem(error.code, error.details, language) ?? error.message,
      code: error.code,
      instance: request?.url?.split('?')[0],
      ...(request?.id ? { requestId: String(request.id) } : {}),
    });
  }
}
