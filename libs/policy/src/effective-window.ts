/**
 * When the measures are in force (clause 24 (二十四): "本措施自2023年X月X日起实施，有效期5年").
 *
 * Days are Beijing calendar days (Asia/Shanghai): a Shenzhen measure that starts on 1 January starts
 * at midnight in Shenzhen, not at 08:00 when UTC's day turns. Time of day never matters:
 *   first day in  = the Beijing calendar day of `effectiveFrom`;
 *   first day out = the same month and day `validityYears` later (a 29 February start rolls over to
 *                   1 March, so 28 February is then the last day in);
 *   in force on [first day in, first day out): the last day in is the day before the anniversary.
 * E.g. from 2023-06-01 for 5 years: 2023-06-01 00:00 … 2028-05-31 23:59:59.999 Beijing time are in,
 * 2028-06-01 00:00 Beijing time (2028-05-31T16:00Z) is out.
 * A decision is judged by the Beijing day of its own date, not by when it is looked at later.
 *
 * Beijing time is a fixed UTC+8 here, with no time-zone database: China has kept UTC+8 all year
 * since it last observed daylight saving in 1991, long before any date these measures can apply to.
 */
import { invalid } from '@app/common/domain-error';
import type { PolicySettings } from './funding-rule';
import { assertRateBp } from './money';

const MS_PER_DAY = 86_400_000;
/** Clause 24 (二十四): 有效期5年. */
export const DEFAULT_VALIDITY_YEARS = 5;

/** China Standard Time: UTC+8 all year (see above). */
export const BEIJING_OFFSET_MS = 8 * 3_600_000;

export interface EffectiveWindow {
  /** First day in force, 'YYYY-MM-DD' (a Beijing calendar day). */
  firstDay: string;
  /** Last day in force, 'YYYY-MM-DD' (a Beijing calendar day); the next day is the first day out. */
  lastDay: string;
}

/** Whole Beijing days since the epoch's Beijing day; the unit the window is measured in. */
const beijingDay = (date: Date): number => Math.floor((date.getTime() + BEIJING_OFFSET_MS) / MS_PER_DAY);

/** Day number → 'YYYY-MM-DD' (day n starts at n × 24 h in the shifted clock, so its UTC fields read Beijing's). */
const isoOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

/** The Beijing calendar date of an instant, 'YYYY-MM-DD': the day a decision is judged on. */
export function beijingDate(date: Date): string {
  assertDate(date, 'date');
  return isoOfDay(beijingDay(date));
}

function firstDayOut(settings: PolicySettings): number {
  // Shifted by +8 h, the UTC fields read the Beijing calendar date of effectiveFrom.
  const from = new Date(settings.effectiveFrom.getTime() + BEIJING_OFFSET_MS);
  // Date.UTC rolls 29 February over to 1 March by itself, and allocates nothing on the hot path.
  const anniversary = Date.UTC(from.getUTCFullYear() + settings.validityYears, from.getUTCMonth(), from.getUTCDate());
  return Math.floor(anniversary / MS_PER_DAY);
}

/** The window as Beijing calendar days, for explanations and the public API. */
export function effectiveWindow(settings: PolicySettings): EffectiveWindow {
  assertSettings(settings);
  return { firstDay: isoOfDay(beijingDay(settings.effectiveFrom)), lastDay: isoOfDay(firstDayOut(settings) - 1) };
}

/** True when the measures are in force on the Beijing day of `date`. */
export function isInForce(date: Date, settings: PolicySettings): boolean {
  assertSettings(settings);
  assertDate(date, 'date');
  return isInForceUnchecked(date, settings);
}

interface WindowDays {
  fromMs: number;
  years: number;
  first: number;
  out: number;
}
// The window is computed once per settings object (checks run a million times a second). The
// entry remembers what it was computed from, so a settings object changed in place is recomputed.
const WINDOWS = new WeakMap<PolicySettings, WindowDays>();

/** `isInForce` for already-validated inputs (hot path). */
export function isInForceUnchecked(date: Date, settings: PolicySettings): boolean {
  const fromMs = settings.effectiveFrom.getTime();
  let w = WINDOWS.get(settings);
  if (w === undefined || w.fromMs !== fromMs || w.years !== settings.validityYears) {
    w = { fromMs, years: settings.validityYears, first: beijingDay(settings.effectiveFrom), out: firstDayOut(settings) };
    WINDOWS.set(settings, w);
  }
  const day = beijingDay(date);
  return day >= w.first && day < w.out;
}

/** Refuses anything but a valid Date. */
export function assertDate(value: unknown, field: string): asserts value is Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return;
  const message = `${field} must be a valid date`;
  throw invalid('policy.invalid_date', message, [{ field, message }], { field });
}

/** Settings come from configuration; check them once per call, cheaply, before trusting them. */
export function assertSettings(value: unknown): asserts value is PolicySettings {
  if (typeof value !== 'object' || value === null) {
    const message = 'settings must be a PolicySettings object';
    throw invalid('policy.invalid_settings', message, [{ field: 'settings', message }]);
  }
  const s = value as Partial<PolicySettings>;
  assertDate(s.effectiveFrom, 'settings.effectiveFrom');
  const years = s.validityYears;
  if (typeof years !== 'number' || !Number.isInteger(years) || years < 1 || years > 100) {
    const message = 'settings.validityYears must be a whole number of years from 1 to 100';
    throw invalid('policy.invalid_settings', message, [{ field: 'settings.validityYears', message }]);
  }
  if (s.pmMajorRateBp !== null) assertRateBp(s.pmMajorRateBp, 'settings.pmMajorRateBp');
}

export interface PolicySettingsInput {
  /**
   * A Date or an ISO date string. Only its Beijing calendar day counts (see above); a plain
   * '2023-06-01' is read as UTC midnight, which is 08:00 on the same day in Beijing.
   */
  effectiveFrom: Date | string;
  validityYears?: number;
  pmMajorRateBp?: number | null;
}

/** Builds validated, frozen settings with the text's defaults (5 years, no project-manager ratio). */
export function policySettings(input: PolicySettingsInput): PolicySettings {
  // Copy the Date: a frozen object can still have its Date mutated through setTime().
  const raw: unknown = input?.effectiveFrom;
  const from = typeof raw === 'string' ? new Date(raw) : raw instanceof Date ? new Date(raw.getTime()) : raw;
  const settings: PolicySettings = {
    effectiveFrom: from as Date,
    validityYears: input?.validityYears ?? DEFAULT_VALIDITY_YEARS,
    pmMajorRateBp: input?.pmMajorRateBp ?? null,
  };
  assertSettings(settings);
  return Object.freeze(settings);
}
