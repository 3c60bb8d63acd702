import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Milestones (libs/milestones): submissions and their reviews, disbursements (one per milestone,
 * by `UQ_disbursements_milestone`), notifications (one per kind, subject and offset, by
 * `UQ_notifications_key`), the resubmission grace periods the sweep job ends, and plan change
 * requests. These tables have no TypeORM entities (the library uses SQL), so they never show up as
 * schema drift; `project_milestones` and `projects` (libs/awards) are not altered.
 */
export class Milestones1795613500000 implements MigrationInterface {
  name = 'Milestones1795613500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "milestone_submissions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "milestone_id" uuid NOT NULL REFERENCES "project_milestones"("id") ON DELETE CASCADE,
        "project_id" uuid NOT NULL REFERENCES "projects"("id") ON DELETE CASCADE,
        "attempt" integer NOT NULL,
        "report" text NOT NULL,
        "achieved" jsonb NOT NULL DEFAULT '[]',
        "attachments" jsonb NOT NULL DEFAULT '[]',
        "submitted_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
        "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "decision" character varying(10),
        "comment" text,
        "reduced_tranche_fen" bigint,
        "decided_by" uuid REFERENCES "users"("id") ON DELETE RESTRICT,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "sla_reminded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_milestone_submissions" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_milestone_submissions_decision" CHECK ("decision" IS NULL OR "decision" IN ('accept', 'reject', 'partial')),
        CONSTRAINT "CHK_milestone_submissions_reduced" CHECK ("reduced_tranche_fen" IS NULL OR "reduced_tranche_fen" >= 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_milestone_submissions_attempt" ON "milestone_submissions" ("milestone_id", "attempt")`,
    );
    // At most one submission waits for review per milestone.
    await q.query(
      `CREATE UNIQUE INDEX "UQ_milestone_submissions_pending" ON "milestone_submissions" ("milestone_id") WHERE "decision" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_milestone_submissions_sla" ON "milestone_submissions" ("submitted_at") WHERE "decision" IS NULL AND "sla_reminded_at" IS NULL`,
    );
    await q.query(`CREATE INDEX "IDX_milestone_submissions_project" ON "milestone_submissions" ("project_id")`);

    await q.query(`
      CREATE TABLE "disbursements" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL REFERENCES "projects"("id") ON DELETE RESTRICT,
        "milestone_id" uuid NOT NULL REFERENCES "project_milestones"("id") ON DELETE RESTRICT,
        "challenge_id" uuid NOT NULL REFERENCES "challenges"("id") ON DELETE RESTRICT,
        "amount_fen" bigint NOT NULL,
        "status" character varying(12) NOT NULL DEFAULT 'scheduled',
        "scheduled_for" TIMESTAMP WITH TIME ZONE NOT NULL,
        "paid_at" TIMESTAMP WITH TIME ZONE,
        "reason" text,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_disbursements" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_disbursements_amount" CHECK ("amount_fen" >= 0),
        CONSTRAINT "CHK_disbursements_status" CHECK ("status" IN ('scheduled', 'paid', 'cancelled', 'blocked')),
        CONSTRAINT "CHK_disbursements_paid_at" CHECK (("status" = 'paid') = ("paid_at" IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_disbursements_milestone" ON "disbursements" ("milestone_id")`);
    await q.query(`CREATE INDEX "IDX_disbursements_project" ON "disbursements" ("project_id", "created_at")`);
    await q.query(`CREATE INDEX "IDX_disbursements_due" ON "disbursements" ("scheduled_for") WHERE "status" = 'scheduled'`);

    await q.query(`
      CREATE TABLE "notifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" character varying(40) NOT NULL,
        "subject_id" uuid NOT NULL,
        "offset_key" character varying(40) NOT NULL DEFAULT '',
        "recipient_user_id" uuid,
        "recipient_organization_id" uuid,
        "project_id" uuid,
        "title" character varying(300) NOT NULL,
        "body" text NOT NULL DEFAULT '',
        "due_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "read_at" TIMESTAMP WITH TIME ZONE,
        "emailed_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_notifications_recipient" CHECK ("recipient_user_id" IS NOT NULL OR "recipient_organization_id" IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_notifications_key" ON "notifications" ("kind", "subject_id", "offset_key")`);
    await q.query(
      `CREATE INDEX "IDX_notifications_user" ON "notifications" ("recipient_user_id", "created_at") WHERE "recipient_user_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_notifications_org" ON "notifications" ("recipient_organization_id", "created_at") WHERE "recipient_organization_id" IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE "milestone_grace_periods" (
        "milestone_id" uuid NOT NULL REFERENCES "project_milestones"("id") ON DELETE CASCADE,
        "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_milestone_grace_periods" PRIMARY KEY ("milestone_id")
      )`);
    await q.query(`CREATE INDEX "IDX_milestone_grace_periods_ends" ON "milestone_grace_periods" ("ends_at")`);

    await q.query(`
      CREATE TABLE "milestone_change_requests" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "project_id" uuid NOT NULL REFERENCES "projects"("id") ON DELETE CASCADE,
        "milestone_id" uuid NOT NULL REFERENCES "project_milestones"("id") ON DELETE CASCADE,
        "requested_by" uuid NOT NULL REFERENCES "users"("id") ON DELETE RESTRICT,
        "due_at" TIMESTAMP WITH TIME ZONE,
        "tranche_fen" bigint,
        "reason" text NOT NULL DEFAULT '',
        "status" character varying(10) NOT NULL DEFAULT 'pending',
        "decided_by" uuid REFERENCES "users"("id") ON DELETE RESTRICT,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "comment" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_milestone_change_requests" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_milestone_change_requests_status" CHECK ("status" IN ('pending', 'approved', 'rejected')),
        CONSTRAINT "CHK_milestone_change_requests_tranche" CHECK ("tranche_fen" IS NULL OR "tranche_fen" >= 0)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_milestone_change_requests_pending" ON "milestone_change_requests" ("milestone_id") WHERE "status" = 'pending'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "milestone_change_requests"`);
    await q.query(`DROP TABLE "milestone_grace_periods"`);
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP TABLE "disbursements"`);
    await q.query(`DROP TABLE "milestone_submissions"`);
  }
}
