export * from './awards.module';
export * from './awards-jobs.module';
export { type AwardOutcome, AwardsService, RULE_OF_TRACK } from './awards.service';
// The demo seed lodges an objection through the service, as the API does.
export { ObjectionsService } from './objections.service';
export { MergeGuards, type TranchesBeingPaid } from './merge-guards';
export { type ProjectAccess, type ProjectRow, ProjectsService, accessTo, projectNotFound } from './projects.service';
export { LIVE_PROJECT_STATUSES, PROJECT_STATUSES, type ProjectConsortiumEntry, type ProjectStatus } from './project.entity';
export { MILESTONE_STATUSES, type MilestoneStatus, OPEN_MILESTONE_STATUSES } from './project-milestone.entity';
export { OBJECTION_STATUSES, type ObjectionStatus } from './project-objection.entity';
export * from './award-rules';
export * from './gate-rules';
export * from './dto/views';
export {
  MAX_PROJECT_DOCUMENTS,
  ProjectDocumentRefDto,
  ProjectDocumentRefs,
  ProjectDocumentView,
  documentIdsOf,
  projectDocumentView,
} from './documents/project-documents';
// What other libraries may read or write of the awards tables (libs/README.md: one owner per table).
export * from './repositories/projects-for-milestones.repository';
export * from './repositories/projects-for-open-data.repository';
export { ProjectPublicityEndJob } from './publicity-end.job';
export * from './repositories/projects-for-evaluations.repository';
export * from './repositories/notice-facts-for-milestones.repository';
