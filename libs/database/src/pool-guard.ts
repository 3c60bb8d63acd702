import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';

const GUARDED = Symbol('jiebang.pool-guarded');

type GuardedClient = EventEmitter & { [GUARDED]?: true };
interface PgPool extends EventEmitter {
  _clients?: GuardedClient[];
}

/**
 * Gives every pooled Postgres client a permanent 'error' listener.
 *
 * pg's pool listens for errors only on idle clients. A client that is checked out (inside a
 * transaction, or between a transaction's statements) and whose backend is terminated — a
 * restart, a failover, `pg_terminate_backend` — emits 'error' with no listener, and Node ends the
 * process for an unhandled 'error' event. With this listener the error is only reported: the
 * statement in progress fails (answered 503 by the problem filter), the pool drops the broken
 * client when it is released, and the next request opens a fresh connection.
 */
export function guardPoolClients(dataSource: DataSource, onError: (err: Error) => void): void {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return;
  const guard = (client: GuardedClient) => {
    if (client[GUARDED]) return;
    client[GUARDED] = true;
    client.on('error', onError);
  };
  pool.on('connect', guard);
  // Clients opened before this ran (TypeORM's first connection at start-up).
  for (const client of pool._clients ?? []) guard(client);
}
