/**
 * RFC 9457 problem+json, as every error of the API is answered, and how a form shows it: each
 * `errors[]` entry next to its field (API paths like `stages[1].endsAt` become form paths
 * `stages.1.endsAt`), the rest in an alert above the form.
 */
import { dictionary, type Lang } from '../i18n/i18n';
import { fieldName, labelledFieldMessage } from './field-labels';
import { translateServerMessage } from './server-messages';

export interface FieldProblem {
  field: string;
  message: string;
  /** Why, as a stable code, where the API gives one (a weak password: `too_short`, `common`, …). */
  reason?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
  requestId?: string;
  [extension: string]: unknown;
}

/** An answer of the API that is not a success (or no answer at all: status 0). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).status === 'number';
}

/** The problem of an error thrown by the client (network failures become status 0). */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { status: 0, title: 'Network error', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * A field error's `reason` in the reader's words: the dictionary entry `<field>.<reason>`, named by
 * the last segment of the field's path — `admin.password` with reason `common` → `password.common`
 * — or undefined when the dictionary has none (the server's message is shown then).
 */
export function fieldReasonWording(apiPath: string, reason: string | undefined, lang: Lang): string | undefined {
  if (!reason) return undefined;
  const leaf = apiPath
    .replace(/\[\d+\]/g, '')
    .split('.')
    .pop();
  return (dictionary(lang) as Readonly<Record<string, string | undefined>>)[`${leaf}.${reason}`];
}

/** `stages[1].endsAt` → `stages.1.endsAt` (the path syntax of form libraries). */
export function toFormPath(apiPath: string): string {
  return apiPath.replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Problems that carry no `errors[]` but clearly concern one field (a 409 for a taken email, a 422
 * for a cap): the form shows them there too.
 */
const CODE_FIELDS: Record<string, string> = {
  'identity.organization_exists': 'creditCode',
  'identity.email_taken': 'admin.email',
  'policy.cap_exceeded': 'maxAwardFen',
};

export interface MappedProblem {
  /** Form path → message(s), in the reader's language where the server's wording is known. */
  fields: Record<string, string>;
  /** Messages that belong to no field of this form (shown in an alert). */
  general: string[];
}

/**
 * Splits a problem into field errors and general messages. `hasField` says which form paths exist
 * (an error for a field the form does not show goes to `general`, with the field's name in the
 * reader's language where the web knows it — never the raw API path — so nothing is ever lost). `rename` maps API paths to form paths where they differ (e.g. `budgetFen` → `budget`);
 * `fieldOf` does it by rule (list items whose index differs). `codeFields` adds a feature's codes
 * that concern one field; `generic` words a problem without `errors[]` (the reader's language for a
 * known code), shown at that field or in the alert.
 */
export function mapProblem(
  problem: Problem,
  options: {
    lang: Lang;
    hasField?: (path: string) => boolean;
    rename?: Record<string, string>;
    fieldOf?: (apiPath: string) => string;
    codeFields?: Record<string, string>;
    generic?: string;
  },
): MappedProblem {
  const { lang, hasField = () => true, rename = {} } = options;
  const fieldOf = options.fieldOf ?? ((apiPath: string) => rename[apiPath] ?? toFormPath(apiPath));
  const fields: Record<string, string> = {};
  const general: string[] = [];
  const add = (apiPath: string, message: string, reason?: string) => {
    const text = fieldReasonWording(apiPath, reason, lang) ?? translateServerMessage(message, lang);
    const path = fieldOf(apiPath);
    if (hasField(path)) fields[path] = fields[path] ? `${fields[path]}；${text}` : text;
    else general.push(labelledFieldMessage(apiPath, text, lang));
  };
  for (const e of problem.errors ?? []) add(e.field, e.message, e.reason);
  if (problem.errors?.length) return { fields, general };
  const whole = options.generic ?? problem.detail ?? problem.title ?? `HTTP ${problem.status}`;
  const ownField = problem.code ? options.codeFields?.[problem.code] : undefined;
  const codeField = problem.code ? CODE_FIELDS[problem.code] : undefined;
  if (ownField) {
    // A feature's own code is worded by the feature (`generic`), beside its field when the form has it.
    if (hasField(ownField)) fields[ownField] = whole;
    else general.push(whole);
  } else if (codeField && problem.detail) add(codeField, problem.detail);
  else general.push(whole);
  return { fields, general };
}

/** Every line of a problem for an alert: its detail and each field error, in the reader's language where known. */
export function problemMessages(error: unknown, lang: Lang): string[] {
  const problem = problemOf(error);
  const detail = problem.detail ? detailWithoutFieldList(problem.detail, problem.errors ?? [], lang) : undefined;
  const lines = detail ? [translateServerMessage(detail, lang)] : [];
  for (const e of problem.errors ?? []) {
    const text = fieldReasonWording(e.field, e.reason, lang) ?? translateServerMessage(e.message, lang);
    lines.push(labelledFieldMessage(e.field, text, lang));
  }
  return lines;
}

/**
 * A validation problem's `detail` repeats its `errors[]`, each field by its name ("输入有误：揭榜截止时间：须在…",
 * the API's field-labels table) or, when it has none, by its path: those are listed on their own lines, so
 * the detail keeps only its lead-in ("输入有误。"), or nothing when it is only the list.
 */
export function detailWithoutFieldList(detail: string, errors: readonly FieldProblem[], lang: Lang): string | undefined {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A field where the list puts one (its name in either language, or its path): at the start or after a
  // separator, followed by "：" or a space.
  const starts = errors
    .flatMap((e) => [...new Set([fieldName(e.field, 'zh'), fieldName(e.field, 'en'), e.field])])
    .map((name) => new RegExp(`(?:^|[:：;；]\\s*)${escape(name)}(?=[：:\\s])`).exec(detail)?.index)
    .filter((i): i is number => i !== undefined);
  if (starts.length === 0) return detail;
  const lead = detail
    .slice(0, Math.min(...starts))
    .replace(/[\s:：;；,，]+$/, '')
    .trim();
  if (!lead) return undefined;
  return /[。.!！?？]$/.test(lead) ? lead : `${lead}${lang === 'zh' ? '。' : '.'}`;
}

/**
 * A problem in the reader's language: a feature's own words for its code when the dictionary has
 * them (`keyOf` names the entry), else the server's message (translated where known), never lost.
 */
export function problemWording(
  problem: Pick<Problem, 'code' | 'detail' | 'title' | 'status'>,
  lang: Lang,
  keyOf: (code: string) => string | undefined,
): string {
  const key = problem.code ? keyOf(problem.code) : undefined;
  const own = key ? (dictionary(lang) as Readonly<Record<string, string | undefined>>)[key] : undefined;
  return own ?? translateServerMessage(problem.detail ?? problem.title ?? `HTTP ${problem.status}`, lang);
}
