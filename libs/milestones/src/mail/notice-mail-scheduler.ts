import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { pendingMailNoticeIds, pendingMailNoticeIdsAbout } from '../repositories/notification-mails.repository';

/** How many pending notices one call schedules (the reconciler picks up the rest a minute later). */
const PENDING_BATCH = 1_000;
/** A job in one of these states will still run by itself. */
const LIVE_STATES = new Set<string>(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * Puts notices' mail jobs on the `mail` queue, one job per notice (id `notification:<id>:mail`, so
 * scheduling twice keeps one). Called after the transaction that inserted notices has committed;
 * a Redis failure is logged, and the reconciler schedules every notice still `mail_pending`.
 */
@Injectable()
export class NoticeMailScheduler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: JobScheduler,
  ) {}

  async schedule(notificationIds: string[], stateReadAt?: Date): Promise<number> {
    let n = 0;
    for (const id of notificationIds) {
      const ok = await this.scheduler.trySchedule(
        JobName.NotificationMail,
        { notificationId: id },
        { jobId: jobIds.notificationMail(id), stateReadAt },
      );
      if (ok) n++;
    }
    return n;
  }

  /** The pending notices about one milestone (a rejection, a paid tranche), once their transaction has committed. */
  async scheduleAbout(milestoneId: string): Promise<number> {
    return this.schedule(await pendingMailNoticeIdsAbout(this.dataSource.manager, milestoneId));
  }

  /**
   * Every notice whose mail is still pending (up to a batch), oldest first, that has no live job:
   * one waiting out its retry backoff (the SMTP server is down) is left to its backoff rather than
   * re-run now, so a long outage costs one attempt per job per backoff step, not one per reconcile.
   */
  async schedulePending(): Promise<number> {
    const stateReadAt = new Date();
    const ids = await pendingMailNoticeIds(this.dataSource.manager, PENDING_BATCH);
    const orphans: string[] = [];
    for (const id of ids) {
      const job = await this.scheduler.find(JobName.NotificationMail, jobIds.notificationMail(id));
      if (!job || !LIVE_STATES.has(await job.getState())) orphans.push(id);
    }
    return this.schedule(orphans, stateReadAt);
  }
}
