import { migrate } from '../../libs/database/src/migrate';
import { databaseUrl, dropDatabase, withAdminClient } from './databases';

/**
 * Once per e2e run: a template database with every migration applied (never `synchronize`).
 * Each test file then gets its own copy of it, so files cannot see each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const template = `jiebang_test_${runId}_tpl`;
  process.env.JIEBANG_TEST_RUN = runId;
  process.env.JIEBANG_TEST_TEMPLATE = template;
  await withAdminClient(async (c) => {
    // Leftovers of runs killed before their teardown; a run started in the last 3 hours may still be going.
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'jiebang_test_%'`);
    for (const row of rows) {
      const startedAt = parseInt(String(row.datname).split('_')[2], 36);
      if (Number.isFinite(startedAt) && Date.now() - startedAt < 3 * 3_600_000) continue;
      await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await c.query(`CREATE DATABASE "${template}"`);
  });
  try {
    await migrate(databaseUrl(template));
  } catch (err) {
    await dropDatabase(template);
    throw err;
  }
}
