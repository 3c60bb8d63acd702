import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gate publicity and objections (issue 17, libs/awards/README.md).
 * - `stage_gates.publicity_ends_at`, `stage_gates.finalised_at`: a gate's result is published
 *   until `publicity_ends_at` and final at `finalised_at`. Gates run before this migration took
 *   effect at once, so they are final as of their decision.
 * - `gate_objections`: objections to a gate's result by a project it would stop, at most one open
 *   per project and gate (`UQ_gate_objections_open`).
 */
export class GatePublicity1795614000000 implements MigrationInterface {
  name = 'GatePublicity1795614000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "stage_gates" ADD "publicity_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE "stage_gates" ADD "finalised_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "stage_gates" SET "publicity_ends_at" = "decided_at", "finalised_at" = "decided_at"`);
    await q.query(`
      CREATE TABLE "gate_objections" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "gate_id" uuid NOT NULL,
        "challenge_id" uuid NOT NULL,
        "project_id" uuid NOT NULL,
        "raised_by" uuid NOT NULL,
        "reason" text NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'open',
        "resolved_by" uuid,
        "resolution_comment" text,
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_gate_objections_status" CHECK ("status" IN ('open', 'upheld', 'dismissed')),
        CONSTRAINT "PK_gate_objections" PRIMARY KEY ("id")
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_gate_objections_open" ON "gate_objections" ("gate_id", "project_id") WHERE "status" = 'open'`,
    );
    await q.query(`CREATE INDEX "IDX_gate_objections_gate" ON "gate_objections" ("gate_id", "status")`);
    await q.query(
      `ALTER TABLE "gate_objections" ADD CONSTRAINT "FK_gate_objections_gate" FOREIGN KEY ("gate_id") REFERENCES "stage_gates"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "gate_objections" ADD CONSTRAINT "FK_gate_objections_project" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "gate_objections" ADD CONSTRAINT "FK_gate_objections_raised_by" FOREIGN KEY ("raised_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gate_objections"`);
    await q.query(`ALTER TABLE "stage_gates" DROP COLUMN "finalised_at"`);
    await q.query(`ALTER TABLE "stage_gates" DROP COLUMN "publicity_ends_at"`);
  }
}
