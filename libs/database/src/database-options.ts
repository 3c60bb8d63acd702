import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The one place that says how we talk to Postgres. Used by the Nest apps, the migration CLI and
 * the test harness. `synchronize` is never on: the schema changes only through migrations.
 */
export function databaseOptions(url: string, extra: Partial<DataSourceOptions> = {}, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into Postgres 13+; no extension needed.
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    // Works from sources (tests, CLI via swc) and from the compiled dist alike.
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'typeorm_migrations',
    extra: {
      // A bigger pool adds latency, not throughput, on a 2-core machine (measured for awards).
      max: poolSize,
      // While Postgres is away or every connection is busy, a request waits at most this long for
      // one and is then answered 503 with Retry-After, instead of hanging until the client gives up.
      connectionTimeoutMillis: 10_000,
      // Notice a peer that vanished without closing the socket (a failover, a dead network path).
      keepAlive: true,
    },
    ...extra,
  } as DataSourceOptions;
}

/** Every entity in every library, by file name, for the CLI and the schema-drift check. */
export const ALL_ENTITIES_GLOB = join(__dirname, '..', '..', '*', 'src', '**', '*.entity.{ts,js}');
