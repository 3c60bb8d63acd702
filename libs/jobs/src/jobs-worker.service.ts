import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
  Type,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DelayedError, Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { checkHandlers, handlerCheckError } from './handler-registry';
import { JOB_HANDLER, JobHandlerInstance, JobTooEarly } from './job-handler.decorator';
import { JOB_CATALOG, JobCatalog } from './job-catalog';
import { JobName, jobIds } from './job-names';
import { JobScheduler } from './job-scheduler';
import { DEFAULT_JOB_OPTIONS, JOBS_WORKER_OPTIONS, JobsWorkerOptions } from './jobs-options';
import { ReconcileService } from './reconcile.service';
import { worstCaseRecoveryMs } from './stall-recovery';
import { bullConnection } from './redis-connection';

/**
 * The worker side of the job platform: finds every `@JobHandler`, refuses to start unless each job
 * name has exactly one, runs one BullMQ Worker per queue, keeps the repeatable reconcile registered
 * and, on shutdown, stops taking jobs and waits for the running ones to finish.
 */
@Injectable()
export class JobsWorkerService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobsWorker');
  private readonly handlers = new Map<string, JobHandlerInstance>();
  private readonly workers: Worker[] = [];
  private ensureTimer?: NodeJS.Timeout;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly scheduler: JobScheduler,
    private readonly reconcilers: ReconcileService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_CATALOG) private readonly catalog: JobCatalog,
    @Inject(JOBS_WORKER_OPTIONS) private readonly options: JobsWorkerOptions,
  ) {}

  /** The start-up check: runs before anything connects, so a bad build never takes a job. */
  onModuleInit(): void {
    const found = this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get<string>(JOB_HANDLER, w.metatype as Type))
      .map((w) => ({
        name: this.reflector.get<string>(JOB_HANDLER, w.metatype as Type),
        className: (w.metatype as { name: string }).name,
        instance: w.instance as JobHandlerInstance,
      }));
    const check = checkHandlers(Object.keys(this.catalog.queueOf), found);
    const error = handlerCheckError(check);
    if (error) throw new Error(error);
    for (const extra of check.unknown)
      this.logger.warn(`${extra.className} handles "${extra.name}", which is not in the catalog; ignored`);
    for (const handler of found)
      if (!check.unknown.some((u) => u.className === handler.className)) this.handlers.set(handler.name, handler.instance);
  }

  async onApplicationBootstrap(): Promise<void> {
    const queueNames = [...new Set([...this.handlers.keys()].map((name) => this.catalog.queueOf[name]))].sort();
    for (const queueName of queueNames) {
      const worker = new Worker(queueName, (job, token) => this.process(job, token), {
        connection: bullConnection(this.config.redisUrl, 'worker'),
        prefix: this.config.redisPrefix,
        concurrency: this.options.concurrency,
        lockDuration: this.options.lockDurationMs,
        stalledInterval: this.options.stalledIntervalMs,
        maxStalledCount: 3,
        autorun: true,
      });
      worker.on('error', (err) => this.logger.error({ err }, `worker ${queueName}`));
      worker.on('failed', (job, err) =>
        this.logger.warn({ err: err?.message, jobId: job?.id, attempts: job?.attemptsMade }, `job ${job?.name} failed`),
      );
      this.workers.push(worker);
    }
    if (this.handlers.has(JobName.Reconcile)) {
      await this.ensureReconcileScheduled();
      // A flushed Redis loses the scheduler too: check it is still there on the same period.
      this.ensureTimer = setInterval(() => {
        this.ensureReconcileScheduled().catch((err) => this.logger.error({ err }, 'could not register the reconcile job'));
      }, this.config.reconcileEveryMs);
      this.ensureTimer.unref();
      await this.reconcilers
        .runAll()
        .then((count) => this.logger.log(`start-up reconcile re-scheduled ${count} job(s)`))
        .catch((err) => this.logger.error({ err }, 'start-up reconcile failed; the repeatable one will retry'));
    }
    const { lockDurationMs, stalledIntervalMs } = this.options;
    this.logger.log(
      `processing ${queueNames.join(', ')} (${this.handlers.size} job names); a killed worker's jobs run again within ` +
        `${worstCaseRecoveryMs(this.options)} ms (lock ${lockDurationMs} ms, stalled check every ${stalledIntervalMs} ms)`,
    );
  }

  /** Registers (or keeps) the repeatable reconcile; idempotent across replicas. */
  async ensureReconcileScheduled(): Promise<void> {
    const queue = this.scheduler.queueOfJob(JobName.Reconcile);
    const existing = await queue.getJobScheduler(jobIds.reconcile());
    if (existing && Number(existing.every) === this.config.reconcileEveryMs) return;
    await queue.upsertJobScheduler(
      jobIds.reconcile(),
      { every: this.config.reconcileEveryMs },
      {
        name: JobName.Reconcile,
        data: {},
        opts: { ...DEFAULT_JOB_OPTIONS, attempts: 1, removeOnComplete: { age: 3600, count: 100 } },
      },
    );
  }

  private async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job "${job.name}" on this worker`);
    try {
      await handler.handle(job.data, job);
    } catch (err) {
      if (err instanceof JobTooEarly) {
        await job.moveToDelayed(Date.now() + Math.max(100, err.retryInMs), token);
        throw new DelayedError();
      }
      throw err;
    }
    return undefined;
  }

  /** Stop taking jobs; `close()` waits for the running ones to finish. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.ensureTimer) clearInterval(this.ensureTimer);
    await Promise.all(this.workers.map((w) => w.close()));
    this.workers.length = 0;
  }
}
