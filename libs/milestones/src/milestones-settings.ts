import { parseDuration } from '@app/common/config/duration';

/**
 * Settings of this library that the shared configuration does not (yet) carry. Read from the
 * environment at start-up like the rest; a bad value stops the process.
 * - `MILESTONE_GRACE` (ISO-8601, default P14D): after a due date, how long a team may still submit
 *   (or resubmit after a rejection) before the milestone becomes `not_met`.
 * - `MILESTONE_SWEEP_BATCH` (default 1000): rows per statement in the sweep job.
 */
export interface MilestonesSettings {
  graceMs: number;
  sweepBatch: number;
}

export const MILESTONES_SETTINGS = Symbol('MILESTONES_SETTINGS');

export function milestonesSettingsFromEnv(env: Record<string, string | undefined> = process.env): MilestonesSettings {
  let graceMs: number;
  try {
    graceMs = parseDuration(env.MILESTONE_GRACE || 'P14D');
  } catch (err) {
    throw new Error(`Invalid configuration: MILESTONE_GRACE: ${(err as Error).message}`);
  }
  const batchRaw = env.MILESTONE_SWEEP_BATCH || '1000';
  if (!/^\d+$/.test(batchRaw) || Number(batchRaw) < 1 || Number(batchRaw) > 100_000)
    throw new Error(`Invalid configuration: MILESTONE_SWEEP_BATCH=${JSON.stringify(batchRaw)} must be between 1 and 100000`);
  return { graceMs, sweepBatch: Number(batchRaw) };
}

export const milestonesSettingsProvider = { provide: MILESTONES_SETTINGS, useFactory: () => milestonesSettingsFromEnv() };
