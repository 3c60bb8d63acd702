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
        logging: ['error'],
      }),
    }),
  ],
})
export class DatabaseModule {}
