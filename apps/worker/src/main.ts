import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/common/config';
import { StartupQuietLogger } from '@app/common/logging';
import { WorkerModule } from './worker.module';

/** Runs job processors only: an application context without an HTTP server. */
async function main(): Promise<void> {
  loadConfig(process.env); // fails fast, naming every bad variable (the worker's own included)
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  // Nest's start-up lines (one per module) at debug: the worker says in one line that it is up.
  app.useLogger(new StartupQuietLogger(app.get(Logger)));
  // SIGTERM/SIGINT: stop taking jobs, let the running ones finish, close pools.
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('worker started');
  // A parent that started the worker with an IPC channel (npm run demo's scripts/start-all.js) waits for this.
  process.send?.({ ready: 'worker' }, () => process.disconnect?.());
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
