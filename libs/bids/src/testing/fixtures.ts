/**
 * Test-only helpers for the bids e2e suites and the bench (never imported by application code).
 */
import { Client } from 'pg';

const DAY = 86_400_000;
export const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A challenge body (open call, core_tech) with a deadline an hour ahead; publish with MIN_BID_WINDOW ≤ 1 hour. */
export function challengeBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '高精度光计算芯片攻关',
    summary: '研制可编程光计算芯片 (programmable photonic computing chip).',
    industry: 'optical_comm_computing',
    field: 'key_components',
    mechanism: 'open_call',
    track: 'core_tech',
    budgetFen: 5_000_000_000,
    objectives: [
      { metric: '算力', target: 100, unit: 'TOPS' },
      { metric: '能效', target: 10, unit: 'TOPS/W' },
    ],
    eligibility: { orgKinds: ['enterprise', 'university'], consortiumAllowed: true, maxMembers: 3 },
    bidDeadline: isoIn(3_600_000),
    projectEndsAt: isoIn(400 * DAY),
    ...over,
  };
}

/** A valid bid for `challengeBody()`'s objectives: tranches split the request over `parts` milestones. */
export function bidBody(
  over: { totalInvestmentFen?: number; requestedFundingFen?: number; parts?: number; text?: string } & Record<
    string,
    unknown
  > = {},
) {
  const {
    totalInvestmentFen = 2_000_000_000,
    requestedFundingFen = 1_000_000_000,
    parts = 2,
    text = '我们的方案 (our plan).',
    ...rest
  } = over;
  const base = Math.floor(requestedFundingFen / parts);
  const milestones = Array.from({ length: parts }, (_, i) => ({
    title: `里程碑 ${i + 1}`,
    dueAt: isoIn((100 + i * 100) * DAY),
    deliverable: `交付物 ${i + 1}`,
    trancheFen: i === parts - 1 ? requestedFundingFen - base * (parts - 1) : base,
  }));
  return {
    totalInvestmentFen,
    requestedFundingFen,
    proposal: {
      text,
      approach: [
        { metric: '算力', plan: '光电混合架构' },
        { metric: '能效', plan: '低功耗调制器' },
      ],
    },
    milestones,
    ...rest,
  };
}

/**
 * TEST-ONLY: moves a challenge's bid deadline into the past directly in the database (the close
 * job is not running in e2e tests; bids judge the deadline by `now()` themselves).
 */
export async function passDeadline(databaseUrl: string, challengeId: string): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`UPDATE challenges SET bid_deadline = now() - interval '1 second' WHERE id = $1`, [challengeId]);
  } finally {
    await db.end();
  }
}
