#!/usr/bin/env node
// Starts the api and the worker from the compiled build, forwards SIGINT/SIGTERM so both shut down
// gracefully, and stops the other when one exits. No process manager needed on a developer machine.
//
// With --demo (npm run demo) it keeps the console short for a newcomer: unless LOG_LEVEL is set, the
// processes log warnings and errors only (LOG_LEVEL=warn, in their environment only), request lines
// are summarised once a minute instead of printed one by one, and once the api, the worker and the web
// app are up it prints where to open the app, the demo sign-ins, where mail goes and how to stop
// (apps/api/src/cli/start-banner.ts). Without --demo nothing changes: one JSON line per request.
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const dist = path.join(__dirname, '..', 'dist', 'apps');
const demo = process.argv.includes('--demo');
const banner = demo ? require(path.join(dist, 'api', 'src', 'cli', 'start-banner.js')) : null;
const quietLogs = demo && !process.env.LOG_LEVEL;
const env = quietLogs ? { ...process.env, LOG_LEVEL: banner.DEMO_LOG_LEVEL } : process.env;

const ready = new Set();
let apiPort;
let summarised = 0;

const children = [
  ['api', path.join(dist, 'api', 'src', 'main.js')],
  ['worker', path.join(dist, 'worker', 'src', 'main.js')],
].map(([name, entry]) => {
  // The demo listens for each process's "ready" message (sent over IPC once it is up) and filters stdout.
  const stdio = demo ? ['inherit', quietLogs ? 'pipe' : 'inherit', 'inherit', 'ipc'] : 'inherit';
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { stdio, env });
  if (demo) child.on('message', (message) => onReady(name, message));
  if (quietLogs) {
    readline.createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
      if (banner.showsLine(line)) process.stdout.write(`${line}\n`);
      else summarised += 1;
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[start-all] ${name} exited (${signal ?? code}); stopping the rest`);
    stop(code ?? 1);
  });
  return child;
});

function onReady(name, message) {
  if (!message || message.ready !== name) return;
  if (name === 'api') apiPort = message.port;
  ready.add(name);
  if (ready.size === children.length) void announce();
}

/** Once both are up: is the web app served (GET / answers its page)? Then the banner. */
async function announce() {
  const webUp = await new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: apiPort, path: '/', timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 && String(res.headers['content-type'] ?? '').includes('text/html'));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
  if (stopping) return;
  console.log(banner.startBanner({ port: apiPort, webUp, env, quietLogs }).join('\n'));
  if (quietLogs) {
    setInterval(() => {
      const line = banner.requestSummary(summarised, 1);
      summarised = 0;
      if (line) console.log(line);
    }, 60_000).unref();
  }
}

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
