import { Global, Module } from '@nestjs/common';
import { DEFAULT_JOB_CATALOG, JOB_CATALOG } from './job-catalog';
import { JobScheduler } from './job-scheduler';

/** Producer side: `JobScheduler` for the api and for reconcilers. Global: import it once per app. */
@Global()
@Module({
  providers: [{ provide: JOB_CATALOG, useValue: DEFAULT_JOB_CATALOG }, JobScheduler],
  exports: [JOB_CATALOG, JobScheduler],
})
export class JobsModule {}
