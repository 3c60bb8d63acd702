import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bid documents (issue 16, phase 2): the set of documents of a bid's current version, in order
 * (`bid_documents`, owned by libs/bids). The files and their attachment to the bid live in
 * `documents` (subject type `bid`); this table says which of them the current revision lists, with
 * which role, so a replace can drop one without touching the immutable attachment. No foreign key to
 * `documents`: an attached document is never deleted, and the owner of that table is another library.
 */
export class BidDocuments1795613710000 implements MigrationInterface {
  name = 'BidDocuments1795613710000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "bid_documents" (
        "bid_id" uuid NOT NULL,
        "document_id" uuid NOT NULL,
        "role" character varying(20) NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "CHK_bid_documents_role" CHECK ("role" IN ('application', 'commitment', 'qualification', 'budget', 'other')),
        CONSTRAINT "PK_7d3f2f97b6ca298dfc8293de46e" PRIMARY KEY ("bid_id", "document_id")
      )`);
    await q.query(`
      ALTER TABLE "bid_documents"
        ADD CONSTRAINT "FK_63a7153652cd3fa095762868c06" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "bid_documents" DROP CONSTRAINT "FK_63a7153652cd3fa095762868c06"`);
    await q.query(`DROP TABLE "bid_documents"`);
  }
}
