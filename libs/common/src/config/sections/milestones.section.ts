import { parseDuration } from '../duration';
import { EnvReader, wholeNumber } from '../env-reader';

export interface MilestonesSettings {
  /** `MILESTONE_GRACE` (default P14D): after a due date, how long a team may still submit (or resubmit after a rejection) before the milestone becomes `not_met`. */
  graceMs: number;
  /** `MILESTONE_SWEEP_BATCH` (default 1000): rows per statement in the sweep job. */
  sweepBatch: number;
}

export function readMilestonesSettings(reader: EnvReader): MilestonesSettings {
  return {
    graceMs: reader.read('MILESTONE_GRACE', 'P14D', parseDuration),
    sweepBatch: reader.read('MILESTONE_SWEEP_BATCH', '1000', wholeNumber(1, 100_000)),
  };
}
