/**
 * File sizes for people: binary multiples (1 KB = 1024 bytes), as the API's limit is set
 * (DOCUMENT_MAX_BYTES = 50 × 1024 × 1024 shows as "50 MB"); one decimal, a trailing ".0" dropped.
 */
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  // Round first, so 1023.96 KB reads "1 MB", not "1024 KB".
  while (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

/** A SHA-256 hex digest shortened for a table: first 8 and last 4 characters. */
export function shortHash(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 8)}…${hex.slice(-4)}` : hex;
}
