import fastifyMultipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DocumentsSettings } from '@app/common/config';

/**
 * Multipart parsing for the upload route (Fastify refuses multipart bodies until a parser is
 * registered). Its parser reads nothing itself: the route streams the file part.
 *
 * Registered by the api's bootstrap before `app.init()`, never from a module's init hook: a plugin
 * registered after Nest has added its routes makes Fastify settle those routes with its default
 * error handler, and parser errors (malformed JSON, 413, 415) would then answer plain JSON instead
 * of problem+json.
 */
export async function registerUploadParser(app: NestFastifyApplication, settings: DocumentsSettings): Promise<void> {
  await app.register(fastifyMultipart as never, {
    limits: { fileSize: settings.maxBytes + 1, files: 1, fields: 20, parts: 21, fieldSize: 1024, headerPairs: 50 },
    throwFileSizeLimit: false,
  });
}
