import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit ledger's verified checkpoints (libs/audit): per chain, the last entry that a verify
 * pass found intact, so the next pass hashes only what was appended since (its cost no longer
 * grows with the whole ledger). And two indexes for the auditor's filters on the ledger (actor,
 * action), each ending in the (recorded_at, id) keyset the listing pages by.
 */
export class AuditCheckpoints1795613800000 implements MigrationInterface {
  name = 'AuditCheckpoints1795613800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
            CREATE TABLE "audit_chain_checkpoints" (
                "chain" character varying(64) NOT NULL,
                "seq" bigint NOT NULL,
                "hash" character(64) NOT NULL,
                "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_audit_chain_checkpoints" PRIMARY KEY ("chain")
            )
        `);
    await q.query(`CREATE INDEX "IDX_audit_entries_actor_recorded_at" ON "audit_entries" ("actor_id", "recorded_at", "id")`);
    await q.query(`CREATE INDEX "IDX_audit_entries_action_recorded_at" ON "audit_entries" ("action", "recorded_at", "id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_audit_entries_action_recorded_at"`);
    await q.query(`DROP INDEX "public"."IDX_audit_entries_actor_recorded_at"`);
    await q.query(`DROP TABLE "audit_chain_checkpoints"`);
  }
}
