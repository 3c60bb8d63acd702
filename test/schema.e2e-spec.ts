import { DataSource } from 'typeorm';
import { ALL_ENTITIES_GLOB, databaseOptions } from '@app/database';
import { createDatabaseFromTemplate, dropDatabase } from './support/databases';

/**
 * The migrations are the schema. If an entity and the migrations disagree, TypeORM's schema
 * builder would want to change something: that is a missing migration, and CI fails here.
 */
describe('migrations', () => {
  const name = `jiebang_test_${process.env.JIEBANG_TEST_RUN}_schema`;
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = await createDatabaseFromTemplate(name, process.env.JIEBANG_TEST_TEMPLATE as string);
    dataSource = new DataSource(databaseOptions(url, { entities: [ALL_ENTITIES_GLOB] }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(name);
  });

  it('match the entities: generating a migration now would be empty', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('can all be reverted and re-applied', async () => {
    const applied = (await dataSource.query('SELECT count(*)::int AS n FROM typeorm_migrations'))[0].n;
    expect(applied).toBeGreaterThan(0);
    for (let i = 0; i < applied; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
    );
    expect(tables).toEqual([]);
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries).toEqual([]);
  });
});
