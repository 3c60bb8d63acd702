import { parseDuration } from '../duration';
import { EnvReader, wholeNumber } from '../env-reader';

export interface MilestonesSettings {
  /** `MILESTONE_GRACE` (default P14D): after a due date, how long a team may still submit (or resubmit after a rejection) before the milestone becomes `not_met`. */
  graceMs: number;
  /** `MILESTONE_SWEEP_BATCH` (default 1000): rows per statement in the sweep job. */
  sweepBatch: number;
  /** `NOTICES_EVERY` (default PT5S): how often the notices job reads the ledger for new notices (and checks bid deadlines). */
  noticesEveryMs: number;
  /** `BID_DEADLINE_REMINDERS` (default P3D,P1D): before a bid deadline, when teams with an unfinished bid are reminded (longest first). */
  bidDeadlineRemindersMs: number[];
}

const positiveDuration = (raw: string): number => {
  const ms = parseDuration(raw);
  if (ms <= 0) throw new Error('must be longer than zero');
  return ms;
};

export function readMilestonesSettings(reader: EnvReader): MilestonesSettings {
  return {
    graceMs: reader.read('MILESTONE_GRACE', 'P14D', parseDuration),
    sweepBatch: reader.read('MILESTONE_SWEEP_BATCH', '1000', wholeNumber(1, 100_000)),
    noticesEveryMs: reader.read('NOTICES_EVERY', 'PT5S', positiveDuration),
    bidDeadlineRemindersMs: reader.read('BID_DEADLINE_REMINDERS', 'P3D,P1D', (raw) =>
      [...new Set(raw.split(',').map((part) => positiveDuration(part.trim())))].sort((a, b) => b - a),
    ),
  };
}
