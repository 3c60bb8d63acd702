import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JOBS_WORKER_OPTIONS, jobsWorkerOptionsFromEnv } from './jobs-options';
import { JobsWorkerService } from './jobs-worker.service';
import { ReconcileJob } from './reconcile.job';
import { ReconcileService } from './reconcile.service';

/** Imported only by apps/worker's WorkerModule (with JobsModule and each feature's jobs module). */
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: JOBS_WORKER_OPTIONS, useFactory: () => jobsWorkerOptionsFromEnv(process.env) },
    ReconcileService,
    ReconcileJob,
    JobsWorkerService,
  ],
  exports: [ReconcileService, JobsWorkerService],
})
export class JobsWorkerModule {}
