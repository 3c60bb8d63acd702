import { MigrationInterface, QueryRunner } from 'typeorm';

const IMMUTABLE_COLUMNS = (seal: boolean, row: 'NEW' | 'OLD') =>
  ['id', 'uploaded_by', 'organization_id', 'name', 'media_type', 'size', 'sha256', 'storage_key', 'nonce_prefix']
    .concat(['chunk_size', ...(seal ? ['seal_format'] : []), 'created_at'])
    .map((c) => `${row}.${c}`)
    .join(', ');

const immutableFunction = (seal: boolean) => `
  CREATE OR REPLACE FUNCTION "documents_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF (${IMMUTABLE_COLUMNS(seal, 'NEW')}) IS DISTINCT FROM (${IMMUTABLE_COLUMNS(seal, 'OLD')}) THEN
      RAISE EXCEPTION 'documents are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_immutable';
    END IF;
    IF OLD.subject_type IS NOT NULL AND (NEW.subject_type, NEW.subject_id, NEW.role, NEW.attached_at)
       IS DISTINCT FROM (OLD.subject_type, OLD.subject_id, OLD.role, OLD.attached_at) THEN
      RAISE EXCEPTION 'an attached document stays attached' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_immutable';
    END IF;
    RETURN NEW;
  END $$`;

/**
 * Sealed format 2 (libs/documents/src/sealing/sealed-format.ts): the final chunk's tag commits the
 * object to the recorded SHA-256, so a download checks the hash by opening one chunk instead of
 * reading and hashing the whole file first. Documents stored before keep format 1 and are read as
 * before; new uploads are format 2. The format is part of what never changes about a document
 * (the key id and wrapped key are not: a KEK rotation re-wraps them).
 */
export class DocumentSealFormat1795613720000 implements MigrationInterface {
  name = 'DocumentSealFormat1795613720000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "documents"
        ADD COLUMN "seal_format" smallint NOT NULL DEFAULT 1 CONSTRAINT "documents_seal_format" CHECK ("seal_format" IN (1, 2))`);
    await q.query(immutableFunction(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(immutableFunction(false));
    await q.query(`ALTER TABLE "documents" DROP COLUMN "seal_format"`);
  }
}
