/**
 * TEST-ONLY (seeds and benches that write `projects` straight into SQL; never imported by
 * application code): the rule row of the policy version the application adopted last, so a seeded
 * project records a version, rate and cap its foreign key accepts.
 *
 *   INSERT INTO projects (…, rule_id, policy_version_id, rule_rate_bp, rule_cap_fen, rule_rate_key, rule_cap_key, …)
 *   SELECT …, $6, r.version_id, r.rate_bp, r.cap_fen, r.rate_key, r.cap_key, … FROM (${currentPolicyRuleSql('$6')}) r
 */
import { policySettings, versionContentOf, type PolicySettings } from '@app/policy';
import { adoptPolicyVersion } from '../repositories/policy-versions.repository';

export const currentPolicyRuleSql = (ruleId: string): string =>
  `SELECT r.version_id, r.rate_bp, r.cap_fen, r.rate_key, r.cap_key FROM policy_version_rules r
    WHERE r.rule_id = ${ruleId}
      AND r.version_id = (SELECT v.id FROM policy_versions v ORDER BY v.adopted_at DESC, v.created_at DESC LIMIT 1)`;

/**
 * For a seed that runs before any application has started: adopts the version these settings make
 * (default: in force from 2023-01-01, no project-manager ratio), as the application would.
 */
export async function adoptVersionForSeed(
  db: { query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }> },
  settings: PolicySettings = policySettings({ effectiveFrom: '2023-01-01T00:00:00+08:00' }),
): Promise<string> {
  const version = await adoptPolicyVersion(
    { query: async (sql, params) => (await db.query(sql, params)).rows },
    versionContentOf(settings),
  );
  return version.id;
}
