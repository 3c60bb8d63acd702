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

export interface CriterionValues {
  key: string;
  weight: string;
  minScore: string;
}

/** The criteria editor's rules (as PUT /criteria checks them): lower-case keys, whole-percent weights adding up to 100. */
export function validateCriteria(
  rows: CriterionValues[],
  t: (
    key:
      'criteria.keyFormat' | 'criteria.keyRepeated' | 'criteria.weightFormat' | 'criteria.weightsNot100' | 'review.scoreFormat',
    vars?: Record<string, string | number>,
  ) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  let total = 0;
  rows.forEach((r, i) => {
    const key = r.key.trim();
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(key)) errors[`criteria.${i}.key`] = t('criteria.keyFormat');
    else if (seen.has(key)) errors[`criteria.${i}.key`] = t('criteria.keyRepeated');
    seen.add(key);
    const weight = /^\s*\d{1,3}\s*$/.test(r.weight) ? Number(r.weight) : NaN;
    if (!(weight >= 1 && weight <= 100)) errors[`criteria.${i}.weight`] = t('criteria.weightFormat');
    else total += weight;
    if (parseScore(r.minScore) === null) errors[`criteria.${i}.minScore`] = t('review.scoreFormat');
  });
  if (!Object.keys(errors).some((k) => k.endsWith('.weight')) && total !== 100)
    errors.criteria = t('criteria.weightsNot100', { total });
  return errors;
}
