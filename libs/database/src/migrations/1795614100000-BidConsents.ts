import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consortium consent (issue 17, libs/bids/src/consortium-consent-rules.ts).
 * - `bid_consents`: one row per consortium member of a bid, `pending` until a team user of the
 *   member organisation accepts or declines (with an optional reason), before the deadline.
 * - `bids.withdrawn_reason`: `consortium_consent_missing` when the close did not open a bid because
 *   a member had not accepted; the bid is then `withdrawn` (no new status: every reader of bids
 *   already treats `withdrawn` as not live).
 */
export class BidConsents1795614100000 implements MigrationInterface {
  name = 'BidConsents1795614100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "bid_consents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bid_id" uuid NOT NULL,
                "challenge_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "share_percent" integer NOT NULL,
                "state" character varying(10) NOT NULL DEFAULT 'pending',
                "reason" text,
                "asked_revision" integer NOT NULL,
                "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "decided_by" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "CHK_bid_consents_reason" CHECK (
                    "reason" IS NULL
                    OR "state" = 'declined'
                ),
                CONSTRAINT "CHK_bid_consents_decided" CHECK (("state" = 'pending') = ("decided_at" IS NULL)),
                CONSTRAINT "CHK_bid_consents_state" CHECK ("state" IN ('pending', 'accepted', 'declined')),
                CONSTRAINT "PK_a8751abb2a441de5b5666b5a47a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bid_consents_challenge" ON "bid_consents" ("challenge_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bid_consents_organization" ON "bid_consents" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bid_consents_member" ON "bid_consents" ("bid_id", "organization_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "bids"
            ADD "withdrawn_reason" character varying(40)
        `);
    await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "CHK_bids_withdrawn_reason" CHECK (
                    "withdrawn_reason" IS NULL
                    OR (
                        "withdrawn_reason" = 'consortium_consent_missing'
                        AND "status" = 'withdrawn'
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_consents"
            ADD CONSTRAINT "FK_5fb288478902d1d6f4ce8b2b3cd" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_consents"
            ADD CONSTRAINT "FK_6198cb0fba9098a85451b8785a5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_consents"
            ADD CONSTRAINT "FK_e7f83d8fbfa25d6924cda3173f9" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "bid_consents" DROP CONSTRAINT "FK_e7f83d8fbfa25d6924cda3173f9"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_consents" DROP CONSTRAINT "FK_6198cb0fba9098a85451b8785a5"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_consents" DROP CONSTRAINT "FK_5fb288478902d1d6f4ce8b2b3cd"
        `);
    await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "CHK_bids_withdrawn_reason"
        `);
    await queryRunner.query(`
            ALTER TABLE "bids" DROP COLUMN "withdrawn_reason"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bid_consents_member"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bid_consents_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bid_consents_challenge"
        `);
    await queryRunner.query(`
            DROP TABLE "bid_consents"
        `);
  }
}
