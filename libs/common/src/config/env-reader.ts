import { parseDuration } from './duration';

export type Env = Record<string, string | undefined>;

/**
 * Reads variables and collects every problem instead of stopping at the first, so a bad
 * deployment learns all it must fix in one start. A parser throws with a message about the value.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(readonly env: Env) {}

  /** The value (or `fallback` when unset or empty), parsed; on failure the problem is noted. */
  read<T>(name: string, fallback: string, parse: (raw: string) => T): T {
    const raw = this.env[name] === undefined || this.env[name] === '' ? fallback : (this.env[name] as string);
    try {
      return parse(raw);
    } catch (err) {
      this.problems.push(`${name}=${JSON.stringify(raw)}: ${(err as Error).message}`);
      return undefined as T;
    }
  }

  /** A trimmed value, or undefined when unset or blank. */
  optional(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  }

  problem(text: string): void {
    this.problems.push(text);
  }
}

export const wholeNumber =
  (min: number, max: number) =>
  (raw: string): number => {
    if (!/^\d+$/.test(raw)) throw new Error('must be a whole number');
    const n = Number(raw);
    if (n < min || n > max) throw new Error(`must be between ${min} and ${max}`);
    return n;
  };

export const urlOf =
  (schemes: string[]) =>
  (raw: string): string => {
    const u = new URL(raw);
    if (!schemes.includes(u.protocol)) throw new Error(`must be a ${schemes.join(' or ')} URL`);
    return raw;
  };

/** A duration of at least one millisecond: a zero window would count nothing. */
export function positiveDuration(raw: string): number {
  const ms = parseDuration(raw);
  if (ms < 1) throw new Error('must be longer than zero');
  return ms;
}
