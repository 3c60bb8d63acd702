import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Awards and the horse race (libs/awards): projects (one per awarded bid) with their caps copied
 * onto the row so CHECKs refuse any overrun (0 < granted_fen <= cap_fen, granted_fen <=
 * requested_fen, 0 <= paid_fen <= granted_fen), the projects' milestone plans (tranches scaled to
 * the award), objections lodged during publicity, and stage gates (one per challenge and stage,
 * by `UQ_stage_gates_challenge_stage`). The challenge's own counters (awarded_fen, awarded_count)
 * and their CHECKs are in the Challenges migration.
 */
export class Awards1795612695423 implements MigrationInterface {
  name = 'Awards1795612695423';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "projects" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "challenge_id" uuid NOT NULL,
                "bid_id" uuid NOT NULL,
                "organization_id" uuid NOT NULL,
                "title" character varying(200) NOT NULL,
                "consortium" jsonb NOT NULL DEFAULT '[]',
                "granted_fen" bigint NOT NULL,
                "paid_fen" bigint NOT NULL DEFAULT '0',
                "requested_fen" bigint NOT NULL,
                "total_investment_fen" bigint NOT NULL,
                "rule_id" character varying(40) NOT NULL,
                "rule_rate_bp" integer,
                "rule_cap_fen" bigint,
                "cap_fen" bigint NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'publicity',
                "program_manager_id" uuid,
                "stage_reached" integer NOT NULL DEFAULT '0',
                "publicity_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "activated_at" TIMESTAMP WITH TIME ZONE,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "end_reason" text,
                "awarded_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_projects_stage" CHECK ("stage_reached" >= 0),
                CONSTRAINT "CHK_projects_paid" CHECK (
                    "paid_fen" >= 0
                    AND "paid_fen" <= "granted_fen"
                ),
                CONSTRAINT "CHK_projects_granted" CHECK (
                    "granted_fen" > 0
                    AND "granted_fen" <= "cap_fen"
                    AND "granted_fen" <= "requested_fen"
                ),
                CONSTRAINT "CHK_projects_status" CHECK (
                    "status" IN (
                        'publicity',
                        'active',
                        'eliminated',
                        'completed',
                        'terminated'
                    )
                ),
                CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_projects_created" ON "projects" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_projects_publicity" ON "projects" ("publicity_ends_at")
            WHERE "status" = 'publicity'
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_projects_program_manager" ON "projects" ("program_manager_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_projects_organization" ON "projects" ("organization_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_projects_challenge" ON "projects" ("challenge_id", "status")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_projects_bid" ON "projects" ("bid_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "project_milestones" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "project_id" uuid NOT NULL,
                "seq" integer NOT NULL,
                "title" character varying(200) NOT NULL,
                "due_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "deliverable" text NOT NULL,
                "tranche_fen" bigint NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'scheduled',
                "stage_index" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_project_milestones_tranche" CHECK ("tranche_fen" >= 0),
                CONSTRAINT "CHK_project_milestones_status" CHECK (
                    "status" IN (
                        'scheduled',
                        'submitted',
                        'met',
                        'partially_met',
                        'not_met',
                        'overdue',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_0c561300a12c6ba3ad793dff4b8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_project_milestones_due" ON "project_milestones" ("due_at")
            WHERE "status" IN ('scheduled', 'submitted')
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_project_milestones_project_seq" ON "project_milestones" ("project_id", "seq")
        `);
    await queryRunner.query(`
            CREATE TABLE "project_objections" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "project_id" uuid NOT NULL,
                "challenge_id" uuid NOT NULL,
                "raised_by" uuid NOT NULL,
                "reason" text NOT NULL,
                "status" character varying(20) NOT NULL DEFAULT 'open',
                "resolved_by" uuid,
                "resolution_comment" text,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_project_objections_status" CHECK ("status" IN ('open', 'upheld', 'dismissed')),
                CONSTRAINT "PK_04c51e6272e10342e093ace99a4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_project_objections_project" ON "project_objections" ("project_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "stage_gates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "challenge_id" uuid NOT NULL,
                "stage" integer NOT NULL,
                "advancing" jsonb NOT NULL,
                "eliminated" jsonb NOT NULL,
                "evidence" jsonb NOT NULL,
                "cancelled" jsonb NOT NULL DEFAULT '[]',
                "tie_break_reason" text,
                "decided_by" uuid NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fc989e8c39ed340b3abe548c644" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_stage_gates_challenge_stage" ON "stage_gates" ("challenge_id", "stage")
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "FK_22b28fd2c02e012a3d92213e3e1" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "FK_c8b2fe8be1a6bf21dc1ee48f1da" FOREIGN KEY ("bid_id") REFERENCES "bids"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "FK_585c8ce06628c70b70100bfb842" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "projects"
            ADD CONSTRAINT "FK_4bde7e4820c10402df9d9f851dd" FOREIGN KEY ("program_manager_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "project_milestones"
            ADD CONSTRAINT "FK_4072d2ff8e9ee23e9e03e5f6721" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "project_objections"
            ADD CONSTRAINT "FK_caa371a4c6867ca304f6ab10fd1" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "project_objections"
            ADD CONSTRAINT "FK_4e4505dc19f68667c4d5deac292" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "stage_gates"
            ADD CONSTRAINT "FK_a571987a152be9a6c9ec94c0bdc" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "stage_gates" DROP CONSTRAINT "FK_a571987a152be9a6c9ec94c0bdc"
        `);
    await queryRunner.query(`
            ALTER TABLE "project_objections" DROP CONSTRAINT "FK_4e4505dc19f68667c4d5deac292"
        `);
    await queryRunner.query(`
            ALTER TABLE "project_objections" DROP CONSTRAINT "FK_caa371a4c6867ca304f6ab10fd1"
        `);
    await queryRunner.query(`
            ALTER TABLE "project_milestones" DROP CONSTRAINT "FK_4072d2ff8e9ee23e9e03e5f6721"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "FK_4bde7e4820c10402df9d9f851dd"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "FK_585c8ce06628c70b70100bfb842"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "FK_c8b2fe8be1a6bf21dc1ee48f1da"
        `);
    await queryRunner.query(`
            ALTER TABLE "projects" DROP CONSTRAINT "FK_22b28fd2c02e012a3d92213e3e1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_stage_gates_challenge_stage"
        `);
    await queryRunner.query(`
            DROP TABLE "stage_gates"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_project_objections_project"
        `);
    await queryRunner.query(`
            DROP TABLE "project_objections"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_project_milestones_project_seq"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_project_milestones_due"
        `);
    await queryRunner.query(`
            DROP TABLE "project_milestones"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_projects_bid"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_projects_challenge"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_projects_organization"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_projects_program_manager"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_projects_publicity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_projects_created"
        `);
    await queryRunner.query(`
            DROP TABLE "projects"
        `);
  }
}
