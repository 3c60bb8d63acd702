import { formatDuration, parseDuration } from '../duration';
import { EnvReader, wholeNumber } from '../env-reader';

/** The worker's own settings; the BullMQ lock and stalled interval are derived from `recoveryMs` (libs/jobs/stall-recovery.ts). */
export interface WorkerSettings {
  /** Jobs run at once per queue (per worker process). */
  concurrency: number;
  /** The longest a job of a worker that died mid-job (SIGKILL, OOM) waits before another worker runs it. */
  recoveryMs: number;
}

/** The shortest recovery we accept: a lock of 2 s, renewed every 0.5–1 s. */
export const MIN_WORKER_RECOVERY_MS = 3_000;

/** `WORKER_CONCURRENCY` (default 4) and `WORKER_RECOVERY` (ISO-8601, default PT30S, at least PT3S). */
export function readWorkerSettings(reader: EnvReader): WorkerSettings {
  // The old knob set the lock alone and made the recovery promise false: refuse it rather than ignore it.
  if (reader.env.WORKER_LOCK_DURATION) {
    reader.problem(
      'WORKER_LOCK_DURATION is replaced by WORKER_RECOVERY (the longest a killed worker’s job waits; the lock is derived from it)',
    );
  }
  return {
    concurrency: reader.read('WORKER_CONCURRENCY', '4', wholeNumber(1, 1000)),
    recoveryMs: reader.read('WORKER_RECOVERY', 'PT30S', (raw) => {
      const ms = parseDuration(raw);
      if (ms < MIN_WORKER_RECOVERY_MS) throw new Error(`must be at least ${formatDuration(MIN_WORKER_RECOVERY_MS)}`);
      return ms;
    }),
  };
}
