import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Runs `ending` in a child process whose stdout is a pipe, after three lines written to a LogDestination. */
function linesBefore(ending: string): { lines: string[]; status: number | null } {
  const script = `
    const { LogDestination } = require(${JSON.stringify(join(__dirname, 'log-destination'))});
    const destination = new LogDestination();
    for (const n of [1, 2, 3]) destination.stream.write(JSON.stringify({ n }) + '\\n');
    setImmediate(() => { ${ending} });`;
  const child = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: join(__dirname, '..', '..', '..'),
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { lines: child.stdout.split('\n').filter(Boolean), status: child.status };
}

describe('LogDestination', () => {
  it('writes what waits in its batch when an uncaught exception ends the process', () => {
    const { lines, status } = linesBefore(`throw new Error('fatal')`);
    expect(status).toBe(1);
    expect(lines).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
  });

  it('writes what waits in its batch on process.exit', () => {
    const { lines, status } = linesBefore('process.exit(3)');
    expect(status).toBe(3);
    expect(lines).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
  });
});
