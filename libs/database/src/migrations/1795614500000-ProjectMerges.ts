import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merges at a horse-race gate (强强联合, issue 17, libs/awards/README.md).
 * - `projects.status` may be `merged`, and then (only then) `merged_into` names the project it
 *   became (`CHK_projects_merged`). A merged project's grant ends at what it was paid (the rest
 *   moved into the merged grant), so its grant may be 0: `CHK_projects_granted` allows 0 for
 *   `merged` only, and `CHK_projects_paid` (paid ≤ granted) refuses any later payment to it.
 * - The merged project continues the lead project's bid: `UQ_projects_bid` is over live rows
 *   (status ≠ merged). The old rows leave that index before the merged project is inserted, so
 *   `FK_projects_merged_into` is checked at commit (deferred).
 * - `project_merges`: the agency's proposal with each merged project's consent (jsonb, one entry
 *   per project, its lead organisation's answer), `proposed` → `merged` | `declined`.
 */
export class ProjectMerges1795614500000 implements MigrationInterface {
  name = 'ProjectMerges1795614500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "projects" ADD "merged_into" uuid`);
    await q.query(`
      ALTER TABLE "projects"
        DROP CONSTRAINT "CHK_projects_status",
        DROP CONSTRAINT "CHK_projects_granted",
        ADD CONSTRAINT "CHK_projects_status"
          CHECK ("status" IN ('publicity', 'active', 'eliminated', 'completed', 'terminated', 'merged')),
        ADD CONSTRAINT "CHK_projects_granted" CHECK ("granted_fen" >= 0 AND ("granted_fen" > 0 OR "status" = 'merged') AND "granted_fen" <= "cap_fen" AND "granted_fen" <= "requested_fen"),
        ADD CONSTRAINT "CHK_projects_merged" CHECK (("status" = 'merged') = ("merged_into" IS NOT NULL)),
        ADD CONSTRAINT "FK_projects_merged_into" FOREIGN KEY ("merged_into") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
          DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`DROP INDEX "public"."UQ_projects_bid"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_projects_bid" ON "projects" ("bid_id") WHERE "status" <> 'merged'`);
    await q.query(`
      CREATE TABLE "project_merges" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "challenge_id" uuid NOT NULL,
        "stage" integer NOT NULL,
        "project_ids" jsonb NOT NULL,
        "consents" jsonb NOT NULL,
        "lead_organization_id" uuid NOT NULL,
        "members" jsonb NOT NULL,
        "title" character varying(200) NOT NULL,
        "total_investment_fen" bigint NOT NULL,
        "grant_fen" bigint NOT NULL,
        "milestones" jsonb NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'proposed',
        "proposed_by" uuid NOT NULL,
        "result_project_id" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_project_merges_status" CHECK ("status" IN ('proposed', 'merged', 'declined')),
        CONSTRAINT "CHK_project_merges_result" CHECK (("status" = 'merged') = ("result_project_id" IS NOT NULL)),
        CONSTRAINT "CHK_project_merges_money" CHECK ("grant_fen" > 0 AND "total_investment_fen" > 0),
        CONSTRAINT "PK_project_merges" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE INDEX "IDX_project_merges_challenge" ON "project_merges" ("challenge_id", "created_at")`);
    await q.query(
      `ALTER TABLE "project_merges" ADD CONSTRAINT "FK_project_merges_challenge" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "project_merges" ADD CONSTRAINT "FK_project_merges_result" FOREIGN KEY ("result_project_id") REFERENCES "projects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "project_merges" ADD CONSTRAINT "FK_project_merges_proposed_by" FOREIGN KEY ("proposed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "project_merges"`);
    await q.query(`DROP INDEX "public"."UQ_projects_bid"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_projects_bid" ON "projects" ("bid_id")`);
    await q.query(`
      ALTER TABLE "projects"
        DROP CONSTRAINT "FK_projects_merged_into",
        DROP CONSTRAINT "CHK_projects_merged",
        DROP CONSTRAINT "CHK_projects_granted",
        DROP CONSTRAINT "CHK_projects_status",
        ADD CONSTRAINT "CHK_projects_granted" CHECK ("granted_fen" > 0 AND "granted_fen" <= "cap_fen" AND "granted_fen" <= "requested_fen"),
        ADD CONSTRAINT "CHK_projects_status"
          CHECK ("status" IN ('publicity', 'active', 'eliminated', 'completed', 'terminated')),
        DROP COLUMN "merged_into"`);
  }
}
