import { Job } from 'bullmq';
import { JobHandler, JobHandlerInstance } from './job-handler.decorator';
import { JobName, JobPayloads } from './job-names';
import { ReconcileService } from './reconcile.service';

/** The repeatable reconcile: asks every reconciler to re-schedule what the database says is due. */
@JobHandler(JobName.Reconcile)
export class ReconcileJob implements JobHandlerInstance<JobName.Reconcile> {
  constructor(private readonly reconcilers: ReconcileService) {}

  async handle(_payload: JobPayloads[JobName.Reconcile], job: Job): Promise<void> {
    const count = await this.reconcilers.runAll();
    await job.updateProgress({ rescheduled: count });
  }
}
