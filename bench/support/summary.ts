import { appendFileSync } from 'node:fs';

/**
 * One line of `npm run bench`'s closing table: what a benchmark measured beside its goal. Each
 * benchmark still prints its own detailed table; it also reports its goals here, and `bench/all.ts`
 * (which sets BENCH_SUMMARY_FILE) gathers them into one table. Run on its own, a benchmark reports
 * nowhere.
 */
export interface GoalReport {
  /** The npm script's suffix, e.g. `bids` for `bench:bids`. */
  bench: string;
  /** What was measured, e.g. `deadline rush, bids/s vs bare INSERT`. */
  measure: string;
  /** The measured figure as it should be read, e.g. `279/s = 5.5% of bare`. */
  now: string;
  /** The goal as words, e.g. `≥ 20% of bare`. */
  goal: string;
  met: boolean;
}

export function reportGoal(report: GoalReport): void {
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(report)}\n`);
}

/** `x` as a share of `of`, e.g. `22%` (one decimal under 10%). */
export function percentOf(x: number, of: number): string {
  const share = (x / of) * 100;
  return `${share < 10 ? share.toFixed(1) : share.toFixed(0)}%`;
}
