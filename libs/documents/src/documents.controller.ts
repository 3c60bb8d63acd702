import type { Multipart } from '@fastify/multipart';
import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Public } from '@app/common/auth';
import { UuidParam } from '@app/common/http';
import { DOCUMENTS_SETTINGS, DocumentsSettings } from './documents-providers';
import { DocumentsService } from './documents.service';
import { DocumentDetailView, DocumentView } from './dto/views';
import { badDeclaredSize, documentTooLarge, fileMissing, notMultipart } from './http/document-errors';
import { DocumentsProblemFilter } from './http/documents-problem.filter';
import { contentDisposition } from './http/range';
import { ACCEPTED_TYPE_NAMES } from './inspect/media-type';

/** Files: uploaded once (streamed, sealed at rest), attached by the libraries they belong to, downloaded as their subject allows. */
@ApiTags('documents')
@ApiBearerAuth()
@UseFilters(DocumentsProblemFilter)
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    @Inject(DOCUMENTS_SETTINGS) private readonly settings: DocumentsSettings,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: `Upload one file (multipart/form-data, part "file"). Accepted, by content: ${ACCEPTED_TYPE_NAMES}. 413 over DOCUMENT_MAX_BYTES, 415 for other types. Unattached uploads are deleted after DOCUMENT_ORPHAN_TTL.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        size: {
          type: 'integer',
          minimum: 0,
          description:
            'Optional, before the file part: the file’s exact size in bytes. Over the limit: 413 at once; a file of another ' +
            'size: 400 documents.size_mismatch. Lets the store write the file in one piece.',
        },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiCreatedResponse({ type: DocumentView })
  async upload(@Req() request: FastifyRequest, @CurrentUser() user: AuthUser): Promise<DocumentView> {
    if (!request.isMultipart()) throw notMultipart();
    const part = await request.file({
      // One byte more than allowed reaches the inspector, which answers 413 for it.
      limits: { fileSize: this.settings.maxBytes + 1, files: 1, fields: 20, parts: 21 },
    });
    if (!part) throw fileMissing();
    const declared = declaredSizeOf(part.fields.size);
    // Announced too large: refused before a byte of the file is read.
    if (declared !== undefined && declared > this.settings.maxBytes) throw documentTooLarge(this.settings.maxBytes);
    return this.documents.upload(part.file, part.filename, user, declared);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'A document: name, type, size, SHA-256 and attachment (whoever may read its content).' })
  @ApiOkResponse({ type: DocumentDetailView })
  detail(@Param('id', UuidParam('id')) id: string, @CurrentUser() user: AuthUser | undefined): Promise<DocumentDetailView> {
    return this.documents.detail(id, user);
  }

  @Public()
  @Get(':id/content')
  @ApiOperation({
    summary:
      "The file, as an attachment (Range supported: 206/416). Checked against its SHA-256 before it is sent: a mismatch is a 500 'documents.integrity_failure' and nothing is served.",
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file.', schema: { type: 'string', format: 'binary' } })
  async content(
    @Param('id', UuidParam('id')) id: string,
    @CurrentUser() user: AuthUser | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const c = await this.documents.content(id, user, { range: header('range'), ifRange: header('if-range') });
    const size = c.document.size;
    void reply
      .header('content-type', c.document.mediaType)
      .header('content-disposition', contentDisposition(c.document.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', c.access === 'public' ? 'public, max-age=300' : 'private, no-store')
      .header('accept-ranges', 'bytes')
      .header('etag', `"sha256-${c.document.sha256}"`);
    if (c.range) {
      void reply
        .status(206)
        .header('content-range', `bytes ${c.range.start}-${c.range.end}/${size}`)
        .header('content-length', String(c.range.end - c.range.start + 1));
    } else {
      void reply.status(200).header('content-length', String(size));
    }
    void reply.send(c.body);
  }
}

/** The optional `size` field sent before the file: undefined when absent, a 400 naming it when not a whole number. */
function declaredSizeOf(field: Multipart | Multipart[] | undefined): number | undefined {
  if (field === undefined) return undefined;
  const value = Array.isArray(field) || field.type !== 'field' ? undefined : field.value;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw badDeclaredSize();
  return Number(value);
}
