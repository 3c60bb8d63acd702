/** The review forms' rules (pure): scores per criterion as the server takes them. */
import type { Criterion } from '../api/bids';

/** A score as typed: 0–100 with at most two decimals ("87.5", "100"); null otherwise. */
export function parseScore(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  // Whole hundredths, so "87.35" is exactly what is sent.
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (hundredths > 10_000) return null;
  return hundredths / 100;
}

/** The weighted score of one sheet (Σ wₖ·sₖ / Σ wₖ), or null while a criterion is missing. */
export function weightedScore(criteria: Criterion[], scores: Record<string, string>): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of criteria) {
    const s = parseScore(scores[c.key] ?? '');
    if (s === null) return null;
    sum += c.weight * s;
    weights += c.weight;
  }
  return weights ? Math.round((sum / weights) * 100) / 100 : null;
}
