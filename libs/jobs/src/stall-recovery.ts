import { MIN_WORKER_RECOVERY_MS } from '@app/common/config';
/**
 * How soon a job whose worker died (SIGKILL, OOM, a lost machine) runs again, as pure arithmetic.
 *
 * BullMQ's rules, which the numbers below follow (bullmq 6, `moveStalledJobsToWait` and the lock
 * manager):
 * - a running job holds a lock of `lockDuration` ms; its worker renews it every lockDuration/4 to
 *   lockDuration/2 ms, so when the worker dies the lock has between lockDuration/2 and
 *   lockDuration ms left;
 * - each worker runs a stalled check every `stalledInterval` ms, but a Redis key makes all workers
 *   of a queue together run at most one check per stalledInterval; a check moves back to "wait"
 *   the jobs it had *marked* at the check before and that have no lock any more, then marks every
 *   active job (a lock renewal unmarks its job).
 *
 * So a dead worker's job runs again at the first check after its lock expired that follows a
 * check made after its last renewal. If the dead worker was the one whose checks got through,
 * the survivors' next check can come up to 2 × stalledInterval after its last one (their timers
 * run in their own phase, and the key holds them off until stalledInterval has passed). Worst case:
 *
 *     recovery ≤ max(lockDuration + stalledInterval, 3 × stalledInterval)
 *
 * plus a Redis round trip and the moment a worker takes the job. With stalledInterval = lockDuration
 * (BullMQ's defaults, and ours before) that is 3 × lockDuration, not the lockDuration people expect.
 * Choosing stalledInterval = recovery/3 and lockDuration = 2 × recovery/3 makes both terms equal
 * the recovery asked for, with the longest lock (the most slack for lock renewal) that allows it.
 */

/** The two BullMQ worker settings that decide recovery. */
export interface StallTimings {
  /** How long a job's lock lasts without renewal (BullMQ renews it at half this). */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock has gone. */
  stalledIntervalMs: number;
}

/** The shortest recovery we accept: a lock of 2 s, renewed every 0.5–1 s (checked at start-up by AppConfig). */
export const MIN_RECOVERY_MS = MIN_WORKER_RECOVERY_MS;

/** Lock and stalled interval such that a dead worker's job runs again within `recoveryMs`. */
export function stallTimingsFor(recoveryMs: number): StallTimings {
  if (!Number.isSafeInteger(recoveryMs) || recoveryMs < MIN_RECOVERY_MS)
    throw new RangeError(`a recovery bound must be a whole number of ms ≥ ${MIN_RECOVERY_MS}, not ${recoveryMs}`);
  const stalledIntervalMs = Math.floor(recoveryMs / 3);
  return { lockDurationMs: recoveryMs - stalledIntervalMs, stalledIntervalMs };
}

/**
 * The longest time from a worker's death to another worker taking its job (while another worker
 * runs; a worker started later takes it within one stalledInterval of its start, or this bound
 * after the death, whichever is later). Excludes a Redis round trip.
 */
export function worstCaseRecoveryMs(timings: StallTimings): number {
  return Math.max(timings.lockDurationMs + timings.stalledIntervalMs, 3 * timings.stalledIntervalMs);
}

/** The earliest: the lock had at least half its duration left (it was renewed at most that long ago). */
export function earliestRecoveryMs(timings: StallTimings): number {
  return Math.floor(timings.lockDurationMs / 2);
}
