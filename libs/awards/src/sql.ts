import { EntityManager } from 'typeorm';
import { moneyTransformer } from '@app/database/money.transformer';

/** The rows of a raw query (TypeORM answers `[rows, count]` for UPDATE/DELETE … RETURNING). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

export async function query<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await em.query(sql, params));
}

/** bigint (string from pg) → safe-integer fen; throws on anything else. */
export const fen = (v: string | number | null | undefined): number => moneyTransformer.from(v) as number;
export const fenOrNull = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : fen(v);

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();
