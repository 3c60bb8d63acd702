import Redis from 'ioredis';
import { Client } from 'pg';
import { eventually, seedProject } from '@app/milestones/testing/seed';
import { TestApp, createTestApp } from './support/test-app';
import {
  TestWorker,
  createTestWorker,
  spawnWorkerProcess,
  stopWorkerProcess,
  waitForOutput,
  workerEnvFor,
} from './support/test-worker';
import { Session, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(300_000);
process.env.MILESTONE_GRACE = 'P1D';

/**
 * Fault tests: whatever happens to the workers or to Redis, each due tranche is paid exactly once
 * and every overdue milestone is marked (with exactly one notice), counted in SQL.
 */
describe('milestones under faults', () => {
  let t: TestApp;
  let db: Client;
  let agency: Session;
  let team: Session;
  let pm: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { MILESTONE_REMINDERS: 'PT1H', RECONCILE_EVERY: 'PT2S', DISBURSEMENT_DELAY: 'PT0S' } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    team = await registerTeam(t.http);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  /** `n` projects each with one accepted milestone (a scheduled disbursement due at `payInMs`) and one milestone due at `dueInMs`. */
  async function seed(n: number, payInMs: number, dueInMs: number) {
    const projects: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = await seedProject(db, {
        agencyId: agency.userId,
        organizationId: team.organizationId as string,
        programManagerId: pm.userId,
        grantedFen: 2_000 + i,
        milestones: [
          { dueInMs: 30 * 86_400_000, trancheFen: 1_000 + i },
          { dueInMs, trancheFen: 1_000 },
        ],
      });
      await db.query(`UPDATE project_milestones SET status = 'met' WHERE id = $1`, [p.milestoneIds[0]]);
      await db.query(
        `INSERT INTO disbursements (project_id, milestone_id, challenge_id, amount_fen, scheduled_for) VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')`,
        [p.projectId, p.milestoneIds[0], p.challengeId, 1_000 + i, payInMs],
      );
      projects.push(p.projectId);
    }
    return projects;
  }

  async function counts(projects: string[]) {
    const r = await db.query(
      `SELECT (SELECT count(*) FROM disbursements WHERE project_id = ANY($1::uuid[]) AND status = 'paid')::int AS paid,
              (SELECT count(*) FROM projects p JOIN disbursements d ON d.project_id = p.id WHERE p.id = ANY($1::uuid[]) AND p.paid_fen <> CASE WHEN d.status = 'paid' THEN d.amount_fen ELSE 0 END)::int AS wrong_paid,
              (SELECT count(*) FROM audit_entries a JOIN disbursements d ON d.id::text = a.subject_id WHERE d.project_id = ANY($1::uuid[]) AND a.action = 'disbursement.paid')::int AS paid_audits,
              (SELECT count(*) FROM project_milestones WHERE project_id = ANY($1::uuid[]) AND seq = 1 AND status = 'overdue')::int AS overdue,
              (SELECT count(*) FROM notifications WHERE project_id = ANY($1::uuid[]) AND kind = 'milestone.overdue')::int AS overdue_notices,
              (SELECT count(*) FROM (SELECT 1 FROM notifications WHERE project_id = ANY($1::uuid[]) GROUP BY kind, subject_id, offset_key HAVING count(*) > 1) x)::int AS dup_notices`,
      [projects],
    );
    return r.rows[0] as {
      paid: number;
      wrong_paid: number;
      paid_audits: number;
      overdue: number;
      overdue_notices: number;
      dup_notices: number;
    };
  }
  const done = (n: number) => ({ paid: n, wrong_paid: 0, paid_audits: n, overdue: n, overdue_notices: n, dup_notices: 0 });

  it('SIGKILL a worker process during the disbursements, restart it: each tranche paid once, every overdue milestone marked', async () => {
    const projects = await seed(150, 0, 1500);
    const env = { ...workerEnvFor(t.config), WORKER_CONCURRENCY: '8' };
    const first = spawnWorkerProcess(env);
    try {
      await waitForOutput(first, /worker started/, 60_000);
      await eventually(async () => (await counts(projects)).paid > 0, 60_000, 20);
    } finally {
      await stopWorkerProcess(first, 'SIGKILL');
    }
    const atKill = await counts(projects);
    const second = spawnWorkerProcess(env);
    try {
      await waitForOutput(second, /worker started/, 60_000);
      await eventually(async () => {
        const c = await counts(projects);
        return c.paid === 150 && c.overdue === 150 && c.overdue_notices === 150;
      }, 120_000);
      await new Promise((r) => setTimeout(r, 3000));
      expect(await counts(projects)).toEqual(done(150));
      expect(atKill.paid).toBeGreaterThan(0);
    } finally {
      await stopWorkerProcess(second, 'SIGTERM');
    }
  });

  it('the test’s Redis keys deleted (not FLUSHALL: shared Redis): reconcile re-creates the jobs, nothing lost or doubled', async () => {
    const projects = await seed(60, 4000, 4000);
    const worker: TestWorker = await createTestWorker(t.config);
    try {
      // the start-up reconcile has scheduled the disbursements and the sweep; lose them all
      await new Promise((r) => setTimeout(r, 1000));
      const redis = new Redis(t.config.redisUrl);
      let deleted = 0;
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.config.redisPrefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) deleted += await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
      expect(deleted).toBeGreaterThan(0);
      await eventually(async () => {
        const c = await counts(projects);
        return c.paid === 60 && c.overdue === 60 && c.overdue_notices === 60;
      }, 120_000);
      await new Promise((r) => setTimeout(r, 3000));
      expect(await counts(projects)).toEqual(done(60));
    } finally {
      await worker.close();
    }
  });

  it('two workers at once: each due tranche paid exactly once, every overdue milestone marked once', async () => {
    const projects = await seed(200, 1500, 1500);
    const [a, b] = await Promise.all([
      createTestWorker(t.config, [], { worker: { concurrency: 8 } }),
      createTestWorker(t.config, [], { worker: { concurrency: 8 } }),
    ]);
    try {
      await eventually(async () => {
        const c = await counts(projects);
        return c.paid === 200 && c.overdue === 200 && c.overdue_notices === 200;
      }, 120_000);
      await new Promise((r) => setTimeout(r, 3000));
      expect(await counts(projects)).toEqual(done(200));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
