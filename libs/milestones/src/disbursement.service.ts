import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { DomainError } from '@app/common/domain-error';
import { FundingPolicy } from '@app/funding-rules';
import { assertWithinGrant } from './milestone-rules';
import { addPaidFen } from '@app/awards';
import { fen } from '@app/database';
import { LockedProject, lockProject } from './locks';
import {
  DisbursementForPayment,
  lockDisbursementForPayment,
  markDisbursementPaid,
  peekDisbursement,
  stopDisbursement,
} from './repositories/disbursements.repository';
import { insertNotice } from './repositories/notifications.repository';

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
      const peek = await peekDisbursement(em, milestoneId);
      if (!peek || peek.status !== 'scheduled') return { kind: 'nothing' } as const;
      if (Number(peek.due_ms) > 0) return { kind: 'too_early', msLeft: Number(peek.due_ms) } as const;
      const project = await lockProject(em, peek.project_id);
      const d = await lockDisbursementForPayment(em, milestoneId);
      if (!d || d.status !== 'scheduled') return { kind: 'nothing' } as const;
      const amount = fen(d.amount_fen);
      if (d.milestone_status !== 'met' && d.milestone_status !== 'partially_met')
        return this.stop(em, project, d, 'cancelled', `the milestone is ${d.milestone_status}`);
      if (project.status === 'terminated') return this.stop(em, project, d, 'cancelled', 'the project is terminated');
      try {
        assertWithinGrant({ grantedFen: fen(project.granted_fen), paidFen: fen(project.paid_fen) }, amount);
        await this.policy.assertForProject(em, project, {
          baseFen: fen(project.total_investment_fen),
          requestedFen: amount,
          alreadyGrantedFen: fen(project.paid_fen),
          date: project.created_at,
        });
      } catch (err) {
        if (err instanceof DomainError) return this.stop(em, project, d, 'blocked', `${err.code}: ${err.message}`);
        throw err;
      }
      await this.markPaid(em, project, d, milestoneId);
      return { kind: 'paid', amountFen: amount } as const;
    });
  }

  /** Paid: the project's total grows, the row is marked, the payment audited (public), the team notified. */
  private async markPaid(
    em: EntityManager,
    project: LockedProject,
    d: DisbursementForPayment,
    milestoneId: string,
  ): Promise<void> {
    const amount = fen(d.amount_fen);
    const p = await addPaidFen(em, project.id, amount);
    await markDisbursementPaid(em, d.id);
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
    await insertNotice(em, {
      event: {
        kind: 'disbursement.paid',
        params: { disbursementId: d.id, milestoneId, milestoneTitle: d.title, amountFen: amount },
      },
      subjectId: d.id,
      recipientOrganizationId: project.organization_id,
      projectId: project.id,
    });
  }

  /** Never paid: cancelled (the milestone or project no longer qualifies) or blocked (the grant or rule refuses), with the reason. */
  private async stop(
    em: EntityManager,
    project: LockedProject,
    d: DisbursementForPayment,
    kind: 'cancelled' | 'blocked',
    reason: string,
  ): Promise<PayResult> {
    await stopDisbursement(em, d.id, kind, reason);
    await this.audit.record(em, {
      challengeId: project.challenge_id,
      actorId: null,
      action: `disbursement.${kind}`,
      subjectType: 'disbursement',
      subjectId: d.id,
      before: { status: 'scheduled', amountFen: fen(d.amount_fen) },
      after: { status: kind, reason },
      public: false,
    });
    return { kind, reason };
  }
}
