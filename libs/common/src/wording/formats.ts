/**
 * How values are said to people, in Chinese or English: money from integer fen, instants in
 * Beijing time, durations in words. Pure (no Nest, no I/O, no imports), so the web app, the
 * notification wording and the problem wording all say a value the same way.
 */

/** The two languages the platform speaks: Chinese by default, English on request. */
export type Language = 'zh' | 'en';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // Beijing time is UTC+8 all year (no daylight saving)
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * fen → money for people: `¥7,200,000.00` in English; in Chinese whole amounts of 10,000 yuan and
 * more in 万 (`¥720万`, `¥123.45万`), others as in English. Exact for every safe integer (digits,
 * never a float).
 */
export function formatMoney(fen: number, lang: Language): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  const yuan = (abs - cents) / 100;
  if (lang === 'zh' && cents === 0 && yuan >= 10_000) {
    const rest = yuan % 10_000;
    const wan = (yuan - rest) / 10_000;
    const decimals = String(rest).padStart(4, '0').replace(/0+$/, '');
    return `${sign}¥${groupThousands(String(wan))}${decimals ? `.${decimals}` : ''}万`;
  }
  return `${sign}¥${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/** An ISO instant in Beijing time: `2030年2月1日 08:00（北京时间）` / `1 Feb 2030, 08:00 (Beijing time)`. */
export function formatBeijingTime(iso: string, lang: Language): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '—';
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (lang === 'zh') return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}（北京时间）`;
  return `${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${time} (Beijing time)`;
}

const DURATION_UNITS: readonly { seconds: number; zh: string; en: string }[] = [
  { seconds: 86_400, zh: '天', en: 'day' },
  { seconds: 3_600, zh: '小时', en: 'hour' },
  { seconds: 60, zh: '分钟', en: 'minute' },
  { seconds: 1, zh: '秒', en: 'second' },
];

/**
 * Seconds → words, at most the two largest non-zero units: `2 天 3 小时` / `2 days 3 hours`,
 * `45 秒` / `45 seconds`. Negative or non-finite input is treated as 0.
 */
export function formatDuration(totalSeconds: number, lang: Language): string {
  let rest = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.ceil(totalSeconds) : 0;
  const parts: string[] = [];
  for (const unit of DURATION_UNITS) {
    const n = Math.floor(rest / unit.seconds);
    rest -= n * unit.seconds;
    if (n > 0 && parts.length < 2) parts.push(lang === 'zh' ? `${n} ${unit.zh}` : `${n} ${unit.en}${n === 1 ? '' : 's'}`);
  }
  if (!parts.length) return lang === 'zh' ? '0 秒' : '0 seconds';
  return parts.join(' ');
}

const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals: 4 → 四, 10 → 十, 23 → 二十三. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return ZH_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH_DIGITS[tens]}十${ones ? ZH_DIGITS[ones] : ''}`;
}

/** A clause of the measures: `第四条` / `clause 4 (四)`. */
export function formatClause(n: number, lang: Language): string {
  return lang === 'zh' ? `第${chineseNumeral(n)}条` : `clause ${n} (${chineseNumeral(n)})`;
}
