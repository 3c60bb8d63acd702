/**
 * The one catalog of problem wording: every problem code the API answers, said in Chinese and in
 * English as a function of the problem's parameters (its details and params). The problem filter
 * words `detail` and each `errors[].message` from here in the caller's language; openapi.json lists
 * PROBLEM_CODES as the `ProblemCode` enum; the web tests that every listed code has both wordings.
 * Pure: no Nest, no I/O.
 */
import { AWARD_WORDING, MILESTONE_WORDING } from './awards-milestones';
import { BID_WORDING, CHALLENGE_WORDING } from './challenges-bids';
import { IDENTITY_WORDING } from './identity';
import { PLATFORM_WORDING } from './platform';
import { POLICY_WORDING } from './policy';
import { Language, ProblemParams, ProblemWording, WordingTable } from './words';

export { wordFieldError } from './field-wording';
export type { Language, ProblemWording } from './words';

export const PROBLEM_WORDING: WordingTable = {
  ...PLATFORM_WORDING,
  ...IDENTITY_WORDING,
  ...CHALLENGE_WORDING,
  ...BID_WORDING,
  ...AWARD_WORDING,
  ...MILESTONE_WORDING,
  ...POLICY_WORDING,
};

/** Every problem code, sorted: the `ProblemCode` enum of openapi.json. */
export const PROBLEM_CODES: readonly string[] = Object.freeze(Object.keys(PROBLEM_WORDING).sort());

export const hasWording = (code: string): boolean => Object.prototype.hasOwnProperty.call(PROBLEM_WORDING, code);

/**
 * The problem's `detail` in `lang`, or undefined for a code the catalog lacks (the caller keeps
 * the thrower's English then).
 */
export function wordProblem(code: string, params: Readonly<Record<string, unknown>>, lang: Language): string | undefined {
  const wording: ProblemWording | undefined = hasWording(code) ? PROBLEM_WORDING[code] : undefined;
  return wording?.[lang](new ProblemParams(params, lang));
}
