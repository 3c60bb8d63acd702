import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project-manager-track challenge (项目经理人制) is not confined to clause 4 (四)'s four
 * core-technology fields (issue 17): `challenges.field` may be null, except for a core_tech
 * challenge (`CHK_challenges_field_track`), which must name one of them.
 *
 * `down` cannot invent a field for a challenge that named none: it gives those the first of the
 * four (底层软件, `foundational_software`) so the column can be NOT NULL again.
 */
export class ChallengeFieldOptional1795613960000 implements MigrationInterface {
  name = 'ChallengeFieldOptional1795613960000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "challenges" ALTER COLUMN "field" DROP NOT NULL`);
    await q.query(
      `ALTER TABLE "challenges" ADD CONSTRAINT "CHK_challenges_field_track" CHECK ("track" <> 'core_tech' OR "field" IS NOT NULL)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "challenges" DROP CONSTRAINT "CHK_challenges_field_track"`);
    await q.query(`UPDATE "challenges" SET "field" = 'foundational_software' WHERE "field" IS NULL`);
    await q.query(`ALTER TABLE "challenges" ALTER COLUMN "field" SET NOT NULL`);
  }
}
