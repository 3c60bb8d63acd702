/**
 * Money in the web app is what it is in the API: an integer number of fen (分). These helpers
 * format and parse it with integer (BigInt) arithmetic only — never a float, so 0.1 + 0.2 never
 * reaches a screen or a request.
 */

const FEN_PER_YUAN = 100n;
const MAX_FEN = BigInt(Number.MAX_SAFE_INTEGER);

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 3_000_000_000 → "¥30,000,000.00"; -150 → "-¥1.50". Refuses a non-integer or unsafe value. */
export function formatFen(fen: number, options: { symbol?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatFen: ${fen} is not a safe integer number of fen`);
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = abs / FEN_PER_YUAN;
  const cents = abs % FEN_PER_YUAN;
  const text = `${group(yuan.toString())}.${cents.toString().padStart(2, '0')}`;
  return `${negative ? '-' : ''}${options.symbol === false ? '' : '¥'}${text}`;
}

/** The plain yuan text a money input is filled with: 3_000_000_050 → "30000000.50". */
export function fenToYuanText(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return formatFen(fen, { symbol: false }).replace(/,/g, '').replace(/\.00$/, '');
}

export type ParsedYuan = { ok: true; fen: number } | { ok: false; reason: 'empty' | 'format' | 'too_large' };

/**
 * Parses what a person types as an amount in yuan ("30,000,000", "1234.5", "￥ 88.08") into fen.
 * At most two decimals; no sign; thousands separators and a leading ¥ are allowed.
 */
export function parseYuan(input: string): ParsedYuan {
  const text = input.replace(/[\s,，]/g, '').replace(/^[¥￥]/, '');
  if (text === '') return { ok: false, reason: 'empty' };
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const fen = BigInt(match[1]) * FEN_PER_YUAN + BigInt((match[2] ?? '').padEnd(2, '0'));
  if (fen > MAX_FEN) return { ok: false, reason: 'too_large' };
  return { ok: true, fen: Number(fen) };
}

/** Basis points as a percentage: 5000 → "50%", 1250 → "12.5%". */
export function formatBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = Math.abs(bp % 100);
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}
