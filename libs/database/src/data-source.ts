import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES_GLOB, databaseOptions } from './database-options';

/** For the TypeORM CLI (`npm run migration:*`) only; the apps build their own through Nest. */
export default new DataSource(
  databaseOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/jiebang', {
    entities: [ALL_ENTITIES_GLOB],
  }),
);
