/**
 * Values that Postgres cannot store, or that are not what they claim to be, refused at the edge
 * with the field named — instead of failing deep in a query (or in canonical JSON) with a 500:
 * - a NUL character (`\u0000`): Postgres text and jsonb cannot hold it;
 * - a lone UTF-16 surrogate (`\ud800` alone): not a character; it cannot be encoded as UTF-8;
 * - a number that JSON parsing turned into Infinity (`1e999`): no column or canonical form holds it.
 */
export type UnsafeValueReason = 'nul_character' | 'lone_surrogate' | 'not_finite';

export interface UnsafeValue {
  /** Dotted path, as the validation errors name fields: `admin.email`, `milestones[2].title`. */
  field: string;
  reason: UnsafeValueReason;
}

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;

export function unsafeTextReason(text: string): UnsafeValueReason | null {
  if (NUL.test(text)) return 'nul_character';
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return 'lone_surrogate';
  return null;
}

const childPath = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/** The first string (value or key) or number in `value` that cannot be stored, or null. */
export function findUnsafeValue(value: unknown, path = '', depth = 0): UnsafeValue | null {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? { field: path || 'body', reason } : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? null : { field: path || 'body', reason: 'not_finite' };
  // The JSON parser already refused deeper documents; this bound only keeps the walk finite.
  if (!value || typeof value !== 'object' || depth > 128) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeValue(value[i], childPath(path, i), depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    const keyReason = unsafeTextReason(key);
    if (keyReason) return { field: path || 'body', reason: keyReason };
    const found = findUnsafeValue(child, childPath(path, key), depth + 1);
    if (found) return found;
  }
  return null;
}

/** Deepest nesting of objects and arrays a JSON body may have. Our deepest DTO needs 4. */
export const MAX_JSON_DEPTH = 64;

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * True when JSON text nests deeper than `max`. One pass over the characters, before parsing, so a
 * document of 5,000 `[` never reaches a recursive walker (class-validator, class-transformer) that
 * would overflow the stack. Brackets inside strings do not count.
 */
export function jsonNestingExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}
