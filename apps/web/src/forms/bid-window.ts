/**
 * The minimum bid window (MIN_BID_WINDOW, from GET /settings/public), checked in the challenge wizard: publishing
 * needs the bid deadline at least that long after the moment of publishing (libs/challenges `publishErrors`), so a
 * deadline closer than that is refused here rather than by the server later. Pure: no React, no I/O.
 */
import type { Lang } from '../i18n/i18n';
import { formatDateTime, fromShanghaiInput } from '../lib/time';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** "7 天" / "7 days", "36 小时" / "36 hours", "30 分钟" / "30 minutes": the window as a person says it. */
export function describeWindow(ms: number, lang: Lang): string {
  const [n, unit] =
    ms % DAY_MS === 0 ? [ms / DAY_MS, 'day'] : ms % HOUR_MS === 0 ? [ms / HOUR_MS, 'hour'] : [Math.ceil(ms / 60_000), 'minute'];
  if (lang === 'zh') return `${n} ${unit === 'day' ? '天' : unit === 'hour' ? '小时' : '分钟'}`;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The earliest deadline allowed when publishing at `nowMs`, as an instant. */
export const earliestDeadline = (nowMs: number, minBidWindowMs: number): number => nowMs + minBidWindowMs;

/**
 * The error on a typed deadline (Shanghai wall clock) that is closer than the window, or undefined: also while the
 * setting is unknown (the server still judges) or the value is unreadable (the form's own rule says so).
 */
export function bidWindowError(typed: string, nowMs: number, minBidWindowMs: number | undefined, lang: Lang): string | undefined {
  if (minBidWindowMs === undefined) return undefined;
  const iso = fromShanghaiInput(typed);
  if (!iso) return undefined;
  const earliest = earliestDeadline(nowMs, minBidWindowMs);
  if (new Date(iso).getTime() >= earliest) return undefined;
  // Typed to the minute: the first whole minute that is allowed.
  const when = formatDateTime(new Date(Math.ceil(earliest / 60_000) * 60_000).toISOString());
  const window = describeWindow(minBidWindowMs, lang);
  return lang === 'zh'
    ? `须在发布后至少 ${window}（不早于北京时间 ${when}）`
    : `must be at least ${window} after publishing (not before ${when}, Beijing time)`;
}
