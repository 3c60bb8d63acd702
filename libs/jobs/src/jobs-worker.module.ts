import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { JOBS_WORKER_OPTIONS, jobsWorkerOptionsFrom } from './jobs-options';
import { JobsWorkerService } from './jobs-worker.service';
import { ReconcileJob } from './reconcile.job';
import { ReconcileService } from './reconcile.service';

/** Imported only by apps/worker's WorkerModule (with JobsModule and each feature's jobs module). */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: JOBS_WORKER_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => jobsWorkerOptionsFrom(config.worker),
    },
    ReconcileService,
    ReconcileJob,
    JobsWorkerService,
  ],
  exports: [ReconcileService, JobsWorkerService],
})
export class JobsWorkerModule {}
