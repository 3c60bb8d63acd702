import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { DomainError } from '@app/common/domain-error';
import { FundingPolicy } from '@app/funding-rules';
import { assertWithinGrant } from './milestone-rules';
import { lockProject } from './milestones.service';
import { fen, q } from './sql';

export type PayResult =
  | { kind: 'paid'; amountFen: number }
  | { kind: 'nothing' }
  | { kind: 'too_early'; msLeft: number }
  | { kind: 'cancelled' | 'blocked'; reason: string };

/**
 * Pays one milestone's disbursement, exactly once. In ONE transaction: lock the project row FOR
 * UPDATE, lock the disbursement row, re-check that it is still `scheduled` and due (database
 * clock), that the milestone is met / partially met (a cancelled one — project eliminated or
 * terminated — is never paid: the disbursement becomes `cancelled`), that the grant and the
 * funding rule allow it (else `blocked`, with the reason; a retry would not help), then
 * paid_fen += amount (the CHECK paid_fen <= granted_fen is the last line of defence), mark it
 * paid, audit (public), notify the team.
 */
@Injectable()
export class DisbursementService {
  private readonly logger = new Logger('Disbursement');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policy: FundingPolicy,
  ) {}

  async pay(milestoneId: string): Promise<PayResult> {
    return this.dataSource.transaction(async (em) => {
      const [peek] = await q<{ project_id: string; status: string; due_ms: string }>(
        em,
        `SELECT project_id, status, (extract(epoch FROM scheduled_for - now()) * 1000)::bigint AS due_ms FROM disbursements WHERE milestone_id = $1`,
        [milestoneId],
      );
      if (!peek || peek.status !== 'scheduled') return { kind: 'nothing' } as const;
      if (Number(peek.due_ms) > 0) return { kind: 'too_early', msLeft: Number(peek.due_ms) } as const;
      const project = await lockProject(em, peek.project_id);
      const [d] = await q<{ id: string; amount_fen: string; status: string; milestone_status: string; title: string }>(
        em,
        `SELECT d.id, d.amount_fen, d.status, m.status AS milestone_status, m.title
           FROM disbursements d JOIN project_milestones m ON m.id = d.milestone_id
          WHERE d.milestone_id = $1 FOR UPDATE OF d`,
        [milestoneId],
      );
      if (!d || d.status !== 'scheduled') return { kind: 'nothing' } as const;
      const amount = fen(d.amount_fen);
      const stop = async (kind: 'cancelled' | 'blocked', reason: string): Promise<PayResult> => {
        await em.query(`UPDATE disbursements SET status = $2, reason = $3 WHERE id = $1`, [d.id, kind, reason]);
        await this.audit.record(em, {
          challengeId: project.challenge_id,
          actorId: null,
          action: `disbursement.${kind}`,
          subjectType: 'disbursement',
          subjectId: d.id,
          before: { status: 'scheduled', amountFen: amount },
          after: { status: kind, reason },
          public: false,
        });
        return { kind, reason };
      };
      if (d.milestone_status !== 'met' && d.milestone_status !== 'partially_met')
        return stop('cancelled', `the milestone is ${d.milestone_status}`);
      if (project.status === 'terminated') return stop('cancelled', 'the project is terminated');
      try {
        assertWithinGrant({ grantedFen: fen(project.granted_fen), paidFen: fen(project.paid_fen) }, amount);
        this.policy.assertRequest(project.rule_id, {
          baseFen: fen(project.total_investment_fen),
          requestedFen: amount,
          alreadyGrantedFen: fen(project.paid_fen),
          date: project.created_at,
        });
      } catch (err) {
        if (err instanceof DomainError) return stop('blocked', `${err.code}: ${err.message}`);
        throw err;
      }
      const [p] = await q<{ paid_fen: string }>(
        em,
        `UPDATE projects SET paid_fen = paid_fen + $2, updated_at = now() WHERE id = $1 RETURNING paid_fen`,
        [project.id, amount],
      );
      await em.query(`UPDATE disbursements SET status = 'paid', paid_at = now() WHERE id = $1`, [d.id]);
      await this.audit.record(em, {
        challengeId: project.challenge_id,
        actorId: null,
        action: 'disbursement.paid',
        subjectType: 'disbursement',
        subjectId: d.id,
        before: { status: 'scheduled', projectPaidFen: fen(project.paid_fen) },
        after: { status: 'paid', amountFen: amount, projectId: project.id, milestoneId, projectPaidFen: fen(p.paid_fen) },
        public: true,
      });
      await em.query(
        `INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, title, body)
         VALUES ('disbursement.paid', $1, '', $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [
          d.id,
          project.organization_id,
          project.id,
          `拨款已支付 / Tranche paid: ${d.title}`,
          `${amount} fen paid for milestone "${d.title}".`,
        ],
      );
      return { kind: 'paid', amountFen: amount } as const;
    });
  }
}
