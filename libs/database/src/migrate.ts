import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options';

/**
 * `migrate up` applies pending migrations; `migrate down` reverts the last one. Used by the
 * README's setup command, the Docker image and the test harness alike.
 */
export async function migrate(url: string, direction: 'up' | 'down' = 'up'): Promise<string[]> {
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

if (require.main === module) {
  const direction = process.argv[2] === 'down' ? 'down' : 'up';
  migrate(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jiebang', direction)
    .then((names) => {
      console.log(direction === 'up' ? `migrations applied: ${names.length ? names.join(', ') : 'none pending'}` : 'reverted the last migration');
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
