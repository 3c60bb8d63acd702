/**
 * Time in the web app: the API speaks ISO-8601 UTC; people read and type Asia/Shanghai (UTC+8,
 * no daylight saving), whatever the time zone of their own device.
 */
export const TIME_ZONE = 'Asia/Shanghai';
const OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;

type Lang = 'zh' | 'en';

function parts(iso: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Shanghai never observes DST: shifting by the fixed offset gives its wall clock exactly.
  const shifted = new Date(date.getTime() + OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year: String(shifted.getUTCFullYear()),
    month: pad(shifted.getUTCMonth() + 1),
    day: pad(shifted.getUTCDate()),
    hour: pad(shifted.getUTCHours()),
    minute: pad(shifted.getUTCMinutes()),
  };
}

/** "2030-02-01 00:00" in Shanghai time (the same digits in both languages; the zone is labelled by the UI). */
export function formatDateTime(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : '—';
}

/** "2030-02-01" in Shanghai time. */
export function formatDate(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.year}-${p.month}-${p.day}` : '—';
}

/** Long form for the reader's language, e.g. "2030年2月1日 00:00" / "1 Feb 2030, 00:00". */
export function formatLong(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(date);
}

/** The value of an `<input type="datetime-local">` for an instant, in Shanghai time ("2030-02-01T00:00"). */
export function toShanghaiInput(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}` : '';
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * What a person typed as Shanghai wall-clock time, as the API's instant with its offset
 * ("2030-02-01T00:00" → "2030-02-01T00:00:00+08:00"); null for an impossible date or time.
 */
export function fromShanghaiInput(value: string): string | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${m[1]}-${m[2]}-${m[3]}T${pad(h)}:${pad(mi)}:${pad(s)}${OFFSET}`;
}

export interface Countdown {
  past: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Whole days, hours, minutes and seconds from `nowMs` until `iso` (zeros once it has passed). */
export function countdown(iso: string, nowMs: number): Countdown {
  const left = new Date(iso).getTime() - nowMs;
  if (!(left > 0)) return { past: true, days: 0, hours: 0, minutes: 0, seconds: 0 };
  const total = Math.floor(left / 1000);
  return {
    past: false,
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}
