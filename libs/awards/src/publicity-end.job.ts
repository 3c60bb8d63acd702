import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { JobHandler, JobName, JobTooEarly } from '@app/jobs';
import { activateIfDue } from './publicity';

/**
 * Ends a project's publicity period (公示期) at `publicity_ends_at`: publicity → active. The job
 * carries only the id; the row decides (see `activateIfDue`), so running twice, late, or after the
 * award was revoked is harmless. Too early by the database's clock: it puts itself back. An open
 * objection holds the project in publicity; resolving it (dismissed) activates it then.
 */
@JobHandler(JobName.ProjectPublicityEnd)
export class ProjectPublicityEndJob {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async handle(payload: { projectId: string }): Promise<void> {
    const result = await this.dataSource.transaction((em) => activateIfDue(em, this.audit, payload.projectId, null));
    if (result.kind === 'too_early') throw new JobTooEarly(Math.ceil(result.msLeft) + 20);
  }
}
