import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

/**
 * `migrate up` applies pending migrations; `migrate down` reverts the last one. Used by the
 * README's setup command, the Docker image and the test harness alike.
 */
export async function migrate(url: string, direction: 'up' | 'down' = 'up'): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = new DataSource(databaseOptions(url, { logging: ['error'] }));
  await dataSource.initialize();
  try {
    if (direction === 'down') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      return [];
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** On a fresh machine the database itself may not exist yet: create it (idempotent). */
async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch {
    return; // no access to the maintenance database: assume the target exists, as in managed Postgres
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch(() => undefined);
  } finally {
    await client.end();
  }
}

if (require.main === module) {
  const direction = process.argv[2] === 'down' ? 'down' : 'up';
  migrate(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jiebang', direction)
    .then((names) => {
      console.log(
        direction === 'up'
          ? `migrations applied: ${names.length ? names.join(', ') : 'none pending'}`
          : 'reverted the last migration',
      );
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
