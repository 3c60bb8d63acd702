/**
 * What `JobScheduler.schedule` does with a job id that Redis may already hold: the whole rule in
 * one pure function, so it can be read and tested without Redis.
 */

/** The job BullMQ holds under the id, reduced to what the rule needs. */
export interface ExistingJob {
  /** BullMQ state: waiting, delayed, prioritized, waiting-children, active, completed, failed… */
  state: string;
  name: string;
  /** When it was planned to run (epoch ms): its timestamp plus its delay. */
  plannedRunAt: number;
  /** When its last attempt started (epoch ms), if it started. */
  processedOn?: number;
}

export interface ScheduleRequest {
  name: string;
  /** The run time asked for (epoch ms), before clamping to now. */
  runAt: number;
  now: number;
  /** When the caller read the state that asks for this run (epoch ms). */
  stateReadAt: number;
}

export type ScheduleDecision =
  /** Nothing under the id: add it. */
  | 'add'
  /** The job already there does what is asked: leave it. */
  | 'keep'
  /** Remove what is there and add it again at the asked time. */
  | 'replace'
  /** It is running and cannot be replaced; the reconcile job schedules the new time later. */
  | 'running';

const PENDING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export function decideSchedule(existing: ExistingJob | undefined, request: ScheduleRequest): ScheduleDecision {
  if (!existing) return 'add';
  if (existing.state === 'active') return 'running';
  const runAt = Math.max(request.now, request.runAt);
  const sameName = existing.name === request.name;
  if (PENDING_STATES.has(existing.state) && sameName) {
    if (existing.plannedRunAt === runAt) return 'keep';
    // Both "now": moving it would only push it back behind jobs queued since.
    if (runAt <= request.now && existing.plannedRunAt <= request.now) return 'keep';
  }
  // A run that started once the time had come *and* after the caller read its state has already
  // seen everything that asks for this one. Without this, a reconcile that read a row just before
  // the job ran would run it a second time right after it completed (harmless, since handlers
  // re-read the rows, but a wasted run and a confusing log). A failed job is always run again.
  if (
    existing.state === 'completed' &&
    sameName &&
    existing.processedOn !== undefined &&
    existing.processedOn >= request.runAt &&
    existing.processedOn >= request.stateReadAt
  )
    return 'keep';
  return 'replace';
}
