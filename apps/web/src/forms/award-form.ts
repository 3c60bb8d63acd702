/**
 * Pure rules of the agency's awarding screens (no React): the award form, the stage gate's
 * selection, objection resolution and the challenge's management actions (extend, cancel). They
 * mirror what the API judges (libs/awards/src/award-rules.ts, gate-rules.ts) so that a person sees
 * a mistake before sending; the server stays the judge and its answer is shown beside the field.
 */
import { assessSelection } from '@app/awards/gate-rules';
import { labelledFieldMessage } from '../api/field-labels';
import { problemWording, type Problem } from '../api/problem';
import { translateServerMessage } from '../api/server-messages';
import type { Lang } from '../i18n/i18n';
import { parseYuan } from '../lib/money';
import { fromShanghaiInput } from '../lib/time';

export type FieldErrors = Record<string, string>;

/** How many projects a challenge may award: one for an open call, `parallelSlots` for a horse race. */
export const slotsOf = (c: { mechanism: string; parallelSlots: number }): number =>
  c.mechanism === 'open_call' ? 1 : c.parallelSlots;

/** What is left of the budget (never negative). */
export const budgetLeftOf = (c: { budgetFen: number; awardedFen: number }): number => Math.max(0, c.budgetFen - c.awardedFen);

export interface AwardValues {
  /** The amount in yuan as typed ("30,000,000"). */
  amount: string;
  /** A program-manager user id, or ''. */
  programManagerId: string;
}

export type AwardMessage =
  'amountRequired' | 'amountFormat' | 'amountPositive' | 'amountAboveRequest' | 'amountAboveMax' | 'pmFormat';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The award form's own rules: an amount in yuan with ≤ 2 decimals, positive, never above the bid's
 * request nor the per-award maximum; an optional program manager id. The funding rule and the
 * budget left are judged live by the quote endpoint and finally by the server (422 beside the amount).
 */
export function validateAward(
  v: AwardValues,
  facts: { requestedFen: number; maxAwardFen: number | null },
): { errors: Partial<Record<keyof AwardValues, AwardMessage>>; amountFen: number | null } {
  const errors: Partial<Record<keyof AwardValues, AwardMessage>> = {};
  const parsed = parseYuan(v.amount);
  let amountFen: number | null = null;
  if (!parsed.ok) errors.amount = parsed.reason === 'empty' ? 'amountRequired' : 'amountFormat';
  else if (parsed.fen <= 0) errors.amount = 'amountPositive';
  else if (parsed.fen > facts.requestedFen) errors.amount = 'amountAboveRequest';
  else if (facts.maxAwardFen !== null && parsed.fen > facts.maxAwardFen) errors.amount = 'amountAboveMax';
  else amountFen = parsed.fen;
  if (v.programManagerId.trim() && !UUID.test(v.programManagerId.trim())) errors.programManagerId = 'pmFormat';
  return { errors, amountFen };
}

/** The body of POST /challenges/:id/awards. */
export function toAwardBody(bidId: string, amountFen: number, programManagerId: string) {
  const pm = programManagerId.trim();
  return { bidId, amountFen, ...(pm ? { programManagerId: pm } : {}) };
}

/** The quote asked for live: the bid's total investment as the base, the amount, and the budget left as a ceiling. */
export function awardQuoteInput(totalInvestmentFen: number | undefined, amountFen: number | null, budgetLeftFen: number) {
  if (totalInvestmentFen === undefined) return null;
  return { baseFen: totalInvestmentFen, requestedFen: amountFen ?? undefined, remainingBudgetFen: budgetLeftFen };
}

interface LocalizedText {
  zh: string;
  en: string;
}
const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LocalizedText).zh === 'string' &&
  typeof (v as LocalizedText).en === 'string';

/**
 * Where an award's refusal belongs: a funding rule (422 `policy.*`), the request or the per-award
 * maximum (422 `awards.exceeds_*`) beside the amount, with each violation in the reader's language;
 * a program manager that is not one beside the picker; slots and states (409) above the form.
 */
export function awardProblem(
  problem: Problem,
  lang: Lang,
): { fields: FieldErrors; general: string[]; allowedFen: number | null } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  const code = problem.code ?? '';
  const allowedFen = typeof problem.allowedFen === 'number' ? problem.allowedFen : null;
  const pickText = (t: LocalizedText) => (lang === 'zh' ? t.zh : t.en);
  if (problem.status === 422 || code.startsWith('policy.') || code.startsWith('awards.exceeds_')) {
    const violations = Array.isArray(problem.violations) ? (problem.violations as { message?: unknown }[]) : [];
    const lines = violations.map((v) => (isLocalized(v.message) ? pickText(v.message) : null)).filter((s): s is string => !!s);
    fields.amount = lines.length ? lines.join('；') : translateServerMessage(problem.detail ?? problem.title ?? '', lang);
    return { fields, general, allowedFen };
  }
  for (const e of problem.errors ?? []) {
    const text = translateServerMessage(e.message, lang);
    if (e.field === 'programManagerId') fields.programManagerId = text;
    else if (e.field === 'amountFen') fields.amount = text;
    else general.push(labelledFieldMessage(e.field, text, lang));
  }
  if (!problem.errors?.length) general.push(problemText(problem, lang));
  return { fields, general, allowedFen };
}

/* ---------- stage gates: the server's own rule (libs/awards/src/gate-rules.ts, pure) ---------- */

export interface GateAssessment {
  /** More advance than the slots allow, and it is not the whole tied group at the cut-off. */
  tooMany: boolean;
  /** The selection stretches the slots over a tie at the cut-off (allowed). */
  tieGroup: boolean;
  /** A stopped project has as many or more points than an advancing one: a reason is required. */
  needsReason: boolean;
  /** The stopped projects that make a reason necessary. */
  challengers: string[];
}

/** Judges a selection at a gate with the very function the server's gate uses. */
export function assessGate(
  evidence: readonly { projectId: string; points: number }[],
  advancingSlots: number,
  advancing: ReadonlySet<string>,
): GateAssessment {
  const a = assessSelection(evidence, advancingSlots, [...advancing]);
  return { tooMany: a.tooMany, tieGroup: a.tieGroup, needsReason: a.challengers.length > 0, challengers: a.challengers };
}

/** The body of POST /challenges/:id/stages/:n/gate. */
export function toGateBody(advancing: ReadonlySet<string>, reason: string, needsReason: boolean) {
  const r = reason.trim();
  return { advancing: [...advancing], ...(needsReason || r ? { tieBreak: { reason: r } } : {}) };
}

/* ---------- objections, extend, cancel ---------- */

export interface ResolutionValues {
  decision: '' | 'upheld' | 'dismissed';
  comment: string;
}

export function validateResolution(
  v: ResolutionValues,
): Partial<Record<keyof ResolutionValues, 'decisionRequired' | 'commentRequired'>> {
  const errors: Partial<Record<keyof ResolutionValues, 'decisionRequired' | 'commentRequired'>> = {};
  if (!v.decision) errors.decision = 'decisionRequired';
  if (!v.comment.trim()) errors.comment = 'commentRequired';
  return errors;
}

export interface ExtendValues {
  /** datetime-local value, Shanghai time. */
  deadline: string;
  reason: string;
}

/** A new deadline later than the current one (and in the future), with a reason for the ledger. */
export function validateExtend(
  v: ExtendValues,
  currentDeadline: string,
  nowMs: number,
): {
  errors: Partial<Record<keyof ExtendValues, 'deadlineRequired' | 'deadlineFormat' | 'deadlineNotLater' | 'reasonRequired'>>;
  iso: string | null;
} {
  const errors: Partial<
    Record<keyof ExtendValues, 'deadlineRequired' | 'deadlineFormat' | 'deadlineNotLater' | 'reasonRequired'>
  > = {};
  let iso: string | null = null;
  if (!v.deadline) errors.deadline = 'deadlineRequired';
  else {
    iso = fromShanghaiInput(v.deadline);
    if (!iso) errors.deadline = 'deadlineFormat';
    else if (new Date(iso).getTime() <= Math.max(new Date(currentDeadline).getTime(), nowMs)) {
      errors.deadline = 'deadlineNotLater';
      iso = null;
    }
  }
  if (!v.reason.trim()) errors.reason = 'reasonRequired';
  return { errors, iso };
}

/** Stage points of a list of milestone statuses: 2 per met, 1 per partially met (as the server counts). */
export const pointsOf = (statuses: readonly string[]): number =>
  statuses.reduce((sum, s) => sum + (s === 'met' ? 2 : s === 'partially_met' ? 1 : 0), 0);

/**
 * A problem of awarding, gates, objections or the challenge's lifecycle in the reader's language:
 * a code the screens word themselves (`awards.code.<code>`), anything else by the server's message.
 */
export const problemText = (problem: Pick<Problem, 'code' | 'detail' | 'title' | 'status'>, lang: Lang): string =>
  problemWording(problem, lang, (code) => `awards.code.${code}`);
