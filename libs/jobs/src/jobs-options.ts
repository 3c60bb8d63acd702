import { JobsOptions } from 'bullmq';
import { parseDuration } from '@app/common/config/duration';

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
export interface JobsWorkerOptions {
  /** Jobs run at once per queue (per worker process). */
  concurrency: number;
  /**
   * How long a job's lock lasts without renewal. A worker killed mid-job (SIGKILL) leaves the job
   * "active" until its lock expires; another worker's stalled check then runs it again.
   */
  lockDurationMs: number;
  /** How often a worker looks for stalled jobs (default: the lock duration). */
  stalledIntervalMs: number;
}

export const JOBS_WORKER_OPTIONS = Symbol('JOBS_WORKER_OPTIONS');

/**
 * `WORKER_CONCURRENCY` (default 4), `WORKER_LOCK_DURATION` (ISO-8601, default PT30S). Read and
 * checked at start-up like the rest of the configuration; a bad value stops the worker.
 */
export function jobsWorkerOptionsFromEnv(env: Record<string, string | undefined> = process.env): JobsWorkerOptions {
  const concurrencyRaw = env.WORKER_CONCURRENCY || '4';
  if (!/^\d+$/.test(concurrencyRaw) || Number(concurrencyRaw) < 1 || Number(concurrencyRaw) > 1000) {
    throw new Error(
      `Invalid configuration: WORKER_CONCURRENCY=${JSON.stringify(concurrencyRaw)} must be a whole number between 1 and 1000`,
    );
  }
  let lockDurationMs: number;
  try {
    lockDurationMs = parseDuration(env.WORKER_LOCK_DURATION || 'PT30S');
  } catch (err) {
    throw new Error(`Invalid configuration: WORKER_LOCK_DURATION: ${(err as Error).message}`);
  }
  if (lockDurationMs < 1000) throw new Error('Invalid configuration: WORKER_LOCK_DURATION must be at least PT1S');
  return { concurrency: Number(concurrencyRaw), lockDurationMs, stalledIntervalMs: lockDurationMs };
}
