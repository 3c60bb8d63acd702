import { JobsOptions } from 'bullmq';
import type { WorkerSettings } from '@app/common/config';
import { StallTimings, stallTimingsFor } from './stall-recovery';

/**
 * Retention is explicit: finished jobs are kept long enough to look at in the dashboard and then
 * trimmed by age and by count, so Redis never grows without bound.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5_000 },
};

/** Tuning of the BullMQ workers. */
export interface JobsWorkerOptions extends StallTimings {
  /** Jobs run at once per queue (per worker process). */
  concurrency: number;
}

export const JOBS_WORKER_OPTIONS = Symbol('JOBS_WORKER_OPTIONS');

/** The worker's BullMQ tuning, from the validated configuration (`WORKER_CONCURRENCY`, `WORKER_RECOVERY`). */
export function jobsWorkerOptionsFrom(settings: WorkerSettings): JobsWorkerOptions {
  return { concurrency: settings.concurrency, ...stallTimingsFor(settings.recoveryMs) };
}
