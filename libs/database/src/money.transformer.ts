import { ValueTransformer } from 'typeorm';

/**
 * Postgres `bigint` ⇄ JS safe-integer fen. `pg` hands bigint back as a string (it cannot know the
 * value fits a double); we convert, and refuse anything that is not a safe integer in either
 * direction, so a wrong number never reaches the database or the API silently.
 */
export const moneyTransformer: ValueTransformer = {
  to(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    // Query operators (e.g. MoreThan(x)) pass through untouched.
    if (typeof value === 'object') return value;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new TypeError(`money must be a safe integer number of fen, got ${String(value)}`);
    }
    return value;
  },
  from(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isSafeInteger(n)) {
      throw new TypeError(`money column holds ${String(value)}, which is not a safe integer of fen`);
    }
    return n;
  },
};

/** Column options for a money column: `@Column(moneyColumn())`. */
export const moneyColumn = (options: { nullable?: boolean; default?: number; name?: string } = {}) => ({
  type: 'bigint' as const,
  transformer: moneyTransformer,
  nullable: options.nullable ?? false,
  ...(options.default !== undefined ? { default: options.default } : {}),
  ...(options.name ? { name: options.name } : {}),
});
