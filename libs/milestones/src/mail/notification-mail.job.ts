import { Logger } from '@nestjs/common';
import { JobHandler, JobHandlerInstance, JobName, Reconciler } from '@app/jobs';
import { NoticeMailScheduler } from './notice-mail-scheduler';
import { NotificationMailer } from './notification-mailer.service';

/** Mails one notice to its recipients, each once (see NotificationMailer); a failed send fails the job, which retries. */
@JobHandler(JobName.NotificationMail)
export class NotificationMailJob implements JobHandlerInstance<JobName.NotificationMail> {
  private readonly logger = new Logger('NotificationMailJob');
  constructor(private readonly mailer: NotificationMailer) {}

  async handle(payload: { notificationId: string }): Promise<void> {
    const outcome = await this.mailer.mailNotice(payload.notificationId);
    if (outcome.sent) this.logger.log({ notificationId: payload.notificationId, ...outcome }, 'notice mailed');
  }
}

/** Whatever notice is still `mail_pending` (a lost job, Redis flushed, retries exhausted) gets its job again. */
@Reconciler()
export class NotificationMailReconciler {
  constructor(private readonly mails: NoticeMailScheduler) {}

  reconcile(): Promise<number> {
    return this.mails.schedulePending();
  }
}
