import { EntityManager } from 'typeorm';

/**
 * Runs an INSERT/UPDATE … RETURNING and gives back its rows. (TypeORM's postgres driver answers
 * `[rows, rowCount]` for UPDATE and DELETE, and plain rows for INSERT and SELECT.)
 */
export async function returning<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result = await em.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return result as T[];
}
