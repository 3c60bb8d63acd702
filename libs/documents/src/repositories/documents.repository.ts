import { EntityManager } from 'typeorm';
import { RowOf, queryRows } from '@app/database';

/** Everything about a document but its attachment. */
export type DocumentRow = RowOf<
  'documents',
  | 'id'
  | 'uploaded_by'
  | 'organization_id'
  | 'name'
  | 'media_type'
  | 'size'
  | 'sha256'
  | 'storage_key'
  | 'key_id'
  | 'wrapped_key'
  | 'nonce_prefix'
  | 'chunk_size'
  | 'seal_format'
  | 'created_at'
  | 'subject_type'
  | 'subject_id'
  | 'role'
  | 'attached_at'
>;

const COLUMNS = `id, uploaded_by, organization_id, name, media_type, size, sha256, storage_key, key_id, wrapped_key,
  nonce_prefix, chunk_size, seal_format, created_at, subject_type, subject_id, role, attached_at`;

export type NewDocument = Omit<DocumentRow, 'created_at' | 'subject_type' | 'subject_id' | 'role' | 'attached_at'>;

export async function insertDocument(em: EntityManager, d: NewDocument): Promise<DocumentRow> {
  const [row] = await queryRows<DocumentRow>(
    em,
    `INSERT INTO documents (id, uploaded_by, organization_id, name, media_type, size, sha256, storage_key, key_id,
       wrapped_key, nonce_prefix, chunk_size, seal_format)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     RETURNING ${COLUMNS}`,
    [
      d.id,
      d.uploaded_by,
      d.organization_id,
      d.name,
      d.media_type,
      d.size,
      d.sha256,
      d.storage_key,
      d.key_id,
      d.wrapped_key,
      d.nonce_prefix,
      d.chunk_size,
      d.seal_format,
    ],
  );
  return row;
}

export async function findDocument(em: EntityManager, id: string): Promise<DocumentRow | undefined> {
  const [row] = await queryRows<DocumentRow>(em, `SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id]);
  return row;
}

export type AttachCandidateRow = RowOf<
  'documents',
  'id' | 'uploaded_by' | 'organization_id' | 'subject_type' | 'subject_id' | 'role'
>;

/** The documents about to be attached, locked (in id order, so concurrent attaches cannot deadlock). */
export async function lockAttachCandidates(em: EntityManager, ids: string[]): Promise<AttachCandidateRow[]> {
  return queryRows<AttachCandidateRow>(
    em,
    `SELECT id, uploaded_by, organization_id, subject_type, subject_id, role
       FROM documents WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
}

export async function markAttached(
  em: EntityManager,
  ids: string[],
  subject: { type: string; id: string; role: string },
): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    em,
    `UPDATE documents SET subject_type = $2, subject_id = $3, role = $4, attached_at = now()
      WHERE id = ANY($1::uuid[]) AND subject_type IS NULL
      RETURNING id`,
    [ids, subject.type, subject.id, subject.role],
  );
  return rows.length;
}

export type SubjectDocumentRow = RowOf<
  'documents',
  'id' | 'name' | 'media_type' | 'size' | 'sha256' | 'role' | 'created_at' | 'attached_at'
>;

/** A subject's documents, in the order they were attached (then uploaded). */
export async function documentsOfSubject(
  em: EntityManager,
  subjectType: string,
  subjectIds: string[],
): Promise<(SubjectDocumentRow & { subject_id: string })[]> {
  return queryRows(
    em,
    `SELECT id, subject_id, name, media_type, size, sha256, role, created_at, attached_at
       FROM documents WHERE subject_type = $1 AND subject_id = ANY($2::uuid[])
      ORDER BY subject_id, attached_at, created_at, id`,
    [subjectType, subjectIds],
  );
}

/**
 * Deletes up to `limit` unattached documents older than the TTL and answers their storage keys.
 * SKIP LOCKED: a document being attached right now is left alone (and is attached by the time the
 * next sweep looks).
 */
export async function deleteExpiredOrphans(
  em: EntityManager,
  ttlMs: number,
  limit: number,
): Promise<RowOf<'documents', 'id' | 'storage_key'>[]> {
  return queryRows(
    em,
    `WITH doomed AS (
       SELECT id FROM documents
        WHERE subject_type IS NULL AND created_at <= now() - ($1::bigint * interval '1 millisecond')
        ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     DELETE FROM documents d USING doomed WHERE d.id = doomed.id
     RETURNING d.id, d.storage_key`,
    [ttlMs, limit],
  );
}

/** When the oldest unattached document or upload intent expires (null: none), and the database's clock now. */
export async function nextOrphanExpiry(em: EntityManager, ttlMs: number): Promise<{ next: Date | null; now: Date }> {
  const [row] = await queryRows<{ next: Date | null; now: Date }>(
    em,
    `SELECT least((SELECT min(created_at) FROM documents WHERE subject_type IS NULL),
                  (SELECT min(started_at) FROM document_upload_intents)) + ($1::bigint * interval '1 millisecond') AS next,
            now() AS now`,
    [ttlMs],
  );
  return row;
}

/** Committed before an object is written (see the DocumentUploadIntents migration). */
export async function recordUploadIntent(em: EntityManager, storageKey: string): Promise<void> {
  await queryRows(em, `INSERT INTO document_upload_intents (storage_key) VALUES ($1)`, [storageKey]);
}

/**
 * Takes the intent away: the upload does so in the transaction that records the document, the
 * sweep before it deletes the object. Only one of them gets `true`, so the sweep never deletes
 * the object of a recorded document, and an upload whose intent was swept is not recorded.
 */
export async function claimUploadIntent(em: EntityManager, storageKey: string): Promise<boolean> {
  const rows = await queryRows(em, `DELETE FROM document_upload_intents WHERE storage_key = $1 RETURNING storage_key`, [
    storageKey,
  ]);
  return rows.length === 1;
}

/** Claims up to `limit` intents older than the TTL (uploads that never finished) and answers their keys. */
export function claimStaleUploadIntents(em: EntityManager, ttlMs: number, limit: number): Promise<{ storage_key: string }[]> {
  return queryRows(
    em,
    `WITH stale AS (
       SELECT storage_key FROM document_upload_intents
        WHERE started_at <= now() - ($1::bigint * interval '1 millisecond')
        ORDER BY started_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     DELETE FROM document_upload_intents i USING stale WHERE i.storage_key = stale.storage_key
     RETURNING i.storage_key`,
    [ttlMs, limit],
  );
}

export type WrappedKeyRow = RowOf<'documents', 'id' | 'key_id' | 'wrapped_key'>;

/** Documents whose data key is wrapped under another key than `currentKeyId`, in id order after `afterId`. */
export function readKeysWrappedUnderOthers(
  em: EntityManager,
  currentKeyId: string,
  afterId: string,
  limit: number,
): Promise<WrappedKeyRow[]> {
  return queryRows<WrappedKeyRow>(
    em,
    `SELECT id, key_id, wrapped_key FROM documents WHERE key_id <> $1 AND id > $2 ORDER BY id LIMIT $3`,
    [currentKeyId, afterId, limit],
  );
}

/** Replaces a wrapped data key, only if it is still the one read (a concurrent rotation wins, nothing is lost). */
export async function replaceWrappedKey(
  em: EntityManager,
  from: WrappedKeyRow,
  keyId: string,
  wrapped: Buffer,
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    em,
    `UPDATE documents SET key_id = $2, wrapped_key = $3 WHERE id = $1 AND key_id = $4 AND wrapped_key = $5 RETURNING id`,
    [from.id, keyId, wrapped, from.key_id, from.wrapped_key],
  );
  return rows.length === 1;
}
