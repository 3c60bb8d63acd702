import { Injectable, Module } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import {
  JOB_CATALOG,
  JobCatalog,
  JobHandler,
  JobName,
  JobScheduler,
  JobTooEarly,
  QueueName,
  Reconciler,
  jobIds,
} from '@app/jobs';
import { TestApp, createTestApp } from './support/test-app';
import {
  TestWorker,
  createTestWorker,
  spawnWorkerProcess,
  stopWorkerProcess,
  waitForOutput,
  workerEnvFor,
} from './support/test-worker';

/*
 * The job platform, exercised with test-only job names on a test queue, so these tests depend on
 * no feature's handlers. The real WorkerModule is booted with the catalog replaced.
 */
jest.setTimeout(60_000);

const Echo = 'test.echo' as JobName;
const Slow = 'test.slow' as JobName;
const Flaky = 'test.flaky' as JobName;
const TEST_QUEUE = 'test-jobs';
const catalog: JobCatalog = {
  queueOf: { [Echo]: TEST_QUEUE, [Slow]: TEST_QUEUE, [Flaky]: TEST_QUEUE, [JobName.Reconcile]: QueueName.Maintenance },
};

interface Run {
  key: string;
  at: number;
  jobId: string;
}
const runs: Run[] = [];
const runsOf = (key: string) => runs.filter((r) => r.key === key);
const slow = { started: 0, finished: 0 };
let flakyCalls = 0;

@JobHandler(Echo)
class EchoJob {
  async handle(payload: { key: string }, job: Job): Promise<void> {
    runs.push({ key: payload.key, at: Date.now(), jobId: String(job.id) });
    // Like a real handler, the run moves "the database" on: the item is no longer due.
    const index = due.findIndex((item) => item.key === payload.key);
    if (index >= 0) due.splice(index, 1);
  }
}

@JobHandler(Slow)
class SlowJob {
  async handle(): Promise<void> {
    slow.started++;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    slow.finished++;
  }
}

@JobHandler(Flaky)
class FlakyJob {
  async handle(payload: { key: string }, job: Job): Promise<void> {
    flakyCalls++;
    if (flakyCalls === 1) throw new JobTooEarly(300);
    runs.push({ key: payload.key, at: Date.now(), jobId: String(job.id) });
  }
}

/** Stands in for a feature's reconciler: "the database" is this list of what is still due. */
const due: { key: string; runAt: Date }[] = [];

@Reconciler()
class TestReconciler {
  constructor(private readonly scheduler: JobScheduler) {}
  async reconcile(): Promise<number> {
    const stateReadAt = new Date();
    const rows = [...due];
    for (const item of rows)
      await this.scheduler.schedule(Echo, { key: item.key } as never, {
        jobId: `echo:${item.key}:run`,
        runAt: item.runAt,
        stateReadAt,
      });
    return rows.length;
  }
}

@Module({ providers: [EchoJob, SlowJob, FlakyJob, TestReconciler] })
class TestJobsModule {}

@Injectable()
class SecondEchoJob {}
JobHandler(Echo)(SecondEchoJob);
@Module({ providers: [SecondEchoJob] })
class DuplicateEchoModule {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, label = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${label}`);
}

async function deletePrefixKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

const schedulerOf = (w: TestWorker) => w.app.get(JobScheduler);
const echo = (w: TestWorker, key: string, runAt?: Date) =>
  schedulerOf(w).schedule(Echo, { key } as never, { jobId: `echo:${key}:run`, runAt });

describe('job platform', () => {
  let t: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    t = await createTestApp({ env: { RECONCILE_EVERY: 'PT1S' } });
    worker = await createTestWorker(t.config, [TestJobsModule], { catalog });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('runs a job scheduled twice (even concurrently) once', async () => {
    const runAt = new Date(Date.now() + 300);
    await Promise.all([echo(worker, 'twice', runAt), echo(worker, 'twice', runAt), echo(worker, 'twice', runAt)]);
    await echo(worker, 'twice', runAt);
    await waitFor(() => runsOf('twice').length > 0, 5000, 'the job');
    await sleep(700);
    expect(runsOf('twice')).toHaveLength(1);
    expect(runsOf('twice')[0].jobId).toBe('echo:twice:run');
  });

  it('moves a pending job when it is scheduled again with another time (earlier and later)', async () => {
    const start = Date.now();
    await echo(worker, 'earlier', new Date(start + 20_000));
    await echo(worker, 'earlier', new Date(start + 400));
    await echo(worker, 'later', new Date(start + 400));
    await echo(worker, 'later', new Date(start + 2500));
    const job = await schedulerOf(worker).find(Echo, 'echo:later:run');
    expect(job!.timestamp + (job!.opts.delay ?? 0)).toBe(start + 2500);

    await waitFor(() => runsOf('earlier').length > 0, 5000, 'the earlier run');
    expect(runsOf('earlier')[0].at - start).toBeGreaterThanOrEqual(390);
    expect(runsOf('earlier')[0].at - start).toBeLessThan(5000);
    expect(runsOf('later')).toHaveLength(0);
    await waitFor(() => runsOf('later').length > 0, 6000, 'the later run');
    expect(runsOf('later')[0].at - start).toBeGreaterThanOrEqual(2490);
    await sleep(300);
    expect(runsOf('earlier')).toHaveLength(1);
    expect(runsOf('later')).toHaveLength(1);
  });

  it('re-schedules an id whose job has already completed (a finished job never blocks)', async () => {
    await echo(worker, 'again');
    await waitFor(() => runsOf('again').length === 1, 5000);
    await waitFor(async () => (await (await schedulerOf(worker).find(Echo, 'echo:again:run'))?.getState()) === 'completed', 5000);
    await echo(worker, 'again');
    await waitFor(() => runsOf('again').length === 2, 5000, 'the second run');
  });

  it('cancels a pending job', async () => {
    const runAt = new Date(Date.now() + 2000); // room for a slow machine to cancel before it is due
    await echo(worker, 'cancelled', runAt);
    await schedulerOf(worker).cancel(Echo, 'echo:cancelled:run');
    expect(await schedulerOf(worker).find(Echo, 'echo:cancelled:run')).toBeUndefined();
    await sleep(runAt.getTime() - Date.now() + 600);
    expect(runsOf('cancelled')).toHaveLength(0);
  });

  it('keeps retention and retries explicit on every job', async () => {
    await echo(worker, 'options', new Date(Date.now() + 60_000));
    const job = await schedulerOf(worker).find(Echo, 'echo:options:run');
    expect(job?.opts).toMatchObject({
      attempts: expect.any(Number),
      backoff: { type: 'exponential', delay: expect.any(Number) },
      removeOnComplete: { age: expect.any(Number), count: expect.any(Number) },
      removeOnFail: { age: expect.any(Number), count: expect.any(Number) },
    });
    expect(job?.queueQualifiedName).toBe(`${t.config.redisPrefix}:${TEST_QUEUE}`);
    await schedulerOf(worker).cancel(Echo, 'echo:options:run');
  });

  it('puts a job that is too early back, without failing it', async () => {
    await schedulerOf(worker).schedule(Flaky, { key: 'flaky' } as never, { jobId: 'flaky:1' });
    await waitFor(() => runsOf('flaky').length === 1, 5000, 'the delayed run');
    expect(flakyCalls).toBe(2);
    const job = await schedulerOf(worker).find(Flaky, 'flaky:1');
    expect(await job?.getState()).toBe('completed');
    expect(job?.attemptsMade).toBeLessThanOrEqual(1);
  });

  it('registers the repeatable reconcile with upsertJobScheduler', async () => {
    const queue = schedulerOf(worker).queueOfJob(JobName.Reconcile);
    const scheduler = await queue.getJobScheduler(jobIds.reconcile());
    expect(scheduler).toMatchObject({ key: jobIds.reconcile(), every: 1000 });
  });

  it('after the test’s Redis keys are deleted (a FLUSHALL of its prefix), the reconcile re-schedules from the database', async () => {
    const runAt = new Date(Date.now() + 1500);
    due.push({ key: 'lost', runAt });
    await echo(worker, 'lost', runAt);
    expect(await deletePrefixKeys(t.config.redisUrl, t.config.redisPrefix)).toBeGreaterThan(0);
    expect(await schedulerOf(worker).find(Echo, 'echo:lost:run')).toBeUndefined();

    await waitFor(() => runsOf('lost').length > 0, 10_000, 'the reconciled job');
    expect(runsOf('lost')[0].at).toBeGreaterThanOrEqual(runAt.getTime() - 10);
    // Reconciles keep running every second; none of them runs it again.
    await sleep(2500);
    expect(runsOf('lost')).toHaveLength(1);
    const queue = schedulerOf(worker).queueOfJob(JobName.Reconcile);
    expect(await queue.getJobScheduler(jobIds.reconcile())).toBeTruthy();
    due.length = 0;
  });

  it('does not repeat a completed run that started after the caller read its rows; does repeat one that started before', async () => {
    const readBefore = new Date();
    await echo(worker, 'seen');
    await waitFor(async () => (await (await schedulerOf(worker).find(Echo, 'echo:seen:run'))?.getState()) === 'completed', 5000);
    const scheduleSeen = (stateReadAt: Date) =>
      schedulerOf(worker).schedule(Echo, { key: 'seen' } as never, { jobId: 'echo:seen:run', runAt: readBefore, stateReadAt });

    await scheduleSeen(readBefore);
    await sleep(500);
    expect(runsOf('seen')).toHaveLength(1);

    await scheduleSeen(new Date());
    await waitFor(() => runsOf('seen').length === 2, 5000, 'the second run');
  });
});

describe('worker start-up check', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('refuses to start when a job name has no handler', async () => {
    const withOrphan: JobCatalog = { queueOf: { ...catalog.queueOf, 'test.orphan': TEST_QUEUE } };
    await expect(createTestWorker(t.config, [TestJobsModule], { catalog: withOrphan })).rejects.toThrow(
      /refuses to start[\s\S]*"test\.orphan" has no @JobHandler/,
    );
  });

  it('refuses to start when a job name has two handlers', async () => {
    await expect(createTestWorker(t.config, [TestJobsModule, DuplicateEchoModule], { catalog })).rejects.toThrow(
      /"test\.echo" has 2 handlers: EchoJob, SecondEchoJob/,
    );
  });

  it('starts the real WorkerModule: every production job name has exactly one handler', async () => {
    const real = await createTestWorker(t.config);
    try {
      expect(Object.keys(real.app.get<JobCatalog>(JOB_CATALOG).queueOf)).toEqual(expect.arrayContaining(Object.values(JobName)));
    } finally {
      await real.close();
    }
  });
});

describe('graceful shutdown', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('finishes the running job before the worker closes', async () => {
    t = await createTestApp();
    const worker = await createTestWorker(t.config, [TestJobsModule], { catalog });
    const before = { ...slow };
    await schedulerOf(worker).schedule(Slow, {} as never, { jobId: 'slow:1:run' });
    await waitFor(() => slow.started > before.started, 5000, 'the slow job to start');
    expect(slow.finished).toBe(before.finished);
    await worker.close();
    expect(slow.finished).toBe(before.finished + 1);

    const queue = new Queue(TEST_QUEUE, { connection: { url: t.config.redisUrl }, prefix: t.config.redisPrefix });
    try {
      expect(await (await queue.getJob('slow:1:run'))?.getState()).toBe('completed');
    } finally {
      await queue.close();
    }
  });
});

describe('worker process', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('starts from apps/worker/src/main.ts, registers the reconcile and stops on SIGTERM', async () => {
    t = await createTestApp({ env: { RECONCILE_EVERY: 'PT1S' } });
    const child = spawnWorkerProcess(workerEnvFor(t.config));
    try {
      await waitForOutput(child, /worker started/, 45_000);
      const queue = new Queue(QueueName.Maintenance, { connection: { url: t.config.redisUrl }, prefix: t.config.redisPrefix });
      try {
        expect(await queue.getJobScheduler(jobIds.reconcile())).toMatchObject({ every: 1000 });
      } finally {
        await queue.close();
      }
    } finally {
      await stopWorkerProcess(child, 'SIGTERM');
    }
    expect(child.exitCode === 0 || child.signalCode === 'SIGTERM').toBe(true);
  }, 60_000);
});
