import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobScheduler, Reconciler, jobIds } from '@app/jobs';
import { scheduledDisbursements } from './repositories/disbursements.repository';
import { SweepService } from './sweep.service';

/**
 * What the database says is pending: every `scheduled` disbursement (at its scheduled_for) and the
 * next sweep (at the next reminder / due date / grace end / review SLA). Milestones are created by
 * libs/awards, so this is also how a new plan's first reminder gets scheduled. It also runs the full
 * reminder pass (milestones planned or moved into a reminder window the sweep's watermark missed).
 */
@Reconciler()
export class MilestonesReconciler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: JobScheduler,
    private readonly sweep: SweepService,
  ) {}

  async reconcile(): Promise<number> {
    const stateReadAt = new Date();
    const rows = await scheduledDisbursements(this.dataSource.manager);
    for (const r of rows)
      await this.scheduler.schedule(
        JobName.MilestoneDisburse,
        { milestoneId: r.milestone_id },
        { jobId: jobIds.milestoneDisburse(r.milestone_id), runAt: r.scheduled_for, stateReadAt },
      );
    // The safety net of the sweep's incremental reminders: milestones planned or moved into a window.
    const reminders = await this.sweep.fullReminderPass();
    const next = await this.sweep.scheduleNext();
    return rows.length + reminders + (next ? 1 : 0);
  }
}
