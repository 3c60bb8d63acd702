/** CSV (RFC 4180) for the ledger download: money as plain yuan with two decimals, from integer fen. */
import { formatFen } from '../../lib/money';

export type Cell = string | number | null | undefined;

export function csvCell(value: Cell): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would be read as a formula by spreadsheets: quote it with an apostrophe.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows → CSV text, CRLF line ends, with a BOM so spreadsheet programs read the Chinese as UTF-8. */
export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** 123456 fen → "1234.56" (no symbol, no separators). */
export function yuanCell(fen: number): string {
  return formatFen(fen, { symbol: false }).replace(/,/g, '');
}
