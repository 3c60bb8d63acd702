/**
 * How the milestone screens show an API error: each `errors[]` entry beside its field, a rule
 * violation that concerns one field (a reduced tranche, a plan above the grant) there too, the rest
 * in an alert — known `milestones.*` codes in the reader's language, with the request id.
 */
import { problemOf } from '../../api/problem';
import { translateServerMessage } from '../../api/server-messages';
import { DICTIONARIES, type Lang } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';

const CODE_FIELD: Record<string, string> = {
  'milestones.reduced_above_planned': 'reducedTrancheFen',
  'milestones.reduced_required': 'reducedTrancheFen',
  'milestones.reduced_invalid': 'reducedTrancheFen',
  'milestones.plan_exceeds_grant': 'trancheFen',
  'milestones.empty_change': 'dueAt',
};

/** The reader's wording of a known problem code, else the server's detail (translated where known). */
export function codeMessage(code: string | undefined, detail: string | undefined, lang: Lang): string | undefined {
  if (code?.startsWith('milestones.')) {
    const key = `projects.code.${code.slice('milestones.'.length)}` as MessageKey;
    const text = DICTIONARIES[lang][key] as string | undefined;
    if (text) return text;
  }
  return detail ? translateServerMessage(detail, lang) : undefined;
}

export interface FormProblem {
  fields: Record<string, string>;
  general: string[];
  requestId?: string;
  status: number;
}

export function formProblem(
  error: unknown,
  lang: Lang,
  options: { hasField: (path: string) => boolean; fieldOf?: (apiPath: string) => string },
): FormProblem {
  const problem = problemOf(error);
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const fieldOf = options.fieldOf ?? ((p: string) => p.replace(/\[(\d+)\]/g, '.$1'));
  for (const e of problem.errors ?? []) {
    const path = fieldOf(e.field);
    const text = translateServerMessage(e.message, lang);
    if (options.hasField(path)) fields[path] = fields[path] ? `${fields[path]}；${text}` : text;
    else general.push(`${e.field}: ${text}`);
  }
  const message = codeMessage(problem.code, problem.detail, lang) ?? problem.title ?? `HTTP ${problem.status}`;
  const codeField = problem.code ? CODE_FIELD[problem.code] : undefined;
  if (!problem.errors?.length) {
    if (codeField && options.hasField(codeField)) fields[codeField] = message;
    else general.push(message);
  }
  return { fields, general, requestId: problem.requestId, status: problem.status };
}
