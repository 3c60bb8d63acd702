import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealed bids (libs/bids): bids with their milestones and participants (lead and consortium
 * members), and the review: panels (criteria, closing), assigned reviewers, declared conflicts and
 * scores. Two partial unique indexes carry the rules that must hold under concurrency:
 * `UQ_bids_live_org` (one live bid per organisation per challenge) and `UQ_bid_participants_live`
 * (an organisation takes part in at most one live bid per challenge, as lead or as member).
 */
export class Bids1795611227214 implements MigrationInterface {
  name = 'Bids1795611227214';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "bid_participants" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bid_id" uuid NOT NULL,
                "challenge_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "credit_code" character(18) NOT NULL,
                "role" character varying(10) NOT NULL,
                "share_percent" integer,
                "seq" integer NOT NULL,
                "live" boolean NOT NULL DEFAULT true,
                CONSTRAINT "CHK_bid_participants_share" CHECK (
                    "share_percent" IS NULL
                    OR (
                        "share_percent" >= 1
                        AND "share_percent" <= 100
                    )
                ),
                CONSTRAINT "CHK_bid_participants_role" CHECK ("role" IN ('lead', 'member')),
                CONSTRAINT "PK_ae1568b32de95ce1c962197432b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bid_participants_organization" ON "bid_participants" ("organization_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bid_participants_bid_seq" ON "bid_participants" ("bid_id", "seq")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bid_participants_live" ON "bid_participants" ("challenge_id", "organization_id")
            WHERE "live"
        `);
    await queryRunner.query(`
            CREATE TABLE "bids" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "challenge_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "submitted_by" uuid NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'submitted',
                "total_investment_fen" bigint NOT NULL,
                "requested_funding_fen" bigint NOT NULL,
                "proposal" jsonb NOT NULL,
                "receipt_hash" character(64) NOT NULL,
                "revision" integer NOT NULL DEFAULT '1',
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_bids_amounts" CHECK (
                    "requested_funding_fen" > 0
                    AND "requested_funding_fen" <= "total_investment_fen"
                ),
                CONSTRAINT "CHK_bids_status" CHECK (
                    "status" IN (
                        'submitted',
                        'withdrawn',
                        'shortlisted',
                        'awarded',
                        'rejected'
                    )
                ),
                CONSTRAINT "PK_7950d066d322aab3a488ac39fe5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bids_organization" ON "bids" ("organization_id", "submitted_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bids_challenge" ON "bids" ("challenge_id", "submitted_at", "id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bids_live_org" ON "bids" ("challenge_id", "organization_id")
            WHERE "status" <> 'withdrawn'
        `);
    await queryRunner.query(`
            CREATE TABLE "bid_milestones" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bid_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "title" character varying(200) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "deliverable" text NOT NULL,
                "tranche_fen" bigint NOT NULL,
                CONSTRAINT "CHK_bid_milestones_tranche" CHECK ("tranche_fen" >= 0),
                CONSTRAINT "PK_ff8861d70eb0c5416d51a3cf5c8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bid_milestones_bid_seq" ON "bid_milestones" ("bid_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "review_panels" (
                "challenge_id" uuid NOT NULL,
                "criteria" jsonb NOT NULL,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "closed_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6065148c3d866b3e1bd7f7fa7f6" PRIMARY KEY ("challenge_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "panel_reviewers" (
                "challenge_id" uuid NOT NULL,
                "reviewer_id" uuid NOT NULL,
                "assigned_by" uuid NOT NULL,
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_acadba114f781e9d544322a24ee" PRIMARY KEY ("challenge_id", "reviewer_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_panel_reviewers_reviewer" ON "panel_reviewers" ("reviewer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "bid_conflicts" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bid_id" uuid NOT NULL,
                "challenge_id" uuid NOT NULL,
                "reviewer_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7e91f8e1779fd1071e99c4ad4f7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bid_conflicts_challenge" ON "bid_conflicts" ("challenge_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bid_conflicts_bid_reviewer" ON "bid_conflicts" ("bid_id", "reviewer_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "bid_scores" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "bid_id" uuid NOT NULL,
                "challenge_id" uuid NOT NULL,
                "reviewer_id" uuid NOT NULL,
                "scores" jsonb NOT NULL,
                "comment" text,
                "revision" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ae30e0733de27f158641aa52f48" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_bid_scores_challenge" ON "bid_scores" ("challenge_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_bid_scores_bid_reviewer" ON "bid_scores" ("bid_id", "reviewer_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_participants"
            ADD CONSTRAINT "FK_2dab747c0d8fddc3c92c2ea0c9f" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_participants"
            ADD CONSTRAINT "FK_0de10bbfaeafeb784d399df7e2a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "FK_43dba405fdccd1a8738dc508354" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bids"
            ADD CONSTRAINT "FK_2fc21cd80d880a0ede54269692b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_milestones"
            ADD CONSTRAINT "FK_2d140dcffc3e3c3dbed7cece034" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_panels"
            ADD CONSTRAINT "FK_6065148c3d866b3e1bd7f7fa7f6" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_reviewers"
            ADD CONSTRAINT "FK_22379a135f4ffb2dddfcd61ca48" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_reviewers"
            ADD CONSTRAINT "FK_ce250b051ff76dc0e4b6f7cbae2" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_conflicts"
            ADD CONSTRAINT "FK_54204740c7757185c4427a0b394" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_conflicts"
            ADD CONSTRAINT "FK_d2609881b342458277b96ea687a" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_scores"
            ADD CONSTRAINT "FK_670195aaad39fc65af99c4888e1" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_scores"
            ADD CONSTRAINT "FK_088957d6fb93831d18bd8e12456" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "bid_scores" DROP CONSTRAINT "FK_088957d6fb93831d18bd8e12456"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_scores" DROP CONSTRAINT "FK_670195aaad39fc65af99c4888e1"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_conflicts" DROP CONSTRAINT "FK_d2609881b342458277b96ea687a"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_conflicts" DROP CONSTRAINT "FK_54204740c7757185c4427a0b394"
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_reviewers" DROP CONSTRAINT "FK_ce250b051ff76dc0e4b6f7cbae2"
        `);
    await queryRunner.query(`
            ALTER TABLE "panel_reviewers" DROP CONSTRAINT "FK_22379a135f4ffb2dddfcd61ca48"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_panels" DROP CONSTRAINT "FK_6065148c3d866b3e1bd7f7fa7f6"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_milestones" DROP CONSTRAINT "FK_2d140dcffc3e3c3dbed7cece034"
        `);
    await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "FK_2fc21cd80d880a0ede54269692b"
        `);
    await queryRunner.query(`
            ALTER TABLE "bids" DROP CONSTRAINT "FK_43dba405fdccd1a8738dc508354"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_participants" DROP CONSTRAINT "FK_0de10bbfaeafeb784d399df7e2a"
        `);
    await queryRunner.query(`
            ALTER TABLE "bid_participants" DROP CONSTRAINT "FK_2dab747c0d8fddc3c92c2ea0c9f"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bid_scores_bid_reviewer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bid_scores_challenge"
        `);
    await queryRunner.query(`
            DROP TABLE "bid_scores"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bid_conflicts_bid_reviewer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bid_conflicts_challenge"
        `);
    await queryRunner.query(`
            DROP TABLE "bid_conflicts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_panel_reviewers_reviewer"
        `);
    await queryRunner.query(`
            DROP TABLE "panel_reviewers"
        `);
    await queryRunner.query(`
            DROP TABLE "review_panels"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bid_milestones_bid_seq"
        `);
    await queryRunner.query(`
            DROP TABLE "bid_milestones"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bids_live_org"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bids_challenge"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bids_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "bids"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bid_participants_live"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_bid_participants_bid_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_bid_participants_organization"
        `);
    await queryRunner.query(`
            DROP TABLE "bid_participants"
        `);
  }
}
