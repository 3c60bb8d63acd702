import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JobScheduler, Reconciler, jobIds } from '@app/jobs';
import { readPublicityEnds } from './repositories/projects.repository';
import { readGatePublicityEnds } from './repositories/stage-gates.repository';

/**
 * The database says which publicity periods must end: every project still in publicity without an
 * open objection, at its publicity_ends_at, and every stage gate not final without an open
 * objection, at its publicity_ends_at. Scheduling is idempotent by job id.
 */
@Reconciler()
export class AwardsReconciler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: JobScheduler,
  ) {}

  async reconcile(): Promise<number> {
    const stateReadAt = new Date();
    const rows = await readPublicityEnds(this.dataSource.manager);
    for (const row of rows) {
      await this.scheduler.schedule(
        JobName.ProjectPublicityEnd,
        { projectId: row.id },
        { jobId: jobIds.projectPublicityEnd(row.id), runAt: row.publicity_ends_at, stateReadAt },
      );
    }
    const gates = await readGatePublicityEnds(this.dataSource.manager);
    for (const g of gates) {
      await this.scheduler.schedule(
        JobName.GatePublicityEnd,
        { gateId: g.id },
        { jobId: jobIds.gatePublicityEnd(g.id), runAt: g.publicity_ends_at, stateReadAt },
      );
    }
    return rows.length + gates.length;
  }
}
