import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Challenges and their questions. `search_text` (kept by a trigger) holds the title, summary and the
 * objectives' metrics and units, lower-cased, with a pg_trgm GIN index: substring search works for
 * Chinese (no word breaks needed; CJK characters are trigram characters under a UTF-8 ctype) and
 * English alike. The awarded counters carry the CHECKs that make an overrun impossible.
 */
export class Challenges1795609954130 implements MigrationInterface {
  name = 'Challenges1795609954130';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE "challenges" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "title" character varying(200) NOT NULL,
        "summary" text NOT NULL,
        "industry" character varying(40) NOT NULL,
        "secondary_industry" character varying(40),
        "field" character varying(40) NOT NULL,
        "mechanism" character varying(20) NOT NULL,
        "track" character varying(20) NOT NULL,
        "budget_fen" bigint NOT NULL,
        "max_award_fen" bigint,
        "parallel_slots" integer NOT NULL,
        "stages" jsonb NOT NULL DEFAULT '[]',
        "objectives" jsonb NOT NULL,
        "eligibility" jsonb NOT NULL,
        "bid_deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
        "project_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "zone" character varying(40),
        "status" character varying(20) NOT NULL DEFAULT 'draft',
        "agency_id" uuid NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        "cancelled_at" TIMESTAMP WITH TIME ZONE,
        "awarded_fen" bigint NOT NULL DEFAULT '0',
        "awarded_count" integer NOT NULL DEFAULT '0',
        "search_text" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_challenges_status" CHECK ("status" IN ('draft', 'published', 'closed', 'awarded', 'completed', 'cancelled')),
        CONSTRAINT "CHK_challenges_dates" CHECK ("project_ends_at" > "bid_deadline"),
        CONSTRAINT "CHK_challenges_slots" CHECK ("parallel_slots" >= 1),
        CONSTRAINT "CHK_challenges_max_award" CHECK ("max_award_fen" IS NULL OR ("max_award_fen" > 0 AND "max_award_fen" <= "budget_fen")),
        CONSTRAINT "CHK_challenges_budget" CHECK ("budget_fen" > 0),
        CONSTRAINT "CHK_challenges_awarded_count" CHECK ("awarded_count" >= 0 AND "awarded_count" <= "parallel_slots"),
        CONSTRAINT "CHK_challenges_awarded_fen" CHECK ("awarded_fen" >= 0 AND "awarded_fen" <= "budget_fen"),
        CONSTRAINT "PK_1e664e93171e20fe4d6125466af" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(`CREATE INDEX "IDX_challenges_agency" ON "challenges" ("agency_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_challenges_created" ON "challenges" ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_challenges_deadline" ON "challenges" ("bid_deadline", "id")`);
    // search_text is kept by a trigger rather than declared GENERATED: TypeORM ties a generated
    // column's expression to the database's name (typeorm_metadata), which breaks databases made
    // from a template (every e2e run) and any renamed database.
    await queryRunner.query(`
      CREATE FUNCTION "challenges_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW."search_text" := lower(NEW."title" || ' ' || NEW."summary" || ' '
          || jsonb_path_query_array(NEW."objectives", '$[*].metric')::text || ' '
          || jsonb_path_query_array(NEW."objectives", '$[*].unit')::text);
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "challenges_search_text" BEFORE INSERT OR UPDATE ON "challenges"
      FOR EACH ROW EXECUTE FUNCTION "challenges_search_text"()
    `);
    await queryRunner.query(`CREATE INDEX "IDX_challenges_search_trgm" ON "challenges" USING gin ("search_text" gin_trgm_ops)`);
    await queryRunner.query(`
      CREATE TABLE "challenge_questions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "challenge_id" uuid NOT NULL,
        "asker_id" uuid NOT NULL,
        "asker_organization_id" uuid,
        "text" text NOT NULL,
        "answer_text" text,
        "answered_at" TIMESTAMP WITH TIME ZONE,
        "answered_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_740d1df079245cd347ae119fb9d" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "IDX_challenge_questions_challenge" ON "challenge_questions" ("challenge_id", "created_at", "id")`,
    );
    await queryRunner.query(`
      ALTER TABLE "challenge_questions"
      ADD CONSTRAINT "FK_e5ca9757062ff1d0d01d885d660" FOREIGN KEY ("challenge_id") REFERENCES "challenges"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "challenge_questions"`);
    await queryRunner.query(`DROP TABLE "challenges"`);
    await queryRunner.query(`DROP FUNCTION "challenges_search_text"()`);
  }
}
