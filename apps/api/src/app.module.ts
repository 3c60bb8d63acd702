import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common/clock';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/common/config';
import { ProblemDetailsFilter } from '@app/common/problem';
import { RedisModule } from '@app/common/redis';
import { DatabaseModule } from '@app/database';
import { IdentityModule } from '@app/identity';
import { ChallengesModule } from '@app/challenges';
import { FundingRulesModule } from '@app/funding-rules';
import { JobsModule, QueueDashboardModule } from '@app/jobs';
import { AuditModule } from '@app/audit';
import { BidsModule } from '@app/bids';
import { AwardsModule } from '@app/awards';
import { MilestonesModule } from '@app/milestones';
import { OpenDataModule } from '@app/open-data';
import { EvaluationsModule } from '@app/evaluations';
import { DocumentsModule } from '@app/documents';
import { HealthModule } from './health/health.module';
import { SettingsModule } from './settings/settings.module';
import { LogDestination } from './log-destination';
import { loggerParams } from './logging';

/** The HTTP composition root: wires feature libraries together, holds no business logic. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      providers: [LogDestination],
      inject: [APP_CONFIG, LogDestination],
      useFactory: (config: AppConfig, destination: LogDestination) => loggerParams(config, destination.stream),
    }),
    ClockModule,
    DatabaseModule,
    RedisModule,
    HealthModule,
    SettingsModule,
    IdentityModule,
    ChallengesModule,
    FundingRulesModule,
    JobsModule,
    QueueDashboardModule,
    AuditModule,
    BidsModule,
    AwardsModule,
    MilestonesModule,
    OpenDataModule,
    EvaluationsModule,
    DocumentsModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class AppModule {}
