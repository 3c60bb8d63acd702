import { Logger } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, JobName } from '@app/jobs';
import { SweepService } from './sweep.service';

/**
 * Runs every reminder, overdue mark, grace end and review-SLA reminder due up to the database's
 * now() (in batches; see SweepService), then schedules the next sweep at the next due instant.
 * Running it early, late or twice is harmless.
 */
@JobHandler(JobName.MilestonesSweep)
export class MilestonesSweepJob implements JobHandlerInstance<JobName.MilestonesSweep> {
  private readonly logger = new Logger('MilestonesSweepJob');
  constructor(private readonly sweep: SweepService) {}

  async handle(): Promise<void> {
    const counts = await this.sweep.runUntilIdle();
    if (counts.overdue || counts.reminders || counts.notMet || counts.slaReminders || counts.stageGateNotices)
      this.logger.log(counts, 'milestones swept');
  }
}
