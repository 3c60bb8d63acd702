/** The review forms' rules (pure): scores per criterion as the server takes them. */
import type { Criterion, CriterionInput, MyScoreSheet } from '../api/bids';

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
export function weightedScore(
  criteria: readonly Pick<Criterion, 'key' | 'weight'>[],
  scores: Record<string, string>,
): number | null {
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

/** A saved sheet as the form's text: each criterion's score as typed, and the comment. */
export function sheetValues(
  sheet: MyScoreSheet | undefined,
  criteria: Criterion[],
): { scores: Record<string, string>; comment: string } {
  const scores: Record<string, string> = {};
  for (const c of criteria) {
    const v = sheet?.scores[c.key];
    if (typeof v === 'number') scores[c.key] = String(v);
  }
  return { scores, comment: sheet?.comment ?? '' };
}

export interface CriterionValues {
  /** The stable id the server gave it; none for a criterion added here (the server makes one). */
  key?: string;
  name: string;
  description: string;
  weight: string;
  minScore: string;
  /** A default criterion's built-in names, while the agency has given it none of its own. */
  builtIn?: { zh: string; en: string };
}

export const CRITERION_NAME_MAX = 60;
export const CRITERION_DESCRIPTION_MAX = 500;

/** The editor's rows from the criteria as the server has them: a criterion without a name of its own shows its built-in one. */
export function criterionRows(criteria: readonly Criterion[], lang: 'zh' | 'en'): CriterionValues[] {
  return criteria.map((c) => ({
    key: c.key,
    name: c.name ?? c.label[lang],
    description: c.description ?? '',
    weight: String(c.weight),
    minScore: String(c.minScore),
    ...(c.name === null ? { builtIn: c.label } : {}),
  }));
}

/** What PUT /criteria takes: a built-in name left as it was is not sent (it stays in both languages). */
export function criteriaPayload(rows: readonly CriterionValues[]): CriterionInput[] {
  return rows.map((r) => {
    const name = r.name.trim();
    const description = r.description.trim();
    const keepBuiltIn = r.builtIn !== undefined && (name === r.builtIn.zh || name === r.builtIn.en);
    return {
      ...(r.key !== undefined ? { key: r.key } : {}),
      ...(keepBuiltIn ? {} : { name }),
      ...(description ? { description } : {}),
      weight: Number(r.weight),
      minScore: Number(r.minScore),
    };
  });
}

/** The criteria editor's rules (as PUT /criteria checks them): a name each, whole-percent weights adding up to 100. */
export function validateCriteria(
  rows: CriterionValues[],
  t: (
    key:
      | 'criteria.nameRequired'
      | 'criteria.nameTooLong'
      | 'criteria.weightFormat'
      | 'criteria.weightsNot100'
      | 'review.scoreFormat',
    vars?: Record<string, string | number>,
  ) => string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  let total = 0;
  rows.forEach((r, i) => {
    const name = r.name.trim();
    if (!name) errors[`criteria.${i}.name`] = t('criteria.nameRequired');
    else if (name.length > CRITERION_NAME_MAX)
      errors[`criteria.${i}.name`] = t('criteria.nameTooLong', { max: CRITERION_NAME_MAX });
    const weight = /^\s*\d{1,3}\s*$/.test(r.weight) ? Number(r.weight) : NaN;
    if (!(weight >= 1 && weight <= 100)) errors[`criteria.${i}.weight`] = t('criteria.weightFormat');
    else total += weight;
    if (parseScore(r.minScore) === null) errors[`criteria.${i}.minScore`] = t('review.scoreFormat');
  });
  if (!Object.keys(errors).some((k) => k.endsWith('.weight')) && total !== 100)
    errors.criteria = t('criteria.weightsNot100', { total });
  return errors;
}
