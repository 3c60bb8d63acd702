import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { JobsModule } from '@app/jobs';
import { AwardsReconciler } from './awards.reconciler';
import { GateObjection } from './gate-objection.entity';
import { GatePublicityEndJob } from './gate-publicity-end.job';
import { ProjectMilestone } from './project-milestone.entity';
import { ProjectObjection } from './project-objection.entity';
import { Project } from './project.entity';
import { ProjectPublicityEndJob } from './publicity-end.job';
import { StageGate } from './stage-gate.entity';

/** For apps/worker only: the publicity-end handlers (awards and gates) and the reconciler. No controllers. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Project, ProjectMilestone, ProjectObjection, StageGate, GateObjection]),
    JobsModule,
    AuditModule,
  ],
  providers: [ProjectPublicityEndJob, GatePublicityEndJob, AwardsReconciler],
})
export class AwardsJobsModule {}
