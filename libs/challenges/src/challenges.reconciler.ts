import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobScheduler, Reconciler, jobIds } from '@app/jobs';
import { publishedChallengeDeadlines } from './repositories/challenges.repository';

/**
 * The database says which challenges must close: every published one, at its deadline. Scheduling
 * is idempotent by job id, so this simply schedules them all; a lost Redis delays a close by at
 * most one reconcile interval and never loses it.
 */
@Reconciler()
export class ChallengesReconciler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: JobScheduler,
  ) {}

  async reconcile(): Promise<number> {
    const stateReadAt = new Date();
    const rows = await publishedChallengeDeadlines(this.dataSource.manager);
    for (const row of rows) {
      await this.scheduler.schedule(
        JobName.ChallengeClose,
        { challengeId: row.id },
        { jobId: jobIds.challengeClose(row.id), runAt: row.bid_deadline, stateReadAt },
      );
    }
    return rows.length;
  }
}
