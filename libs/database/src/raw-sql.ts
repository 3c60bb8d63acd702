import { EntityManager } from 'typeorm';
import { moneyTransformer } from './money.transformer';

/**
 * Helpers for hand-written SQL on the hot paths (awards, milestones, challenges), where TypeORM's
 * repository layer costs more than the query.
 */

/** The rows of a raw query (TypeORM's postgres driver answers `[rows, count]` for UPDATE/DELETE … RETURNING). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

export async function queryRows<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return rowsOf<T>(await em.query(sql, params));
}

/** bigint (a string from pg) → safe-integer fen; throws on anything else. */
export const fen = (v: string | number | null | undefined): number => moneyTransformer.from(v) as number;
export const fenOrNull = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : fen(v);

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();
