import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policy as versioned law (issue 17, libs/policy): `policy_versions` (the settings that shape
 * the rule table: effective window, project-manager-track ratio; one row per distinct content, by
 * `fingerprint`) and `policy_version_rules` (each rule's rate, cap and base in that version). The
 * application adopts the version its settings make at start-up.
 *
 * Projects record the version they were awarded under, and the database holds them to it: the
 * foreign key (policy_version_id, rule_id, rule_rate_key, rule_cap_key) must match the version's
 * rule row (the keys are the rate and cap with -1 for "none", so NULL cannot skip the check), and
 * `CHK_projects_rule_limit` holds granted_fen and cap_fen to min(floor(rate × base), cap).
 *
 * Projects awarded before versions existed get a `legacy-` version per (rule, rate, cap) they were
 * awarded with, whose window starts on the Beijing day of the earliest of them and spans at least
 * the 5 years of clause 24 (二十四), so every one of them stays in force for its own checks.
 */
export class PolicyVersions1795613950000 implements MigrationInterface {
  name = 'PolicyVersions1795613950000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "policy_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "fingerprint" character varying(64) NOT NULL,
        "first_day" date NOT NULL,
        "last_day" date NOT NULL,
        "validity_years" integer NOT NULL,
        "pm_major_rate_bp" integer,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "adopted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_policy_versions_pm_rate" CHECK ("pm_major_rate_bp" IS NULL OR "pm_major_rate_bp" BETWEEN 0 AND 10000),
        CONSTRAINT "CHK_policy_versions_years" CHECK ("validity_years" BETWEEN 1 AND 100),
        CONSTRAINT "CHK_policy_versions_window" CHECK ("first_day" <= "last_day"),
        CONSTRAINT "PK_policy_versions" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_policy_versions_fingerprint" ON "policy_versions" ("fingerprint")`);
    await q.query(`
      CREATE TABLE "policy_version_rules" (
        "version_id" uuid NOT NULL,
        "rule_id" character varying(40) NOT NULL,
        "clause" character varying(8) NOT NULL,
        "clause_number" integer NOT NULL,
        "base_key" character varying(40),
        "rate_bp" integer,
        "rate_setting" character varying(40),
        "cap_fen" bigint,
        "rate_key" integer NOT NULL,
        "cap_key" bigint NOT NULL,
        "amount_set" boolean NOT NULL,
        CONSTRAINT "UQ_policy_version_rules_limits" UNIQUE ("version_id", "rule_id", "rate_key", "cap_key"),
        CONSTRAINT "CHK_policy_version_rules_keys" CHECK ("rate_key" = COALESCE("rate_bp", -1) AND "cap_key" = COALESCE("cap_fen", -1)),
        CONSTRAINT "CHK_policy_version_rules_cap" CHECK ("cap_fen" IS NULL OR "cap_fen" >= 0),
        CONSTRAINT "CHK_policy_version_rules_rate" CHECK ("rate_bp" IS NULL OR "rate_bp" BETWEEN 0 AND 10000),
        CONSTRAINT "PK_policy_version_rules" PRIMARY KEY ("version_id", "rule_id")
      )`);
    await q.query(`
      ALTER TABLE "policy_version_rules" ADD CONSTRAINT "FK_policy_version_rules_version"
        FOREIGN KEY ("version_id") REFERENCES "policy_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "projects" ADD "policy_version_id" uuid, ADD "rule_rate_key" integer, ADD "rule_cap_key" bigint`);
    await this.backfillLegacyVersions(q);
    await q.query(`
      ALTER TABLE "projects"
        ALTER COLUMN "policy_version_id" SET NOT NULL,
        ALTER COLUMN "rule_rate_key" SET NOT NULL,
        ALTER COLUMN "rule_cap_key" SET NOT NULL,
        ADD CONSTRAINT "CHK_projects_rule_keys"
          CHECK ("rule_rate_key" = COALESCE("rule_rate_bp", -1) AND "rule_cap_key" = COALESCE("rule_cap_fen", -1)),
        ADD CONSTRAINT "CHK_projects_rule_limit" CHECK (
          ("rule_rate_bp" IS NULL OR ("granted_fen" <= floor("total_investment_fen"::numeric * "rule_rate_bp" / 10000)
                                  AND "cap_fen" <= floor("total_investment_fen"::numeric * "rule_rate_bp" / 10000)))
          AND ("rule_cap_fen" IS NULL OR ("granted_fen" <= "rule_cap_fen" AND "cap_fen" <= "rule_cap_fen"))),
        ADD CONSTRAINT "FK_projects_policy_rule"
          FOREIGN KEY ("policy_version_id", "rule_id", "rule_rate_key", "rule_cap_key")
          REFERENCES "policy_version_rules"("version_id", "rule_id", "rate_key", "cap_key") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  /** One `legacy-` version per (rule, rate, cap) that existing projects were awarded with. */
  private async backfillLegacyVersions(q: QueryRunner): Promise<void> {
    const key = `'legacy-' || md5(p.rule_id || '|' || coalesce(p.rule_rate_bp::text, '-') || '|' || coalesce(p.rule_cap_fen::text, '-'))`;
    const day = `(p.created_at AT TIME ZONE 'Asia/Shanghai')::date`;
    await q.query(`
      WITH groups AS (
        SELECT ${key} AS fingerprint, p.rule_id, p.rule_rate_bp, p.rule_cap_fen, min(${day}) AS first_day, max(${day}) AS last_seen
          FROM "projects" p GROUP BY 1, 2, 3, 4
      ), sized AS (
        SELECT g.*, GREATEST(5, extract(year FROM age(g.last_seen, g.first_day))::int + 1) AS years FROM groups g
      ), versions AS (
        INSERT INTO "policy_versions" ("fingerprint", "first_day", "last_day", "validity_years", "pm_major_rate_bp")
        SELECT s.fingerprint, s.first_day, (s.first_day + make_interval(years => s.years) - interval '1 day')::date, s.years,
               CASE WHEN s.rule_id = 'art4.pm_major' THEN s.rule_rate_bp END
          FROM sized s
        RETURNING "id", "fingerprint"
      )
      INSERT INTO "policy_version_rules" ("version_id", "rule_id", "clause", "clause_number", "base_key", "rate_bp", "rate_setting",
                                          "cap_fen", "rate_key", "cap_key", "amount_set")
      SELECT v.id, s.rule_id, (${NUMERALS})[n.num], n.num,
             CASE WHEN s.rule_rate_bp IS NOT NULL OR s.rule_id LIKE 'art4.%' THEN 'total_investment' END,
             s.rule_rate_bp, CASE WHEN s.rule_id = 'art4.pm_major' AND s.rule_rate_bp IS NULL THEN 'pmMajorRateBp' END,
             s.rule_cap_fen, COALESCE(s.rule_rate_bp, -1), COALESCE(s.rule_cap_fen, -1), true
        FROM sized s JOIN versions v ON v.fingerprint = s.fingerprint
       CROSS JOIN LATERAL (SELECT substring(s.rule_id FROM '^art([0-9]+)')::int AS num) n`);
    await q.query(`
      UPDATE "projects" p SET "policy_version_id" = v.id,
             "rule_rate_key" = COALESCE(p.rule_rate_bp, -1), "rule_cap_key" = COALESCE(p.rule_cap_fen, -1)
        FROM "policy_versions" v WHERE v.fingerprint = ${key}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "projects" DROP CONSTRAINT "FK_projects_policy_rule", DROP CONSTRAINT "CHK_projects_rule_limit",
        DROP CONSTRAINT "CHK_projects_rule_keys", DROP COLUMN "rule_cap_key", DROP COLUMN "rule_rate_key", DROP COLUMN "policy_version_id"`);
    await q.query(`ALTER TABLE "policy_version_rules" DROP CONSTRAINT "FK_policy_version_rules_version"`);
    await q.query(`DROP TABLE "policy_version_rules"`);
    await q.query(`DROP INDEX "public"."UQ_policy_versions_fingerprint"`);
    await q.query(`DROP TABLE "policy_versions"`);
  }
}

/** The clause numerals as printed, 一 … 二十四, as an SQL array (1-based like the clause numbers). */
const NUMERALS = `ARRAY[${'一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 二十四'
  .split(' ')
  .map((n) => `'${n}'`)
  .join(', ')}]::text[]`;
