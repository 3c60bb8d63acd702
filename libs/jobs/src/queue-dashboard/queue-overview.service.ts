import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { conflict, notFound } from '@app/common/domain-error';
import { JobScheduler } from '../job-scheduler';

/** The states an overview counts, in the order it shows them. */
export const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type CountedState = (typeof COUNTED_STATES)[number];

/** How many of a queue's failed jobs the overview lists (newest first). */
export const LATEST_FAILED = 10;

/**
 * A failed job as the admin's overview shows it. Never the job's data: payloads carry only ids by
 * rule, but a handler's data could still name sealed content (a bid, a draft), and the overview is
 * not the place to find out — the id, the name and why it failed are enough to decide on a retry.
 */
export interface FailedJob {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  attempts: number;
  createdAt: Date;
  processedAt: Date | null;
  failedAt: Date | null;
}

export interface QueueSummary {
  name: string;
  counts: Record<CountedState, number>;
  failed: FailedJob[];
}

const at = (ms: number | undefined | null): Date | null => (typeof ms === 'number' && ms > 0 ? new Date(ms) : null);

function failedJobOf(job: Job): FailedJob {
  return {
    id: String(job.id),
    name: job.name,
    failedReason: job.failedReason ?? '',
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    createdAt: new Date(job.timestamp),
    processedAt: at(job.processedOn),
    failedAt: at(job.finishedOn),
  };
}

/**
 * The admin's own view of the job queues (GET /api/v1/jobs): counts per queue and the latest failed
 * jobs, and a retry of one failed job, recorded in the ledger like the admin's other actions.
 */
@Injectable()
export class QueueOverviewService {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  queueNames(): string[] {
    return this.scheduler.allQueues().map((q) => q.name);
  }

  async summary(): Promise<QueueSummary[]> {
    return Promise.all(this.scheduler.allQueues().map((queue) => this.summaryOf(queue)));
  }

  /**
   * Moves a failed job back to waiting (its attempts start again). 404 when the queue or the job is
   * unknown (a job is trimmed 30 days after it failed), 409 when it is not failed (any more: two
   * admins retrying at once, or it was retried already). The ledger entry and the move happen
   * together: the move runs inside the entry's transaction, so a refused move records nothing.
   */
  async retry(queueName: string, jobId: string, actorId: string): Promise<FailedJob> {
    if (!this.queueNames().includes(queueName)) throw notFound('jobs.job_not_found', `No queue ${queueName}.`);
    const job = await this.scheduler.queue(queueName).getJob(jobId);
    if (!job) throw notFound('jobs.job_not_found', `No job ${jobId} in queue ${queueName}.`);
    const state = await job.getState();
    if (state !== 'failed') throw conflict('jobs.job_not_failed', `Job ${jobId} is ${state}, not failed.`, { state });
    const before = failedJobOf(job);
    await this.dataSource.transaction(async (em) => {
      await this.audit.record(em, {
        challengeId: null,
        actorId,
        action: 'job.retried',
        subjectType: 'job',
        subjectId: `${queueName}/${jobId}`,
        // What it was and why it failed; never its data (see FailedJob).
        before: { state: 'failed', name: before.name, attemptsMade: before.attemptsMade, failedReason: before.failedReason },
        after: { state: 'waiting' },
        public: false,
      });
      try {
        await job.retry('failed');
      } catch {
        // BullMQ refuses a job that left the failed set meanwhile (another admin's retry).
        throw conflict('jobs.job_not_failed', `Job ${jobId} is no longer failed.`, { state: await job.getState() });
      }
    });
    return before;
  }

  private async summaryOf(queue: Queue): Promise<QueueSummary> {
    const [counts, failed] = await Promise.all([queue.getJobCounts(...COUNTED_STATES), queue.getFailed(0, LATEST_FAILED - 1)]);
    return {
      name: queue.name,
      counts: Object.fromEntries(COUNTED_STATES.map((s) => [s, counts[s] ?? 0])) as Record<CountedState, number>,
      failed: failed.filter((j): j is Job => Boolean(j)).map(failedJobOf),
    };
  }
}
