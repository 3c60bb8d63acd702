import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public challenge list (issue 20): each common filter reads its rows already in the sort's
 * order, so a page costs the page (plus what the other filters throw away) instead of a walk along
 * the whole deadline or creation order until twenty rows happen to match. A status, or an industry,
 * by deadline (soonest first, the default) and by creation (newest first). The industry matches the
 * primary or the secondary industry, asked as two ordered reads (libs/challenges
 * listChallengesAsJsonRows); the secondary one is null for most challenges, hence partial. Checked by
 * `npm run bench:challenges`, which prints each measured query's plan.
 */
export class ChallengeListIndexes1795614900000 implements MigrationInterface {
  name = 'ChallengeListIndexes1795614900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_challenges_status_deadline" ON "challenges" ("status", "bid_deadline", "id")`);
    await q.query(`CREATE INDEX "IDX_challenges_status_created" ON "challenges" ("status", "created_at", "id")`);
    await q.query(`CREATE INDEX "IDX_challenges_industry_deadline" ON "challenges" ("industry", "bid_deadline", "id")`);
    await q.query(`CREATE INDEX "IDX_challenges_industry_created" ON "challenges" ("industry", "created_at", "id")`);
    await q.query(
      `CREATE INDEX "IDX_challenges_secondary_industry_deadline" ON "challenges" ("secondary_industry", "bid_deadline", "id") WHERE "secondary_industry" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "IDX_challenges_secondary_industry_created" ON "challenges" ("secondary_industry", "created_at", "id") WHERE "secondary_industry" IS NOT NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."IDX_challenges_secondary_industry_created"`);
    await q.query(`DROP INDEX "public"."IDX_challenges_secondary_industry_deadline"`);
    await q.query(`DROP INDEX "public"."IDX_challenges_industry_created"`);
    await q.query(`DROP INDEX "public"."IDX_challenges_industry_deadline"`);
    await q.query(`DROP INDEX "public"."IDX_challenges_status_created"`);
    await q.query(`DROP INDEX "public"."IDX_challenges_status_deadline"`);
  }
}
