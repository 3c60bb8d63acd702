/**
 * Pure geometry of the open-data bar charts (no React): each bar's length as a share of the
 * largest value on the chart, in hundredths of a percent so that a bar of a non-zero amount is
 * never drawn as nothing.
 */

/** The width of `value` on a scale whose longest bar is `max`, as a CSS percentage (0–100, two decimals). */
export function barPercent(value: number, max: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  const pct = Math.round((Math.min(value, max) * 10_000) / max) / 100;
  return Math.max(pct, 0.5);
}

/** The largest of every series of every row (0 for none). */
export function largest(rows: readonly { values: readonly number[] }[]): number {
  return rows.reduce((m, r) => Math.max(m, ...r.values), 0);
}
