/**
 * Pure geometry of the money chart (granted, scheduled, paid, budget) (no React): a "nice" money axis in integer fen,
 * compact CNY tick labels, and step paths of cumulative amounts. Pixel positions are floats; the
 * amounts they stand for never are.
 */

export interface MonthPoint {
  month: string;
  grantedFen: number;
  /** Tranches falling due by the end of the month, cumulative (the plan). */
  scheduledFen: number;
  paidFen: number;
}

/** The calendar month (YYYY-MM) of an instant in China Standard Time (UTC+8, no daylight saving): the timeline's months. */
export function shanghaiMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The smallest "nice" amount (1, 2, 2.5 or 5 × 10^k yuan, in fen) at or above `fen`; 100 fen (¥1) at least. */
export function niceCeil(fen: number): number {
  if (!(fen > 100)) return 100;
  let power = 100; // ¥1 in fen
  while (power * 10 <= fen) power *= 10;
  for (const m of [1, 2, 2.5, 5, 10]) {
    const candidate = Math.round(power * m);
    if (candidate >= fen) return candidate;
  }
  return power * 10;
}

/** Axis ticks from 0 to a nice maximum ≥ `maxFen`, `count` equal steps of whole fen. */
export function ticks(maxFen: number, count = 4): number[] {
  const step = niceCeil(Math.ceil(Math.max(maxFen, 1) / count));
  const out: number[] = [];
  for (let v = 0; out.length <= count; v += step) {
    out.push(v);
    if (v >= maxFen && out.length > 1) break;
  }
  return out;
}

/** Fen as a short tick label: zh "1,200万" / "1.5亿", en "12M" / "1.5B" (yuan); ≤ 2 decimals, integer arithmetic. */
export function compactFen(fen: number, lang: 'zh' | 'en'): string {
  const units: [bigint, string][] =
    lang === 'zh'
      ? [
          [10_000_000_000n, '亿'],
          [1_000_000n, '万'],
        ]
      : [
          [100_000_000_000n, 'B'],
          [100_000_000n, 'M'],
          [100_000n, 'k'],
        ];
  const value = BigInt(fen);
  const abs = value < 0n ? -value : value;
  for (const [unit, suffix] of units) {
    if (abs >= unit) {
      const hundredths = (abs * 100n + unit / 2n) / unit;
      const whole = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      const frac = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
      return `${value < 0n ? '-' : ''}¥${whole}${frac ? `.${frac}` : ''}${suffix}`;
    }
  }
  const yuan = abs / 100n;
  return `${value < 0n ? '-' : ''}¥${yuan.toString()}`;
}

/** x of the i-th of n points across the plot (a single point starts at the left edge). */
export function xAt(i: number, n: number, box: Box): number {
  const inner = box.width - box.left - box.right;
  return n <= 1 ? box.left : box.left + (inner * i) / (n - 1);
}

/** y of an amount on an axis from 0 (bottom) to maxFen (top). */
export function yAt(fen: number, maxFen: number, box: Box): number {
  const inner = box.height - box.top - box.bottom;
  return box.top + inner * (1 - (maxFen > 0 ? fen / maxFen : 0));
}

/** A step line through cumulative values: each month's level held until the next month. */
export function stepPath(values: number[], maxFen: number, box: Box): string {
  if (values.length === 0) return '';
  const r = (n: number) => Math.round(n * 10) / 10;
  const n = values.length;
  let d = `M${r(xAt(0, n, box))},${r(yAt(values[0], maxFen, box))}`;
  for (let i = 1; i < n; i++) d += `H${r(xAt(i, n, box))}V${r(yAt(values[i], maxFen, box))}`;
  if (n === 1) d += `H${r(box.width - box.right)}`;
  return d;
}

/** Which month labels fit: every k-th, the last one always shown. */
export function labelIndexes(n: number, maxLabels: number): number[] {
  if (n <= 0) return [];
  const every = Math.max(1, Math.ceil(n / Math.max(1, maxLabels)));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  if (out[out.length - 1] !== n - 1) {
    if (n - 1 - out[out.length - 1] < every && out.length > 1) out.pop();
    out.push(n - 1);
  }
  return out;
}
