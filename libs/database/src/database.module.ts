import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { databaseOptions } from './database-options';

/** Connects TypeORM; each feature module registers its own entities with `forFeature`. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.databaseUrl),
        autoLoadEntities: true,
        // Off: a failed query's log line would carry its parameters (passwords' hashes, sealed bid
        // text). Errors reach the problem filter, which logs them without parameters.
        logging: false,
      }),
    }),
  ],
})
export class DatabaseModule {}
