/**
 * npm run bench — every benchmark, one after the other (each needs the machine to itself), then one
 * table of what each measured beside its goal. Each benchmark prints its own detail as it runs and
 * reports its goals through support/summary.ts; this file only runs them and gathers the reports.
 *
 * BENCH_ONLY=bids,http runs a subset. A benchmark that fails shows as a row of its own, and the
 * command exits non-zero when a benchmark failed (a goal not met is a finding, not a failure).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './support/harness';
import type { GoalReport } from './support/summary';

/** In the order of issue 20's table, then the others. */
const BENCHES = [
  'bids',
  'awards',
  'http',
  'challenges',
  'open-data',
  'audit-verify',
  'documents',
  'policy',
  'abuse',
  'jobs',
  'sql-builders',
  'web',
];

function run(bench: string, summaryFile: string): { bench: string; status: number; seconds: number } {
  console.log(`\n=== npm run bench:${bench} ===`);
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', `bench:${bench}`], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, BENCH_SUMMARY_FILE: summaryFile },
  });
  return { bench, status: result.status ?? 1, seconds: (Date.now() - started) / 1000 };
}

function readReports(file: string): GoalReport[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GoalReport);
}

function printSummary(reports: GoalReport[], runs: ReturnType<typeof run>[]): void {
  const widths = { bench: 13, measure: 52, now: 64 };
  console.log('\n=== summary (ratios are against a baseline measured in the same run) ===');
  console.log(`${'bench'.padEnd(widths.bench)} ${'measure'.padEnd(widths.measure)} ${'now'.padEnd(widths.now)} goal`);
  for (const r of runs) {
    const mine = reports.filter((x) => x.bench === r.bench);
    if (r.status !== 0) console.log(`${r.bench.padEnd(widths.bench)} FAILED (exit ${r.status}) after ${r.seconds.toFixed(0)} s`);
    if (r.status === 0 && mine.length === 0)
      console.log(`${r.bench.padEnd(widths.bench)} (no goal: see its own table above; ${r.seconds.toFixed(0)} s)`);
    for (const x of mine)
      console.log(
        `${x.bench.padEnd(widths.bench)} ${x.measure.padEnd(widths.measure)} ${x.now.padEnd(widths.now)} ${x.goal}  ${x.met ? 'met' : 'NOT met'}`,
      );
  }
  const met = reports.filter((x) => x.met).length;
  console.log(`\n${met} of ${reports.length} goals met; ${runs.filter((r) => r.status !== 0).length} benchmark(s) failed.`);
}

function main(): void {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const chosen = only ? BENCHES.filter((b) => only.includes(b)) : BENCHES;
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-bench-'));
  const summaryFile = join(dir, 'summary.jsonl');
  const runs = chosen.map((bench) => run(bench, summaryFile));
  printSummary(readReports(summaryFile), runs);
  rmSync(dir, { recursive: true, force: true });
  if (runs.some((r) => r.status !== 0)) process.exitCode = 1;
}

main();
