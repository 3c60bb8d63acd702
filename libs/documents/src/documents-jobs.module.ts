import { Module } from '@nestjs/common';
import { JobsModule } from '@app/jobs';
import { documentsProviders } from './documents-providers';
import { DocumentsOrphanSweepJob, DocumentsReconciler } from './orphans/documents-orphan-sweep.job';
import { OrphanSweeper } from './orphans/orphan-sweeper.service';

/** For apps/worker only: the orphan sweep and its reconciler. No controllers. */
@Module({
  imports: [JobsModule],
  providers: [...documentsProviders, OrphanSweeper, DocumentsOrphanSweepJob, DocumentsReconciler],
})
export class DocumentsJobsModule {}
