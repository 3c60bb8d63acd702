/**
 * TEST-ONLY helpers for the milestones e2e suites and bench/jobs.bench.ts (never imported by
 * application code): an awarded, active project with its milestone plan written straight into SQL.
 */
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { currentPolicyRuleSql } from '@app/funding-rules/testing/current-rule';

type Db = Client | Pool;

export interface SeedProjectOptions {
  agencyId: string;
  organizationId: string;
  programManagerId: string | null;
  grantedFen: number;
  /** Milestones: due (ms from the database's now) and tranche; tranches should add up to the grant. */
  milestones: { dueInMs: number; trancheFen: number }[];
  ruleId?: 'art4.core_tech' | 'art4.pm_major';
  status?: 'active' | 'publicity' | 'eliminated' | 'terminated';
  industry?: string;
}

export interface SeededProject {
  challengeId: string;
  projectId: string;
  milestoneIds: string[];
}

export async function seedProject(db: Db, o: SeedProjectOptions): Promise<SeededProject> {
  const total = o.grantedFen * 2;
  const { rows } = await db.query(
    `INSERT INTO challenges (title, summary, industry, field, mechanism, track, budget_fen, parallel_slots, stages, objectives,
                             eligibility, bid_deadline, project_ends_at, status, agency_id, agency_organization_id, published_at, closed_at,
                             awarded_fen, awarded_count)
     VALUES ($1, 'seeded', $2, 'key_components', 'open_call', $3, $4, 1, '[]'::jsonb,
             '[{"metric":"算力","target":100,"unit":"TOPS"}]'::jsonb,
             '{"orgKinds":["enterprise"],"consortiumAllowed":false,"maxMembers":1}'::jsonb,
             now() - interval '1 hour', now() + interval '400 days', 'awarded', $5, (SELECT organization_id FROM users WHERE id = $5),
             now() - interval '2 hours', now() - interval '1 hour', $4, 1)
     RETURNING id`,
    [
      `里程碑测试榜单 ${randomUUID().slice(0, 8)}`,
      o.industry ?? 'quantum_information',
      o.ruleId === 'art4.pm_major' ? 'pm_major' : 'core_tech',
      o.grantedFen,
      o.agencyId,
    ],
  );
  const challengeId = rows[0].id as string;
  const bidId = randomUUID();
  await db.query(
    `INSERT INTO bids (id, challenge_id, organization_id, submitted_by, status, total_investment_fen, requested_funding_fen, proposal, receipt_hash, submitted_at)
     VALUES ($1, $2, $3, $4, 'awarded', $5, $6, '{"text":"seeded","approach":null}'::jsonb, repeat('0', 64), now() - interval '90 minutes')`,
    [bidId, challengeId, o.organizationId, o.agencyId, total, o.grantedFen],
  );
  const p = await db.query(
    `INSERT INTO projects (challenge_id, bid_id, organization_id, title, granted_fen, requested_fen, total_investment_fen, rule_id,
                           policy_version_id, rule_rate_bp, rule_cap_fen, rule_rate_key, rule_cap_key, cap_fen, status, program_manager_id,
                           publicity_ends_at, activated_at, awarded_by)
     SELECT $1, $2, $3, '里程碑测试项目', $4, $4, $5, $6, r.version_id, r.rate_bp, r.cap_fen, r.rate_key, r.cap_key, $4, $7, $8,
            now() - interval '1 minute', now(), $9
       FROM (${currentPolicyRuleSql('$6')}) r
     RETURNING id`,
    [
      challengeId,
      bidId,
      o.organizationId,
      o.grantedFen,
      total,
      o.ruleId ?? 'art4.core_tech',
      o.status ?? 'active',
      o.programManagerId,
      o.agencyId,
    ],
  );
  if (!p.rows[0]) throw new Error('no policy version adopted yet: start the application before seeding projects');
  const projectId = p.rows[0].id as string;
  const milestoneIds: string[] = [];
  for (let k = 0; k < o.milestones.length; k++) {
    const m = o.milestones[k];
    const r = await db.query(
      `INSERT INTO project_milestones (project_id, seq, title, due_at, deliverable, tranche_fen)
       VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond', '交付物', $5) RETURNING id`,
      [projectId, k, `里程碑 ${k + 1}`, m.dueInMs, m.trancheFen],
    );
    milestoneIds.push(r.rows[0].id);
  }
  return { challengeId, projectId, milestoneIds };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (generous: a shared 2-core machine). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
