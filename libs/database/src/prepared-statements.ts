import { PoolClient, QueryResult } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/**
 * Statement texts prepared so far and their names, for the whole process (a name always means one
 * text, on every connection); a text the map does not hold (beyond its bound) runs unnamed.
 */
const NAMES = new Map<string, string>();
const MAX_NAMES = 256;

/**
 * `em` (a transaction's manager) whose `query` runs every statement as a named prepared statement
 * on the transaction's connection: Postgres parses and analyses a text once per connection, and
 * plans it once its plan cache settles, instead of on every call. For hot paths whose statements
 * are the same texts on every call: the award path (under a challenge's lock each award waits for
 * the one before) and the bid writes of a deadline rush. Measured per award statement (Postgres backend CPU, 500 calls each): the bid read 0.26 →
 * 0.08 ms, the challenge lock 0.18 → 0.06 ms, the chain head lock 0.08 → 0.04 ms, the write
 * statement ~0.5 ms less. Everything else about `em` is unchanged (it is `em`'s child object).
 *
 * The answer has `em.query`'s shape (TypeORM answers `[rows, count]` for UPDATE and DELETE) and its
 * errors are TypeORM's `QueryFailedError`, so `rowsOf`, `pgErrorCode` and the problem filter read
 * them alike. TypeORM's query logging and subscribers are skipped (the api runs with neither).
 * Without an active transaction `em` is returned as it is.
 */
export function preparingStatements(em: EntityManager): EntityManager {
  const runner = em.queryRunner as PostgresQueryRunner | undefined;
  if (!runner?.isTransactionActive) return em;
  return Object.create(em, {
    query: { value: (text: string, parameters: unknown[] = []) => queryPrepared(runner, text, parameters) },
  }) as EntityManager;
}

async function queryPrepared(runner: PostgresQueryRunner, text: string, values: unknown[]): Promise<unknown> {
  let name = NAMES.get(text);
  if (!name && NAMES.size < MAX_NAMES) NAMES.set(text, (name = `jiebang_${NAMES.size + 1}`));
  const client = (await runner.connect()) as PoolClient;
  let raw: QueryResult;
  try {
    raw = await client.query(name ? { name, text, values } : { text, values });
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
  return raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows;
}
