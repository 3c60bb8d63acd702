/**
 * `policy_versions` and `policy_version_rules` (owned by this library: libs/policy, which makes and
 * judges versions, is pure and runs in the browser too). Adopts the version the current settings
 * make at start-up, and reads the version a project was awarded under.
 */
import { versionFingerprint, type BaseKey, type PolicyVersion, type PolicyVersionContent, type RateSetting } from '@app/policy';

export interface AdoptedVersion extends PolicyVersion {
  /** False when a row with the same content was already stored (a restart with unchanged settings). */
  created: boolean;
}

/** Anything that runs a query and answers its rows (a TypeORM EntityManager does). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Stores the version unless one with the same fingerprint exists, marks it adopted now, and returns
 * it. Idempotent: the same content always answers the same row. One statement, so the version and
 * its rules are written together or not at all.
 */
export async function adoptPolicyVersion(db: Queryable, content: PolicyVersionContent): Promise<AdoptedVersion> {
  const fingerprint = versionFingerprint(content);
  const [version] = (await db.query(
    `WITH v AS (
       INSERT INTO policy_versions (fingerprint, first_day, last_day, validity_years, pm_major_rate_bp)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (fingerprint) DO UPDATE SET adopted_at = now()
       RETURNING id, (xmax = 0) AS created
     ), r AS (
       INSERT INTO policy_version_rules (version_id, rule_id, clause, clause_number, base_key, rate_bp, rate_setting, cap_fen,
                                         rate_key, cap_key, amount_set)
       SELECT v.id, r.rule_id, r.clause, r.clause_number, r.base_key, r.rate_bp, r.rate_setting, r.cap_fen,
              COALESCE(r.rate_bp, -1), COALESCE(r.cap_fen, -1), r.amount_set
         FROM v, jsonb_to_recordset($6::jsonb) AS r(rule_id text, clause text, clause_number int, base_key text, rate_bp int,
                                                     rate_setting text, cap_fen bigint, amount_set boolean)
       ON CONFLICT (version_id, rule_id) DO NOTHING
     )
     SELECT id, created FROM v`,
    [
      fingerprint,
      content.firstDay,
      content.lastDay,
      content.validityYears,
      content.pmMajorRateBp,
      JSON.stringify(content.rules.map(rowOfRule)),
    ],
  )) as { id: string; created: boolean }[];
  return { ...content, id: version.id, fingerprint, created: version.created === true };
}

interface VersionRow {
  id: string;
  fingerprint: string;
  first_day: string;
  last_day: string;
  validity_years: number;
  pm_major_rate_bp: number | null;
  rules: {
    rule_id: string;
    clause: string;
    clause_number: number;
    base_key: string | null;
    rate_bp: number | null;
    rate_setting: string | null;
    cap_fen: number | string | null;
    amount_set: boolean;
  }[];
}

/** The version with this id and its rules (in clause order), or undefined. */
export async function readPolicyVersion(em: Queryable, id: string): Promise<PolicyVersion | undefined> {
  const [row] = (await em.query(
    `SELECT v.id, v.fingerprint, to_char(v.first_day, 'YYYY-MM-DD') AS first_day, to_char(v.last_day, 'YYYY-MM-DD') AS last_day,
            v.validity_years, v.pm_major_rate_bp,
            (SELECT coalesce(jsonb_agg(to_jsonb(r) - 'version_id' - 'rate_key' - 'cap_key' ORDER BY r.clause_number, r.rule_id), '[]')
               FROM policy_version_rules r WHERE r.version_id = v.id) AS rules
       FROM policy_versions v WHERE v.id = $1`,
    [id],
  )) as VersionRow[];
  if (!row) return undefined;
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    firstDay: row.first_day,
    lastDay: row.last_day,
    validityYears: row.validity_years,
    pmMajorRateBp: row.pm_major_rate_bp,
    rules: row.rules.map((r) => ({
      ruleId: r.rule_id,
      clause: r.clause,
      clauseNumber: r.clause_number,
      baseKey: r.base_key as BaseKey | null,
      rateBp: r.rate_bp,
      rateSetting: r.rate_setting as RateSetting | null,
      capFen: r.cap_fen === null ? null : Number(r.cap_fen),
      amountSet: r.amount_set,
    })),
  };
}

const rowOfRule = (r: PolicyVersionContent['rules'][number]) => ({
  rule_id: r.ruleId,
  clause: r.clause,
  clause_number: r.clauseNumber,
  base_key: r.baseKey,
  rate_bp: r.rateBp,
  rate_setting: r.rateSetting,
  cap_fen: r.capFen,
  amount_set: r.amountSet,
});
