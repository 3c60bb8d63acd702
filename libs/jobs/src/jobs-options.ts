import { JobsOptions } from 'bullmq';
import { formatDuration, parseDuration } from '@app/common/config/duration';
import { MIN_RECOVERY_MS, StallTimings, stallTimingsFor } from './stall-recovery';

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

/** How soon a killed worker's job runs again unless `WORKER_RECOVERY` says otherwise. */
export const DEFAULT_WORKER_RECOVERY = 'PT30S';

/**
 * `WORKER_CONCURRENCY` (default 4) and `WORKER_RECOVERY` (ISO-8601, default PT30S, at least PT3S):
 * the longest a job of a worker that died mid-job (SIGKILL, OOM) waits before another worker runs
 * it again. The lock duration and the stalled-check interval are derived from it (see
 * stall-recovery.ts) so that the promise and the settings cannot drift apart. Read and checked at
 * start-up like the rest of the configuration; a bad value stops the worker.
 */
export function jobsWorkerOptionsFromEnv(env: Record<string, string | undefined> = process.env): JobsWorkerOptions {
  return { concurrency: concurrencyFromEnv(env), ...stallTimingsFor(recoveryFromEnv(env)) };
}

function concurrencyFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.WORKER_CONCURRENCY || '4';
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1000) {
    throw new Error(`Invalid configuration: WORKER_CONCURRENCY=${JSON.stringify(raw)} must be a whole number between 1 and 1000`);
  }
  return Number(raw);
}

function recoveryFromEnv(env: Record<string, string | undefined>): number {
  // The old knob set the lock alone and made the promise false; refuse it rather than ignore it.
  if (env.WORKER_LOCK_DURATION)
    throw new Error(
      'Invalid configuration: WORKER_LOCK_DURATION is replaced by WORKER_RECOVERY (the longest a killed worker’s job waits; the lock is derived from it)',
    );
  const raw = env.WORKER_RECOVERY || DEFAULT_WORKER_RECOVERY;
  let ms: number;
  try {
    ms = parseDuration(raw);
  } catch (err) {
    throw new Error(`Invalid configuration: WORKER_RECOVERY: ${(err as Error).message}`);
  }
  if (ms < MIN_RECOVERY_MS)
    throw new Error(`Invalid configuration: WORKER_RECOVERY=${raw} must be at least ${formatDuration(MIN_RECOVERY_MS)}`);
  return ms;
}
