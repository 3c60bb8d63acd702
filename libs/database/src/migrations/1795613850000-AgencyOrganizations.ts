import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies are organisations (issue 18). An organisation's `kind` gains `agency` (a government
 * body or public institution, registered by an admin); agency users are members of one, and a
 * challenge belongs to the agency organisation (`challenges.agency_organization_id`) rather than
 * to the officer who drafted it (`agency_id` stays: who created it).
 *
 * Existing agency users are moved without inventing legal identities:
 * - an organisation whose members are all agency users, whose code is of the establishment
 *   administration (GB 32100 authority `1`: 机关, 事业单位, 群众团体 …) and that never bid nor won,
 *   is that agency: its kind becomes `agency`, its name and code are kept;
 * - every other agency user gets an organisation of their own, named after the account's display
 *   name, with `credit_code` NULL: *unverified* until an admin sets its code (PATCH
 *   /agencies/:id). Only agency organisations may lack a code (CHECK below), and the open-data
 *   feed names such a buyer without an `identifier` rather than with a made-up one.
 * Each challenge then belongs to its creator's organisation.
 */
export class AgencyOrganizations1795613850000 implements MigrationInterface {
  name = 'AgencyOrganizations1795613850000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organizations" ALTER COLUMN "credit_code" DROP NOT NULL`);
    await q.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "CHK_organizations_code_unless_agency" CHECK ("credit_code" IS NOT NULL OR "kind" = 'agency')`,
    );
    await q.query(`
      UPDATE "organizations" o SET "kind" = 'agency'
       WHERE left(o.credit_code, 1) = '1'
         AND EXISTS (SELECT 1 FROM "users" u WHERE u.organization_id = o.id AND u.role = 'agency')
         AND NOT EXISTS (SELECT 1 FROM "users" u WHERE u.organization_id = o.id AND u.role <> 'agency')
         AND NOT EXISTS (SELECT 1 FROM "bids" b WHERE b.organization_id = o.id)
         AND NOT EXISTS (SELECT 1 FROM "bid_participants" p WHERE p.organization_id = o.id)
         AND NOT EXISTS (SELECT 1 FROM "projects" p WHERE p.organization_id = o.id)`);
    await q.query(`
      CREATE TEMPORARY TABLE "agency_moves" AS
      SELECT u.id AS user_id, gen_random_uuid() AS organization_id, left(u.display_name, 200) AS name, u.created_at
        FROM "users" u LEFT JOIN "organizations" o ON o.id = u.organization_id
       WHERE u.role = 'agency' AND (o.id IS NULL OR o.kind <> 'agency')`);
    await q.query(`
      INSERT INTO "organizations" ("id", "name", "kind", "credit_code", "created_at")
      SELECT organization_id, name, 'agency', NULL, created_at FROM "agency_moves"`);
    await q.query(`UPDATE "users" u SET "organization_id" = m.organization_id FROM "agency_moves" m WHERE u.id = m.user_id`);
    await q.query(`DROP TABLE "agency_moves"`);
    await q.query(`ALTER TABLE "challenges" ADD "agency_organization_id" uuid`);
    await q.query(
      `UPDATE "challenges" c SET "agency_organization_id" = u.organization_id FROM "users" u WHERE u.id = c.agency_id`,
    );
    await q.query(`ALTER TABLE "challenges" ALTER COLUMN "agency_organization_id" SET NOT NULL`);
    await q.query(`
      ALTER TABLE "challenges" ADD CONSTRAINT "FK_challenges_agency_organization"
        FOREIGN KEY ("agency_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE INDEX "IDX_challenges_agency_organization" ON "challenges" ("agency_organization_id", "created_at")`);
  }

  /** Back to user-owned challenges; organisations made for unverified agencies go, converted ones become `other`. */
  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_challenges_agency_organization"`);
    await q.query(`ALTER TABLE "challenges" DROP CONSTRAINT "FK_challenges_agency_organization"`);
    await q.query(`ALTER TABLE "challenges" DROP COLUMN "agency_organization_id"`);
    await q.query(`
      UPDATE "users" u SET "organization_id" = NULL
        FROM "organizations" o WHERE o.id = u.organization_id AND o.credit_code IS NULL`);
    await q.query(`DELETE FROM "organizations" WHERE "credit_code" IS NULL`);
    await q.query(`UPDATE "organizations" SET "kind" = 'other' WHERE "kind" = 'agency'`);
    await q.query(`ALTER TABLE "organizations" DROP CONSTRAINT "CHK_organizations_code_unless_agency"`);
    await q.query(`ALTER TABLE "organizations" ALTER COLUMN "credit_code" SET NOT NULL`);
  }
}
