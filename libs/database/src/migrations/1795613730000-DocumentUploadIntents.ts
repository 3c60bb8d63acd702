import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Upload intents (owned by libs/documents): a row is committed before a file's sealed object is
 * written and removed in the transaction that records the document. A process that dies in
 * between leaves an intent, not an object nobody knows of: the orphan sweep removes the object of
 * every intent older than DOCUMENT_ORPHAN_TTL — on disk and in an S3 bucket alike, without listing
 * the store.
 */
export class DocumentUploadIntents1795613730000 implements MigrationInterface {
  name = 'DocumentUploadIntents1795613730000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "document_upload_intents" (
        "storage_key" character varying(64) NOT NULL,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_document_upload_intents" PRIMARY KEY ("storage_key")
      )`);
    await q.query(`CREATE INDEX "document_upload_intents_started" ON "document_upload_intents" ("started_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "document_upload_intents"`);
  }
}
