import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { JOB_CATALOG, JobCatalog, queuesOf } from './job-catalog';
import { JobName, JobPayloads, QUEUE_OF_JOB, QueueName } from './job-names';
import { DEFAULT_JOB_OPTIONS } from './jobs-options';
import { bullConnection } from './redis-connection';
import { ExistingJob, decideSchedule } from './schedule-decision';

export interface ScheduleOptions {
  /** Deterministic id (see `jobIds`): scheduling the same id twice keeps one job. */
  jobId: string;
  /** When to run; omitted or in the past means now. */
  runAt?: Date;
  /**
   * When the caller read the rows that ask for this run (default: now). A reconciler passes the
   * moment before its query, so a run that started after it is not repeated.
   */
  stateReadAt?: Date;
}

/**
 * Puts jobs on their queues. Used by the api (after a change commits) and by reconcilers.
 *
 * - Idempotent by `jobId`: a pending job with the same id and run time is left alone.
 * - A pending job with the same id and another run time is replaced, so extending a deadline
 *   moves its job.
 * - A finished (completed or failed) job with the same id is removed first, so it never blocks a
 *   new schedule (BullMQ would otherwise silently ignore the add) — unless it completed a run that
 *   started after both `runAt` and `stateReadAt`: that run already did what is asked.
 * - A job that is running right now cannot be replaced; the call logs and returns. The handler
 *   re-reads the database, and the reconcile job schedules the new time once it has finished.
 *
 * Delays are measured on the real clock (BullMQ's timers are real), never on the injected Clock.
 * Call it after the transaction that made the change has committed; if Redis is away it throws —
 * `trySchedule` logs instead, and the reconcile job re-creates the job later.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly queues = new Map<string, Queue>();
  /** Each queue's own connection, which this class (not BullMQ) closes: see onApplicationShutdown. */
  private readonly connections: Redis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_CATALOG) private readonly catalog: JobCatalog,
  ) {}

  async schedule<N extends JobName>(name: N, payload: JobPayloads[N], options: ScheduleOptions): Promise<void> {
    const queue = this.queueOfJob(name);
    const now = Date.now();
    const runAtMs = Math.max(now, options.runAt?.getTime() ?? now);
    const jobId = bullJobId(options.jobId);
    const existing = await queue.getJob(jobId);
    const decision = decideSchedule(existing ? await describe(existing) : undefined, {
      name,
      runAt: options.runAt?.getTime() ?? now,
      now,
      stateReadAt: options.stateReadAt?.getTime() ?? now,
    });
    if (decision === 'keep') return;
    if (decision === 'running') {
      this.logger.warn(`job ${options.jobId} is running; its new run time is left to the reconcile job`);
      return;
    }
    if (decision === 'replace') {
      const removed = await queue.remove(jobId);
      if (!removed && (await queue.getJob(jobId))) {
        this.logger.warn(`job ${options.jobId} is locked (running); its new run time is left to the reconcile job`);
        return;
      }
    }
    await queue.add(name, payload, {
      ...DEFAULT_JOB_OPTIONS,
      jobId,
      timestamp: now,
      delay: runAtMs - now,
    });
  }

  /** `schedule`, but a Redis failure is logged, not thrown (the reconcile job will repair it). */
  async trySchedule<N extends JobName>(name: N, payload: JobPayloads[N], options: ScheduleOptions): Promise<boolean> {
    try {
      await this.schedule(name, payload, options);
      return true;
    } catch (err) {
      this.logger.error({ err, jobId: options.jobId }, 'could not schedule a job; the reconcile job will');
      return false;
    }
  }

  /** Removes a pending job; a running one is left to finish (its handler re-reads the rows). */
  async cancel(name: JobName, jobId: string): Promise<void> {
    const queue = this.queueOfJob(name);
    const removed = await queue.remove(bullJobId(jobId));
    if (!removed && (await queue.getJob(bullJobId(jobId)))) this.logger.warn(`job ${jobId} is running and was not cancelled`);
  }

  /** The pending or finished job with this id, if Redis still has it (for diagnostics and tests). */
  async find(name: JobName, jobId: string): Promise<Job | undefined> {
    return this.queueOfJob(name).getJob(bullJobId(jobId));
  }

  /** The queue a job name runs on (created on first use; one per queue name per process). */
  queueOfJob(name: JobName): Queue {
    const queueName = this.catalog.queueOf[name] ?? (QUEUE_OF_JOB as Record<string, string>)[name];
    if (!queueName) throw new Error(`unknown job name "${name}": add it to QUEUE_OF_JOB in libs/jobs/src/job-names.ts`);
    return this.queue(queueName);
  }

  queue(queueName: string): Queue {
    let queue = this.queues.get(queueName);
    if (!queue) {
      const connection = new Redis(bullConnection(this.config.redisUrl, 'producer'));
      this.connections.push(connection);
      queue = new Queue(queueName, {
        connection,
        prefix: this.config.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      queue.on('error', (err) => this.logger.error({ err }, `queue ${queueName}`));
      this.queues.set(queueName, queue);
    }
    return queue;
  }

  /** Every queue of the product and of the catalog (for the dashboard). */
  allQueues(): Queue[] {
    const names = new Set<string>([...Object.values(QueueName), ...queuesOf(this.catalog)]);
    return [...names].sort().map((name) => this.queue(name));
  }

  /**
   * Why the connections are ours: when BullMQ owns one and Redis is reconnecting, its `quit` is
   * refused (no offline queue), BullMQ marks the client ended anyway, and ioredis's reconnect
   * timer lives on — the process never exits. `disconnect` after a refused `quit` clears that timer.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
    this.queues.clear();
    this.connections.length = 0;
  }
}

/**
 * The id BullMQ stores. BullMQ refuses custom ids that are integers or that contain ':' other than
 * as `a:b:c` (exactly two), because ':' separates its Redis keys. Ids it accepts — like
 * `challenge:<uuid>:close` — are kept as they are; any other ':' becomes '.', deterministically,
 * so `schedule`, `cancel` and `find` always agree.
 */
export function bullJobId(id: string): string {
  if (!id) throw new Error('a job id must not be empty');
  let out = id.includes(':') && id.split(':').length !== 3 ? id.replace(/:/g, '.') : id;
  if (`${parseInt(out, 10)}` === out) out = `id.${out}`;
  return out;
}

async function describe(job: Job): Promise<ExistingJob> {
  return {
    state: await job.getState(),
    name: job.name,
    plannedRunAt: job.timestamp + (job.opts.delay ?? 0),
    processedOn: job.processedOn,
  };
}
