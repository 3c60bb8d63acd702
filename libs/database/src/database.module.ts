import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { loggableError } from '@app/common/problem';
import { databaseOptions } from './database-options';
import { guardPoolClients } from './pool-guard';

/** Keeps the process alive when Postgres drops connections (see guardPoolClients). */
@Injectable()
class PoolGuard implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    guardPoolClients(this.dataSource, (err) => this.logger.warn({ err: loggableError(err) }, 'a database connection failed'));
  }
}

/** Connects TypeORM; each feature module registers its own entities with `forFeature`. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...databaseOptions(config.databaseUrl, {}, config.databasePoolSize),
        autoLoadEntities: true,
        // Off: a failed query's log line would carry its parameters (passwords' hashes, sealed bid
        // text). Errors reach the problem filter, which logs them without parameters.
        logging: false,
      }),
    }),
  ],
  providers: [PoolGuard],
})
export class DatabaseModule {}
