/**
 * ISO-8601 durations as used in our configuration (`P5D`, `PT10S`, `P1DT12H`, `PT0.5S`, `P2W`).
 * Years and months are refused: their length depends on the calendar, and every duration in the
 * policy (publicity period, reminders, review SLA) is a fixed number of days.
 */
const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseDuration(text: string): number {
  const m = PATTERN.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) {
    throw new Error(`"${text}" is not an ISO-8601 duration like P5D, PT10S or P1DT12H (years and months are not allowed)`);
  }
  const [, w, d, h, min, s] = m;
  const ms =
    Number(w ?? 0) * 7 * 86_400_000 +
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(min ?? 0) * 60_000 +
    Math.round(Number(s ?? 0) * 1000);
  return ms;
}

export function formatDuration(ms: number): string {
  if (ms === 0) return 'PT0S';
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const time = (h ? `${h}H` : '') + (m ? `${m}M` : '') + (rest ? `${rest / 1000}S` : '');
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
