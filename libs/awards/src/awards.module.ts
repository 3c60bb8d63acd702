import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { BidsModule } from '@app/bids';
import { DocumentsModule } from '@app/documents';
import { FundingRulesModule } from '@app/funding-rules';
import { JobsModule } from '@app/jobs';
import { AwardsController } from './awards.controller';
import { AwardsService } from './awards.service';
import { ObjectionDocumentsAccess } from './documents/objection-documents.access';
import { GateObjectionDocumentsAccess } from './documents/gate-objection-documents.access';
import { GateObjection } from './gate-objection.entity';
import { GateObjectionsController } from './gate-objections.controller';
import { GateObjectionsService } from './gate-objections.service';
import { GatesService } from './gates.service';
import { MergesController } from './merges.controller';
import { MergeGuards } from './merge-guards';
import { MergesService } from './merges.service';
import { ObjectionsService } from './objections.service';
import { ProjectMerge } from './project-merge.entity';
import { ProjectMilestone } from './project-milestone.entity';
import { ProjectObjection } from './project-objection.entity';
import { Project } from './project.entity';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';
import { StageGate } from './stage-gate.entity';

/** Awards, horse-race stage gates, publicity and objections, projects (HTTP side; the job is in AwardsJobsModule). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Project, ProjectMilestone, ProjectObjection, StageGate, GateObjection, ProjectMerge]),
    BidsModule,
    FundingRulesModule,
    AuditModule,
    JobsModule,
    DocumentsModule,
  ],
  controllers: [AwardsController, GateObjectionsController, MergesController, ProjectsController],
  // ObjectionDocumentsAccess registers who may read an objection's documents.
  providers: [
    AwardsService,
    GatesService,
    MergesService,
    MergeGuards,
    GateObjectionsService,
    ObjectionsService,
    ProjectsService,
    ObjectionDocumentsAccess,
    GateObjectionDocumentsAccess,
  ],
  // MergeGuards: libs/milestones registers how to find a tranche being paid (merge-guards.ts).
  exports: [AwardsService, ProjectsService, MergeGuards],
})
export class AwardsModule {}
