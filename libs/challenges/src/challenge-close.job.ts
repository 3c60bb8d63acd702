import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { JobHandler, JobName, JobTooEarly } from '@app/jobs';
import { ChallengeCloseSteps } from './closing/challenge-close-steps';
import { challengeDeadlineState, closeChallengeIfDue } from './repositories/challenges.repository';

/**
 * Closes a challenge at its bid deadline. The job carries only the id; the row decides: one
 * UPDATE closes it only if it is still `published` and its deadline has passed by the database's
 * clock, so running twice, late, or after a cancel is harmless. If the row is still published but
 * its deadline is ahead (a worker clock running early, or an extension that raced with this run),
 * the job puts itself back until then. What other libraries add to the close (the bid-opening
 * record) runs in the same transaction, through `ChallengeCloseSteps`.
 */
@JobHandler(JobName.ChallengeClose)
export class ChallengeCloseJob {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly closeSteps: ChallengeCloseSteps,
  ) {}

  async handle(payload: { challengeId: string }): Promise<void> {
    const { challengeId } = payload;
    await this.dataSource.transaction(async (em) => {
      const closed = await closeChallengeIfDue(em, challengeId);
      if (closed) {
        await this.audit.record(em, {
          challengeId,
          actorId: null,
          action: 'challenge.closed',
          subjectType: 'challenge',
          subjectId: challengeId,
          before: { status: 'published' },
          after: {
            status: 'closed',
            bidDeadline: closed.bid_deadline.toISOString(),
            closedAt: closed.closed_at.toISOString(),
          },
          public: true,
        });
        await this.closeSteps.runAll(em, { challengeId, bidDeadline: closed.bid_deadline, closedAt: closed.closed_at });
        return;
      }
      const row = await challengeDeadlineState(em, challengeId);
      if (row?.status === 'published' && row.ms_left > 0) throw new JobTooEarly(Math.ceil(row.ms_left) + 20);
      // Anything else (already closed, cancelled, gone): the state has moved on; nothing to do.
    });
  }
}
