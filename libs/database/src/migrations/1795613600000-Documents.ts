import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents (libs/documents): files uploaded by users, sealed at rest. A row holds what is needed
 * to show, verify and decrypt the stored object — never a byte of the file itself:
 * - `sha256` and `size` of the plaintext (computed while streaming the upload), the display `name`
 *   (cleaned, never used as a path) and the `media_type` decided from the bytes;
 * - `storage_key` (where the sealed object is, in the disk or S3 store), `key_id` and
 *   `wrapped_key` (the per-document data key, wrapped by that key-encryption key), `nonce_prefix`
 *   and `chunk_size` of the chunked AES-256-GCM format (libs/documents/README.md);
 * - the attachment (`subject_type`, `subject_id`, `role`, `attached_at`): all NULL until a higher
 *   library attaches the document to a bid, a challenge, a milestone..., all set after.
 *
 * A trigger keeps a document immutable: its content columns never change, and once attached the
 * attachment never changes either. Only `key_id`/`wrapped_key` may be updated (re-wrapping the
 * data key under a new key-encryption key, which leaves the stored object as it is).
 */
export class Documents1795613600000 implements MigrationInterface {
  name = 'Documents1795613600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "documents" (
        "id" uuid NOT NULL PRIMARY KEY,
        "uploaded_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
        "organization_id" uuid REFERENCES "organizations"("id") ON DELETE RESTRICT,
        "name" character varying(255) NOT NULL,
        "media_type" character varying(100) NOT NULL,
        "size" bigint NOT NULL CHECK ("size" >= 0),
        "sha256" character(64) NOT NULL CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
        "storage_key" character varying(200) NOT NULL UNIQUE,
        "key_id" character varying(32) NOT NULL,
        "wrapped_key" bytea NOT NULL,
        "nonce_prefix" bytea NOT NULL CHECK (length("nonce_prefix") = 7),
        "chunk_size" integer NOT NULL CHECK ("chunk_size" > 0),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "subject_type" character varying(40),
        "subject_id" uuid,
        "role" character varying(40),
        "attached_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "documents_attachment_whole" CHECK (
          ("subject_type" IS NULL AND "subject_id" IS NULL AND "role" IS NULL AND "attached_at" IS NULL) OR
          ("subject_type" IS NOT NULL AND "subject_id" IS NOT NULL AND "role" IS NOT NULL AND "attached_at" IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX "documents_subject" ON "documents" ("subject_type", "subject_id") WHERE "subject_type" IS NOT NULL`,
    );
    // The orphan job's scan: unattached uploads, oldest first.
    await q.query(`CREATE INDEX "documents_orphans" ON "documents" ("created_at") WHERE "subject_type" IS NULL`);
    await q.query(`
      CREATE FUNCTION "documents_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.id, NEW.uploaded_by, NEW.organization_id, NEW.name, NEW.media_type, NEW.size, NEW.sha256,
            NEW.storage_key, NEW.nonce_prefix, NEW.chunk_size, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.uploaded_by, OLD.organization_id, OLD.name, OLD.media_type, OLD.size, OLD.sha256,
            OLD.storage_key, OLD.nonce_prefix, OLD.chunk_size, OLD.created_at) THEN
          RAISE EXCEPTION 'documents are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_immutable';
        END IF;
        IF OLD.subject_type IS NOT NULL AND (NEW.subject_type, NEW.subject_id, NEW.role, NEW.attached_at)
           IS DISTINCT FROM (OLD.subject_type, OLD.subject_id, OLD.role, OLD.attached_at) THEN
          RAISE EXCEPTION 'an attached document stays attached' USING ERRCODE = 'check_violation', CONSTRAINT = 'documents_immutable';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "documents_immutable" BEFORE UPDATE ON "documents"
      FOR EACH ROW EXECUTE FUNCTION "documents_immutable"()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "documents"`);
    await q.query(`DROP FUNCTION "documents_immutable"()`);
  }
}
