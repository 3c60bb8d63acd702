import { Logger } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, JobName, Reconciler } from '@app/jobs';
import { LedgerNoticesService } from './ledger-notices.service';

/** Catches up with the ledger's notices and the bid-deadline reminders, then schedules the next run (also after a failure). */
@JobHandler(JobName.NoticesSweep)
export class NoticesSweepJob implements JobHandlerInstance<JobName.NoticesSweep> {
  private readonly logger = new Logger('NoticesSweepJob');
  constructor(private readonly notices: LedgerNoticesService) {}

  async handle(): Promise<void> {
    try {
      const run = await this.notices.runUntilIdle();
      if (run.notices || run.reminders) this.logger.log(run, 'notices written');
    } finally {
      await this.notices.scheduleNext();
    }
  }
}

/** Keeps the repeating run alive: a lost job (Redis flushed) is back within RECONCILE_EVERY. */
@Reconciler()
export class NoticesReconciler {
  constructor(private readonly notices: LedgerNoticesService) {}

  async reconcile(): Promise<number> {
    await this.notices.scheduleNext();
    return 0; // a routine tick of the repeat, not a recovery worth a log line every minute
  }
}
