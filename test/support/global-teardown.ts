import { withAdminClient } from './databases';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env.JIEBANG_TEST_RUN;
  if (!runId || process.env.KEEP_TEST_DATABASES === 'true') return;
  await withAdminClient(async (c) => {
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`jiebang_test_${runId}%`]);
    for (const row of rows) await c.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  });
}
