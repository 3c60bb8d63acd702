/**
 * The step-by-step challenge form as pure data and rules: what a person types (strings), how it
 * becomes the body of POST /challenges, and which rules it breaks. Field rules mirror the DTO's
 * decorators; the cross-field rules are the server's own `crossFieldErrors` and `fundingRuleError`
 * (libs/challenges/src/challenge-rules.ts, pure), so the browser and the API cannot disagree.
 */
import { crossFieldErrors, fieldRequired, fundingRuleError, type ChallengeSpec } from '@app/challenges/challenge-rules';
import type { CreateChallengeBody } from '../api/client';
import { translateServerMessage } from '../api/server-messages';
import type { Lang } from '../i18n/i18n';
import { parseYuan } from '../lib/money';
import type { EligibleOrgKind, Field, Industry, Mechanism, Track, Zone } from '../lib/taxonomy';
import { fromShanghaiInput } from '../lib/time';

export interface StageValues {
  name: string;
  /** Shanghai wall-clock time, as an `<input type="datetime-local">` holds it. */
  endsAt: string;
  advancingSlots: string;
}

export interface ObjectiveValues {
  metric: string;
  target: string;
  unit: string;
}

export interface ChallengeFormValues {
  title: string;
  summary: string;
  industry: Industry | '';
  secondaryIndustry: Industry | '';
  field: Field | '';
  track: Track;
  zone: Zone | '';
  objectives: ObjectiveValues[];
  orgKinds: EligibleOrgKind[];
  consortiumAllowed: boolean;
  maxMembers: string;
  bidDeadline: string;
  projectEndsAt: string;
  mechanism: Mechanism;
  /** Yuan, as typed ("30,000,000" or "1234.56"); sent as integer fen. */
  budget: string;
  maxAward: string;
  parallelSlots: string;
  stages: StageValues[];
}

export const emptyChallengeForm = (): ChallengeFormValues => ({
  title: '',
  summary: '',
  industry: '',
  secondaryIndustry: '',
  field: '',
  track: 'core_tech',
  zone: '',
  objectives: [{ metric: '', target: '', unit: '' }],
  orgKinds: ['enterprise', 'university', 'institute'],
  consortiumAllowed: true,
  maxMembers: '5',
  bidDeadline: '',
  projectEndsAt: '',
  mechanism: 'open_call',
  budget: '',
  maxAward: '',
  parallelSlots: '1',
  stages: [],
});

export const STEPS = ['basics', 'objectives', 'timeline', 'money', 'review'] as const;
export type Step = (typeof STEPS)[number];

/** Which step shows a form path (`stages.1.endsAt` → money). */
export function stepOf(path: string): Step {
  const root = path.split('.')[0];
  if (['title', 'summary', 'industry', 'secondaryIndustry', 'field', 'track', 'zone'].includes(root)) return 'basics';
  if (['objectives', 'orgKinds', 'consortiumAllowed', 'maxMembers'].includes(root)) return 'objectives';
  if (['bidDeadline', 'projectEndsAt'].includes(root)) return 'timeline';
  if (['mechanism', 'budget', 'maxAward', 'parallelSlots', 'stages'].includes(root)) return 'money';
  return 'review';
}

/** API field paths (as the server's rules and problem+json name them) → this form's paths. */
export function toFormField(apiPath: string): string {
  const renamed = apiPath
    .replace(/^budgetFen$/, 'budget')
    .replace(/^maxAwardFen$/, 'maxAward')
    .replace(/^eligibility\.orgKinds/, 'orgKinds')
    .replace(/^eligibility\.maxMembers$/, 'maxMembers')
    .replace(/^eligibility\.consortiumAllowed$/, 'consortiumAllowed')
    .replace(/^eligibility$/, 'orgKinds');
  return renamed.replace(/\[(\d+)\]/g, '.$1');
}

export type FormErrors = Record<string, string>;

const MESSAGES = {
  zh: {
    blank: '不能为空',
    tooLong: (n: number) => `不能超过 ${n} 个字符`,
    choose: '请选择',
    integer: (min: number, max: number) => `请输入 ${min} 到 ${max} 之间的整数`,
    number: '请输入数字',
    money: '请输入金额，如 30000000 或 1234.56',
    moneyTooLarge: '金额过大',
    moneyPositive: '金额必须大于 0',
    date: '请输入有效的日期和时间',
    tooMany: (n: number) => `最多 ${n} 项`,
  },
  en: {
    blank: 'must not be blank',
    tooLong: (n: number) => `must be at most ${n} characters`,
    choose: 'choose one',
    integer: (min: number, max: number) => `must be a whole number from ${min} to ${max}`,
    number: 'must be a number',
    money: 'enter an amount, e.g. 30000000 or 1234.56',
    moneyTooLarge: 'the amount is too large',
    moneyPositive: 'must be more than 0',
    date: 'enter a valid date and time',
    tooMany: (n: number) => `at most ${n}`,
  },
};

const INVALID_DATE = () => new Date(Number.NaN);

export interface Checked {
  errors: FormErrors;
  /** The request body, when every rule holds. */
  body: CreateChallengeBody | null;
}

type Messages = (typeof MESSAGES)[Lang];

/** Records the first error of each path, and reads typed values, recording why one cannot be read. */
function fieldReader(errors: FormErrors, m: Messages) {
  const set = (path: string, message: string) => {
    if (!errors[path]) errors[path] = message;
  };
  const text = (path: string, value: string, max: number) => {
    if (!value.trim()) set(path, m.blank);
    else if (value.length > max) set(path, m.tooLong(max));
  };
  const int = (path: string, value: string, min: number, max: number): number | null => {
    const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      set(path, m.integer(min, max));
      return null;
    }
    return n;
  };
  const money = (path: string, value: string, required: boolean): number | null => {
    const parsed = parseYuan(value);
    if (!parsed.ok) {
      if (parsed.reason !== 'empty' || required) set(path, parsed.reason === 'too_large' ? m.moneyTooLarge : m.money);
      return null;
    }
    if (parsed.fen < 1) {
      set(path, m.moneyPositive);
      return null;
    }
    return parsed.fen;
  };
  const instant = (path: string, value: string): string | null => {
    const iso = fromShanghaiInput(value);
    if (!iso) set(path, m.date);
    return iso;
  };
  return { set, text, int, money, instant };
}

type Reader = ReturnType<typeof fieldReader>;

/** Each field on its own (what the DTO's decorators check); null where a value cannot be read. */
function readFields(v: ChallengeFormValues, read: Reader, m: Messages) {
  read.text('title', v.title, 200);
  read.text('summary', v.summary, 20000);
  if (!v.industry) read.set('industry', m.choose);
  // A core-technology challenge names one of clause 4 (四)'s fields; the project-manager track need not
  // (once storage allows it): the server's own rule decides which.
  if (!v.field && fieldRequired(v.track)) read.set('field', m.choose);

  if (v.objectives.length > 50) read.set('objectives', m.tooMany(50));
  const objectives = v.objectives.map((o, i) => {
    read.text(`objectives.${i}.metric`, o.metric, 200);
    read.text(`objectives.${i}.unit`, o.unit, 50);
    const target = o.target.trim() === '' ? Number.NaN : Number(o.target);
    if (!Number.isFinite(target)) read.set(`objectives.${i}.target`, m.number);
    return { metric: o.metric.trim(), target, unit: o.unit.trim() };
  });
  const maxMembers = read.int('maxMembers', v.maxMembers, 1, 50);

  const bidDeadline = read.instant('bidDeadline', v.bidDeadline);
  const projectEndsAt = read.instant('projectEndsAt', v.projectEndsAt);

  const budgetFen = read.money('budget', v.budget, true);
  const maxAwardFen = read.money('maxAward', v.maxAward, false);
  const parallelSlots = v.parallelSlots.trim() === '' ? null : read.int('parallelSlots', v.parallelSlots, 1, 1000);
  if (v.stages.length > 20) read.set('stages', m.tooMany(20));
  const stages = v.stages.map((s, i) => {
    read.text(`stages.${i}.name`, s.name, 100);
    const endsAt = read.instant(`stages.${i}.endsAt`, s.endsAt);
    const advancingSlots = read.int(`stages.${i}.advancingSlots`, s.advancingSlots, 1, 1000);
    return { name: s.name.trim(), endsAt, advancingSlots };
  });
  return { objectives, maxMembers, bidDeadline, projectEndsAt, budgetFen, maxAwardFen, parallelSlots, stages };
}

type ReadFields = ReturnType<typeof readFields>;

/** What the server's rules look at, from what could be read (an unreadable date is NaN, which no rule trips on). */
function specOf(v: ChallengeFormValues, r: ReadFields): ChallengeSpec {
  return {
    title: v.title.trim(),
    summary: v.summary.trim(),
    industry: (v.industry || 'synthetic_biology') as Industry,
    secondaryIndustry: v.secondaryIndustry || null,
    field: v.field || null,
    mechanism: v.mechanism,
    track: v.track,
    budgetFen: r.budgetFen ?? Number.MAX_SAFE_INTEGER,
    maxAwardFen: r.maxAwardFen,
    parallelSlots: r.parallelSlots,
    stages: r.stages.map((s) => ({
      name: s.name,
      endsAt: s.endsAt ? new Date(s.endsAt) : INVALID_DATE(),
      advancingSlots: s.advancingSlots ?? 0,
    })),
    objectives: r.objectives.map((o) => ({ ...o, target: Number.isFinite(o.target) ? o.target : 0 })),
    eligibility: { orgKinds: v.orgKinds, consortiumAllowed: v.consortiumAllowed, maxMembers: r.maxMembers ?? 0 },
    bidDeadline: r.bidDeadline ? new Date(r.bidDeadline) : INVALID_DATE(),
    projectEndsAt: r.projectEndsAt ? new Date(r.projectEndsAt) : INVALID_DATE(),
    zone: v.zone || null,
  };
}

/** The server's cross-field and funding rules, shown on the form's own fields. */
function checkServerRules(spec: ChallengeSpec, r: ReadFields, errors: FormErrors, read: Reader, lang: Lang) {
  for (const e of crossFieldErrors(spec)) {
    // A rule about a value that is itself unreadable says nothing new.
    if (e.field === 'eligibility.maxMembers' && r.maxMembers === null) continue;
    if (/^stages\[\d+\]\.advancingSlots$/.test(e.field) && errors[toFormField(e.field)]) continue;
    if (e.field === 'maxAwardFen' && r.budgetFen === null) continue;
    read.set(toFormField(e.field), translateServerMessage(e.message, lang));
  }
  if (spec.eligibility.orgKinds.length === 0)
    read.set('orgKinds', translateServerMessage('must name at least one kind of organisation', lang));
  const ruleError = fundingRuleError(spec);
  if (ruleError) for (const e of ruleError.fieldErrors) read.set(toFormField(e.field), translateServerMessage(e.message, lang));
}

/** The body of POST /challenges (only when every rule holds, so every value was read). */
function bodyOf(v: ChallengeFormValues, spec: ChallengeSpec, r: ReadFields): CreateChallengeBody {
  const body: CreateChallengeBody = {
    title: spec.title,
    summary: spec.summary,
    industry: spec.industry,
    mechanism: spec.mechanism,
    track: spec.track,
    budgetFen: r.budgetFen as number,
    objectives: r.objectives,
    eligibility: { orgKinds: v.orgKinds, consortiumAllowed: v.consortiumAllowed, maxMembers: r.maxMembers as number },
    bidDeadline: r.bidDeadline as string,
    projectEndsAt: r.projectEndsAt as string,
  };
  if (spec.field) body.field = spec.field;
  if (spec.secondaryIndustry) body.secondaryIndustry = spec.secondaryIndustry;
  // The spec types maxAwardFen as an object (its @ApiPropertyOptional lacks `type: 'integer'`); the API takes integer fen.
  if (r.maxAwardFen !== null) (body as { maxAwardFen?: number }).maxAwardFen = r.maxAwardFen;
  if (r.parallelSlots !== null) body.parallelSlots = r.parallelSlots;
  if (v.mechanism === 'horse_race')
    body.stages = r.stages.map((s) => ({ name: s.name, endsAt: s.endsAt as string, advancingSlots: s.advancingSlots as number }));
  if (spec.zone) body.zone = spec.zone;
  return body;
}

/** Every broken rule of the whole form (field rules, then the server's cross-field and funding rules). */
export function checkChallengeForm(v: ChallengeFormValues, lang: Lang): Checked {
  const m = MESSAGES[lang];
  const errors: FormErrors = {};
  const read = fieldReader(errors, m);
  const fields = readFields(v, read, m);
  const spec = specOf(v, fields);
  checkServerRules(spec, fields, errors, read, lang);
  if (Object.keys(errors).length > 0) return { errors, body: null };
  return { errors: {}, body: bodyOf(v, spec, fields) };
}

/** The errors shown on one step. */
export function errorsOfStep(errors: FormErrors, step: Step): FormErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => stepOf(path) === step));
}
