import { Logger } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, JobName, JobTooEarly } from '@app/jobs';
import { DisbursementService } from './disbursement.service';
import { NoticeMailScheduler } from './mail/notice-mail-scheduler';

/** Pays an accepted milestone's tranche at its scheduled time, exactly once (see DisbursementService). */
@JobHandler(JobName.MilestoneDisburse)
export class MilestoneDisburseJob implements JobHandlerInstance<JobName.MilestoneDisburse> {
  private readonly logger = new Logger('MilestoneDisburseJob');
  constructor(
    private readonly disbursements: DisbursementService,
    private readonly mails: NoticeMailScheduler,
  ) {}

  async handle(payload: { milestoneId: string }): Promise<void> {
    const result = await this.disbursements.pay(payload.milestoneId);
    // The payment's notice to the team is committed with it: its mail job.
    if (result.kind === 'paid') await this.mails.scheduleAbout(payload.milestoneId);
    if (result.kind === 'too_early') throw new JobTooEarly(Math.ceil(result.msLeft) + 20);
    if (result.kind === 'blocked' || result.kind === 'cancelled')
      this.logger.warn({ milestoneId: payload.milestoneId, ...result }, 'disbursement not paid');
  }
}
