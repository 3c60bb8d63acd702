import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import type { SubjectDocument } from '@app/documents';

/**
 * A project's documents — an objection's attachments here, a milestone submission's evidence and a
 * plan change's attachments in libs/milestones — are referenced and shown in one shape, so the
 * web app has one helper for all of them.
 */

/** At most this many documents per objection, submission or change request. */
export const MAX_PROJECT_DOCUMENTS = 20;

/** A document uploaded first (POST /api/v1/documents), attached by the request that names it. */
export class ProjectDocumentRefDto {
  @ApiProperty({ format: 'uuid', description: 'The id answered by POST /api/v1/documents.' })
  @IsUUID()
  documentId: string;
}

/**
 * The optional `documents` field of a request that attaches project documents: at most
 * MAX_PROJECT_DOCUMENTS references, each an object (ValidateNested alone lets `[[]]` through).
 */
export const ProjectDocumentRefs = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [ProjectDocumentRefDto], maxItems: MAX_PROJECT_DOCUMENTS, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_PROJECT_DOCUMENTS),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => ProjectDocumentRefDto),
  );

/** An attached document as a view lists it; its bytes are at GET /api/v1/documents/{id}/content. */
export class ProjectDocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: 'evidence',
    description: 'Why it is attached: evidence (a submission), attachment (a change request, an objection).',
  })
  role: string;
  @ApiProperty({ description: 'The name given at upload, for display only.' }) name: string;
  @ApiProperty({ example: 'application/pdf', description: 'Decided from the bytes at upload.' }) mediaType: string;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the file, 64 lowercase hex digits.' }) sha256: string;
}

export const projectDocumentView = (d: SubjectDocument): ProjectDocumentView => ({
  id: d.id,
  role: d.role,
  name: d.name,
  mediaType: d.mediaType,
  size: d.size,
  sha256: d.sha256,
});

/** The ids of a request's `documents` (undefined or empty: none). */
export const documentIdsOf = (refs: readonly ProjectDocumentRefDto[] | undefined): string[] =>
  (refs ?? []).map((r) => r.documentId);
