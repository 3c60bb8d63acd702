import { ApiProperty } from '@nestjs/swagger';
import { ACCEPTED_MEDIA_TYPES } from '../inspect/media-type';

/** What an upload answers, and what `GET /documents/:id` shows. */
export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The display name: the uploaded file name, cleaned (never used as a path).' }) name: string;
  @ApiProperty({ enum: ACCEPTED_MEDIA_TYPES, description: "Decided from the file's bytes." }) mediaType: string;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ description: 'SHA-256 of the file, lower-case hex.', pattern: '^[0-9a-f]{64}$' }) sha256: string;
  @ApiProperty() createdAt: string;
}

/** `GET /documents/:id`: the document and whether (and to what) it is attached. */
export class DocumentDetailView extends DocumentView {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'What it is attached to (null: not yet; deleted after DOCUMENT_ORPHAN_TTL).',
  })
  subjectType: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) subjectId: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) attachedAt: string | null;
}
