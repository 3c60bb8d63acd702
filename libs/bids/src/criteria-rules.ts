/**
 * Scoring criteria as people read them (pure: no Nest, no database).
 *
 * A criterion's `key` is its stable id: score sheets, the ranking and the ledger refer to it. People
 * see its `name` (typed by the agency), or, for the default criteria an agency left unnamed, a
 * built-in name in Chinese and in English — never the raw key, except for rows stored before
 * criteria had names, where the key is all there is.
 */
import type { Criterion } from './ranking';

export interface CriterionLabel {
  zh: string;
  en: string;
}

/** The default criteria's built-in names. */
export const BUILT_IN_CRITERION_NAMES: Readonly<Record<string, CriterionLabel>> = Object.freeze({
  technical: Object.freeze({ zh: '技术方案', en: 'Technical approach' }),
  team: Object.freeze({ zh: '团队能力', en: 'Team capability' }),
  plan: Object.freeze({ zh: '实施计划', en: 'Implementation plan' }),
});

export const CRITERION_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const CRITERION_NAME_MAX = 60;
export const CRITERION_DESCRIPTION_MAX = 500;

export const isBuiltInKey = (key: string): boolean => Object.prototype.hasOwnProperty.call(BUILT_IN_CRITERION_NAMES, key);

/** What to show for a criterion: its name in both languages, else the built-in name, else the key. */
export function criterionLabel(c: Pick<Criterion, 'key' | 'name'>): CriterionLabel {
  const name = c.name?.trim();
  if (name) return { zh: name, en: name };
  if (isBuiltInKey(c.key)) return { ...BUILT_IN_CRITERION_NAMES[c.key] };
  return { zh: c.key, en: c.key };
}

/** A criterion as the agency sends it: the key is optional. */
export interface CriterionInput {
  key?: string;
  name?: string;
  description?: string;
  weight: number;
  minScore: number;
}

/**
 * The criteria to store: keys given are kept; a criterion without one gets `c<n>` from its position
 * (1-based), or the next `c<m>` no other criterion uses. Names and descriptions are trimmed; an
 * empty description is dropped, as is a name equal to nothing.
 */
export function withKeys(inputs: readonly CriterionInput[]): Criterion[] {
  const taken = new Set(inputs.map((c) => c.key).filter((k): k is string => typeof k === 'string'));
  let next = 1;
  return inputs.map((c, i) => {
    let key = c.key;
    if (key === undefined) {
      key = `c${i + 1}`;
      if (taken.has(key)) {
        while (taken.has(`c${next}`)) next++;
        key = `c${next}`;
      }
      taken.add(key);
    }
    const out: Criterion = { key, weight: c.weight, minScore: c.minScore };
    const name = c.name?.trim();
    if (name) out.name = name;
    const description = c.description?.trim();
    if (description) out.description = description;
    return out;
  });
}

/** A criterion needs a name unless its key is one of the defaults' (those have built-in names). */
export function criteriaNameProblems(criteria: readonly Criterion[]): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  criteria.forEach((c, i) => {
    if (!c.name && !isBuiltInKey(c.key)) problems.push({ field: `criteria[${i}].name`, message: 'required' });
  });
  return problems;
}
