/**
 * When a team with an unfinished bid is reminded of a bid deadline (pure). Each reminder window
 * (e.g. 3 days, 1 day) owns the band of time left between it and the next shorter one, so a
 * challenge first seen with 20 hours left gets the 1-day reminder only — never the 3-day one late —
 * and each window's reminder is sent once (keyed by its window and the organisation).
 */
export interface ReminderBand {
  /** The reminder's window: it is due when at most this much time is left. */
  windowMs: number;
  /** …and more than this (the next shorter window, 0 for the shortest). */
  aboveMs: number;
}

export function reminderBands(windowsMs: readonly number[]): ReminderBand[] {
  const asc = [...new Set(windowsMs.filter((w) => Number.isSafeInteger(w) && w > 0))].sort((a, b) => a - b);
  return asc.map((windowMs, i) => ({ windowMs, aboveMs: i === 0 ? 0 : asc[i - 1] }));
}

/** The reminder due with `msLeft` before the deadline (null: none, too early or past the deadline). */
export function reminderDue(bands: readonly ReminderBand[], msLeft: number): ReminderBand | null {
  return bands.find((b) => msLeft > b.aboveMs && msLeft <= b.windowMs) ?? null;
}
