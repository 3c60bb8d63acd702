import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { JobHandler, JobName, JobTooEarly } from '@app/jobs';

/**
 * Closes a challenge at its bid deadline. The job carries only the id; the row decides: one
 * UPDATE closes it only if it is still `published` and its deadline has passed by the database's
 * clock, so running twice, late, or after a cancel is harmless. If the row is still published but
 * its deadline is ahead (a worker clock running early, or an extension that raced with this run),
 * the job puts itself back until then.
 */
@JobHandler(JobName.ChallengeClose)
export class ChallengeCloseJob {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async handle(payload: { challengeId: string }): Promise<void> {
    const { challengeId } = payload;
    await this.dataSource.transaction(async (em) => {
      const closed: { id: string; bid_deadline: Date; closed_at: Date }[] = await em.query(
        `WITH closed AS (
           UPDATE challenges SET status = 'closed', closed_at = now(), updated_at = now()
           WHERE id = $1 AND status = 'published' AND bid_deadline <= now()
           RETURNING id, bid_deadline, closed_at)
         SELECT * FROM closed`,
        [challengeId],
      );
      if (closed.length) {
        await this.audit.record(em, {
          challengeId,
          actorId: null,
          action: 'challenge.closed',
          subjectType: 'challenge',
          subjectId: challengeId,
          before: { status: 'published' },
          after: {
            status: 'closed',
            bidDeadline: closed[0].bid_deadline.toISOString(),
            closedAt: closed[0].closed_at.toISOString(),
          },
          public: true,
        });
        return;
      }
      const [row]: { status: string; ms_left: number }[] = await em.query(
        `SELECT status, (extract(epoch FROM (bid_deadline - now())) * 1000)::float8 AS ms_left FROM challenges WHERE id = $1`,
        [challengeId],
      );
      if (row?.status === 'published' && row.ms_left > 0) throw new JobTooEarly(Math.ceil(row.ms_left) + 20);
      // Anything else (already closed, cancelled, gone): the state has moved on; nothing to do.
    });
  }
}
