import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { JobHandler, JobName, JobTooEarly } from '@app/jobs';
import { finaliseGateIfDue } from './gate-finalise';

/**
 * Ends a stage gate's publicity period: the result becomes final (gate-finalise.ts). The job
 * carries only the id; the row decides, so running twice, late, after a retry or after the
 * reconciler re-created it is harmless (`finalised_at` is set once, under the row lock). Too early
 * by the database's clock (the period moved when an upheld objection stopped another project): it
 * puts itself back. An open objection holds the gate; the last resolution finalises it then.
 */
@JobHandler(JobName.GatePublicityEnd)
export class GatePublicityEndJob {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async handle(payload: { gateId: string }): Promise<void> {
    const result = await this.dataSource.transaction((em) => finaliseGateIfDue(em, this.audit, payload.gateId, null));
    if (result.kind === 'too_early') throw new JobTooEarly(Math.ceil(result.msLeft) + 20);
  }
}
