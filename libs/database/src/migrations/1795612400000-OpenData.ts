import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open data (libs/open-data): the public-event log the OCDS feed follows.
 *
 * Every public ledger entry of a challenge becomes a row of `open_data_events`, written by a
 * trigger on `audit_entries` in the SAME transaction as the decision (no feature library has to
 * call anything, and no public decision can commit without its event).
 *
 * `seq` is insertion order, not commit order, so on its own it is not a safe cursor: a transaction
 * that took seq 7 may commit after one that took seq 8, and a reader that already went past 8
 * would never see 7. Each row therefore also stores the writing transaction's id
 * (`pg_current_xact_id()`); readers serve rows in (xid, seq) order and only below a horizon that
 * no running transaction can write under (see libs/open-data/src/event-log.ts).
 */
export class OpenData1795612400000 implements MigrationInterface {
  name = 'OpenData1795612400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "open_data_events" (
        "seq" bigserial NOT NULL,
        "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
        "audit_entry_id" uuid NOT NULL,
        "challenge_id" uuid NOT NULL,
        "action" character varying(100) NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_open_data_events" PRIMARY KEY ("seq"),
        CONSTRAINT "UQ_open_data_events_audit_entry" UNIQUE ("audit_entry_id")
      )
    `);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_open_data_events_position" ON "open_data_events" ("xid", "seq")`);
    await queryRunner.query(`CREATE INDEX "IDX_open_data_events_challenge" ON "open_data_events" ("challenge_id", "xid", "seq")`);
    await queryRunner.query(`
      CREATE FUNCTION "open_data_events_from_audit"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "open_data_events" ("audit_entry_id", "challenge_id", "action", "recorded_at")
        VALUES (NEW."id", NEW."challenge_id", NEW."action", NEW."recorded_at");
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "open_data_events_from_audit" AFTER INSERT ON "audit_entries"
      FOR EACH ROW WHEN (NEW."public" AND NEW."challenge_id" IS NOT NULL)
      EXECUTE FUNCTION "open_data_events_from_audit"()
    `);
    // Public entries recorded before this migration, in the order they were recorded.
    await queryRunner.query(`
      INSERT INTO "open_data_events" ("audit_entry_id", "challenge_id", "action", "recorded_at")
      SELECT "id", "challenge_id", "action", "recorded_at" FROM "audit_entries"
      WHERE "public" AND "challenge_id" IS NOT NULL
      ORDER BY "recorded_at", "chain", "seq"
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "open_data_events_from_audit" ON "audit_entries"`);
    await queryRunner.query(`DROP FUNCTION "open_data_events_from_audit"()`);
    await queryRunner.query(`DROP TABLE "open_data_events"`);
  }
}
