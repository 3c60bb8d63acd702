import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public receipt check (GET /bid-receipts/{hash}, issue 19) finds a hash among the bids'
 * current versions, and else among the replaced versions the ledger keeps (`bid.replaced` entries
 * hold the old revision's hash in `before`). Both lookups by index, so an anonymous caller cannot
 * make either table be scanned.
 */
export class ReceiptLookups1795614710000 implements MigrationInterface {
  name = 'ReceiptLookups1795614710000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_bids_receipt_hash" ON "bids" ("receipt_hash")`);
    await q.query(
      `CREATE INDEX "IDX_audit_entries_replaced_receipt" ON "audit_entries" (("before"->>'receiptHash')) WHERE "action" = 'bid.replaced'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_audit_entries_replaced_receipt"`);
    await q.query(`DROP INDEX "public"."IDX_bids_receipt_hash"`);
  }
}
