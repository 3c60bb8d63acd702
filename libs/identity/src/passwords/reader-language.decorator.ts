import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Language, preferredLanguage } from './language';

/**
 * `@ReaderLanguage() language: Language` — the caller's language from Accept-Language. A custom
 * decorator rather than `@Headers('accept-language')`, which OpenAPI would list as a required
 * header: the header is optional (Chinese without it).
 */
export const ReaderLanguage = createParamDecorator((_data: unknown, context: ExecutionContext): Language =>
  preferredLanguage(context.switchToHttp().getRequest<FastifyRequest>().headers['accept-language']),
);
