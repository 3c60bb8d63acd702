/**
 * npm run bench:http — the api's request path against a bare node:http server, same run, same
 * machine. Logging stays on (LOG_LEVEL=info, to /dev/null) as in production.
 */
import { dropDatabase, freshDatabase, load, printTable, startProcess, stopProcess } from './support/harness';
import { percentOf, reportGoal } from './support/summary';

async function main(): Promise<void> {
  const dbName = 'jiebang_bench_http';
  const databaseUrl = await freshDatabase(dbName);
  const apiPort = 3901;
  const barePort = 3902;
  const admin = { email: 'bench-admin@jiebang.local', password: 'bench-admin-password' };
  const bare = await startProcess('bench/support/bare-server.ts', { PORT: String(barePort) }, `http://127.0.0.1:${barePort}/`);
  const api = await startProcess(
    'apps/api/src/main.ts',
    {
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: 'bench-http',
      LOG_LEVEL: 'info',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      LOGIN_RATE_LIMIT: '1000000000',
    },
    `http://127.0.0.1:${apiPort}/api/v1/health/ready`,
  );
  try {
    const base = `http://127.0.0.1:${apiPort}/api/v1`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const quoteProbe = await fetch(`${base}/funding-rules/art4.core_tech/quote`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ baseFen: 10_000_000_000, requestedFen: 3_100_000_000 }),
    });

    const baseline = await load('bare node:http {"status":"ok"}', { url: `http://127.0.0.1:${barePort}/` });
    const rows = [
      baseline,
      await load('GET /health/live', { url: `${base}/health/live` }),
      await load('GET /me (JWT + user state: memo checked against Redis)', {
        url: `${base}/me`,
        headers: { authorization: `Bearer ${accessToken}` },
      }),
      quoteProbe.ok
        ? await load('POST /funding-rules/:id/quote (validated DTO)', {
            url: `${base}/funding-rules/art4.core_tech/quote`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ baseFen: 10_000_000_000, requestedFen: 3_100_000_000, alreadyGrantedFen: 0 }),
          })
        : await load('POST /auth/login invalid body (validation 400)', {
            url: `${base}/auth/login`,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'not-an-email', password: 'x' }),
          }),
    ];
    printTable(rows, baseline);
    console.log('\nGoals (issue 20): /health/live ≥ 50% of bare node; /me ≥ 25%; validated POST ≥ 20%.');
    const goals = [
      { route: rows[1], share: 0.5, measure: 'GET /health/live vs bare node:http' },
      { route: rows[2], share: 0.25, measure: 'GET /me vs bare node:http' },
      { route: rows[3], share: 0.2, measure: 'validated POST …/quote vs bare node:http' },
    ];
    for (const { route, share, measure } of goals) {
      reportGoal({
        bench: 'http',
        measure,
        now: `${route.reqPerSec}/s = ${percentOf(route.reqPerSec, baseline.reqPerSec)}, p99 ${route.p99} ms`,
        goal: `≥ ${share * 100}% of bare`,
        met: route.reqPerSec >= share * baseline.reqPerSec && route.non2xx === 0 && route.errors === 0,
      });
    }
  } finally {
    await stopProcess(api);
    await stopProcess(bare);
    await dropDatabase(dbName);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
