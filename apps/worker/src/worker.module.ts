import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common/clock';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/common/config';
import { RedisModule } from '@app/common/redis';
import { DatabaseModule } from '@app/database';

/** The job composition root: no HTTP; registers the processors of each feature library. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    ClockModule,
    DatabaseModule,
    RedisModule,
  ],
})
export class WorkerModule {}
