#!/usr/bin/env node
// Starts the api and the worker from the compiled build, forwards SIGINT/SIGTERM so both shut down
// gracefully, and stops the other when one exits. No process manager needed on a developer machine.
const { spawn } = require('node:child_process');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist', 'apps');
const children = [
  ['api', path.join(dist, 'api', 'src', 'main.js')],
  ['worker', path.join(dist, 'worker', 'src', 'main.js')],
].map(([name, entry]) => {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    console.error(`[start-all] ${name} exited (${signal ?? code}); stopping the rest`);
    stop(code ?? 1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 10_000).unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
