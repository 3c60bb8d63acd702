import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from '@app/common/clock';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/common/config';
import { RedisModule } from '@app/common/redis';
import { DatabaseModule } from '@app/database';
import { JobsModule, JobsWorkerModule } from '@app/jobs';
import { ChallengesJobsModule } from '@app/challenges';
import { AwardsJobsModule } from '@app/awards';
import { MilestonesJobsModule } from '@app/milestones';
import { DocumentsJobsModule } from '@app/documents';
import { BidsJobsModule } from '@app/bids';

/**
 * The job composition root: no HTTP, no logic. It imports the job platform and each feature's
 * jobs module (the module that provides its `*.job.ts` handlers and its reconciler). The worker
 * refuses to start while a job name has no handler here.
 */
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
    JobsModule,
    JobsWorkerModule,
    // Feature jobs modules, e.g. ChallengesJobsModule:
    ChallengesJobsModule,
    AwardsJobsModule,
    MilestonesJobsModule,
    DocumentsJobsModule,
    BidsJobsModule,
  ],
})
export class WorkerModule {}
