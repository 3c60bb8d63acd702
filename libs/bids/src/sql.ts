import { EntityManager } from 'typeorm';

/**
 * The rows of a raw query. (TypeORM's postgres driver answers `[rows, rowCount]` for UPDATE and
 * DELETE … RETURNING, and plain rows for INSERT and SELECT.)
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}

export async function query<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await em.query(sql, params));
}
