import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bid drafts (issue 19): one team's unfinished bid on a challenge, sealed at rest with the
 * documents' key ring (libs/bids/src/drafts). The server never reads the content; the CHECK bounds
 * its size (64 KiB of JSON plus the 28 bytes of iv and tag). Deleted with the challenge or the
 * organisation, on submission, and at the close.
 */
export class BidDrafts1795614600000 implements MigrationInterface {
  name = 'BidDrafts1795614600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "bid_drafts" (
        "challenge_id" uuid NOT NULL,
        "organization_id" uuid NOT NULL,
        "key_id" character varying(32) NOT NULL,
        "wrapped_key" bytea NOT NULL,
        "sealed" bytea NOT NULL,
        "saved_by" uuid NOT NULL,
        "saved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_bid_drafts_sealed" CHECK (octet_length("sealed") BETWEEN 28 AND 65564),
        CONSTRAINT "PK_bid_drafts" PRIMARY KEY ("challenge_id", "organization_id")
      )`);
    await q.query(
      `ALTER TABLE "bid_drafts" ADD CONSTRAINT "FK_bid_drafts_challenge" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "bid_drafts" ADD CONSTRAINT "FK_bid_drafts_organization" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "bid_drafts" ADD CONSTRAINT "FK_bid_drafts_saved_by" FOREIGN KEY ("saved_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE INDEX "IDX_bid_drafts_organization" ON "bid_drafts" ("organization_id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "bid_drafts"`);
  }
}
