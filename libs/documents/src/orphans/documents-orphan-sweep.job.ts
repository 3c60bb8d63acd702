import { JobHandler, JobHandlerInstance, JobName, Reconciler } from '@app/jobs';
import { OrphanSweeper } from './orphan-sweeper.service';

/** Deletes the expired orphans, then schedules itself at the next expiry. Running it early, late or twice is harmless. */
@JobHandler(JobName.DocumentsOrphanSweep)
export class DocumentsOrphanSweepJob implements JobHandlerInstance<JobName.DocumentsOrphanSweep> {
  constructor(private readonly orphans: OrphanSweeper) {}

  async handle(): Promise<void> {
    await this.orphans.sweep();
    await this.orphans.scheduleNext();
  }
}

/** What the database says is pending: the sweep at the oldest unattached upload's expiry (new uploads are picked up here). */
@Reconciler()
export class DocumentsReconciler {
  constructor(private readonly orphans: OrphanSweeper) {}

  async reconcile(): Promise<number> {
    return (await this.orphans.scheduleNext()) ? 1 : 0;
  }
}
