/**
 * How the milestone screens show an API error: each `errors[]` entry beside its field, a rule
 * violation that concerns one field (a reduced tranche, a plan above the grant) there too, the rest
 * in an alert — known `milestones.*` codes in the reader's language, with the request id.
 */
import { mapProblem, problemOf, problemWording } from '../../api/problem';
import type { Lang } from '../../i18n/i18n';

const CODE_FIELD: Record<string, string> = {
  'milestones.reduced_above_planned': 'reducedTrancheFen',
  'milestones.reduced_required': 'reducedTrancheFen',
  'milestones.reduced_invalid': 'reducedTrancheFen',
  'milestones.plan_exceeds_grant': 'trancheFen',
  'milestones.empty_change': 'dueAt',
};

/** The milestone codes' own words (`projects.code.<name>` for `milestones.<name>`). */
const milestoneWordKey = (code: string): string | undefined =>
  code.startsWith('milestones.') ? `projects.code.${code.slice('milestones.'.length)}` : undefined;

export interface FormProblem {
  fields: Record<string, string>;
  general: string[];
  requestId?: string;
  status: number;
}

/** The shared mapping (api/problem.ts) with the milestone codes worded and placed, plus the request id. */
export function formProblem(
  error: unknown,
  lang: Lang,
  options: { hasField: (path: string) => boolean; fieldOf?: (apiPath: string) => string },
): FormProblem {
  const problem = problemOf(error);
  const mapped = mapProblem(problem, {
    lang,
    hasField: options.hasField,
    fieldOf: options.fieldOf,
    codeFields: CODE_FIELD,
    generic: problemWording(problem, lang, milestoneWordKey),
  });
  return { ...mapped, requestId: problem.requestId, status: problem.status };
}
