import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@app/common/config';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig(process.env); // fails fast, naming every bad variable
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(config), { bufferLogs: true });
  await configureApp(app);
  await app.listen({ port: config.port, host: config.host });
  const url = await app.getUrl();
  app.get(Logger).log(`api listening on ${url} (docs at /docs)`, 'Main');
  // A parent that started the api with an IPC channel (npm run demo's scripts/start-all.js) waits for this.
  process.send?.({ ready: 'api', port: Number(new URL(url).port) }, () => process.disconnect?.());
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
