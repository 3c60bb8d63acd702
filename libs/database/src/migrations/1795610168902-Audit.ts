import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit ledger (libs/audit): append-only entries chained by hash per challenge, and the chain
 * heads locked while appending. A trigger refuses UPDATE, DELETE and TRUNCATE of entries; only a
 * superuser who disables it (or sets session_replication_role) can change a row, and
 * `GET /audit/verify` then names the entry.
 */
export class Audit1795610168902 implements MigrationInterface {
  name = 'Audit1795610168902';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "audit_entries" (
                "id" uuid NOT NULL,
                "chain" character varying(64) NOT NULL,
                "seq" bigint NOT NULL,
                "challenge_id" uuid,
                "actor_id" uuid,
                "action" character varying(100) NOT NULL,
                "subject_type" character varying(50) NOT NULL,
                "subject_id" character varying(100) NOT NULL,
                "before" jsonb,
                "after" jsonb,
                "public" boolean NOT NULL DEFAULT false,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "prev_hash" character(64) NOT NULL,
                "hash" character(64) NOT NULL,
                CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_audit_entries_recorded_at_id" ON "audit_entries" ("recorded_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_audit_entries_chain_seq" ON "audit_entries" ("chain", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_chain_heads" (
                "chain" character varying(64) NOT NULL,
                "seq" bigint NOT NULL,
                "hash" character(64) NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_177ffb3d30ea05da818b750eae3" PRIMARY KEY ("chain")
            )
        `);
    await queryRunner.query(`
            CREATE FUNCTION "audit_entries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit_entries is append-only: % is refused', TG_OP
                    USING ERRCODE = 'insufficient_privilege', HINT = 'The audit ledger can only grow.';
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_entries_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_entries"
            FOR EACH ROW EXECUTE FUNCTION "audit_entries_append_only"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "audit_entries_no_truncate" BEFORE TRUNCATE ON "audit_entries"
            FOR EACH STATEMENT EXECUTE FUNCTION "audit_entries_append_only"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_entries_no_truncate" ON "audit_entries"`);
    await queryRunner.query(`DROP TRIGGER "audit_entries_no_update_delete" ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION "audit_entries_append_only"()`);
    await queryRunner.query(`DROP TABLE "audit_chain_heads"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_audit_entries_chain_seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_entries_recorded_at_id"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
  }
}
