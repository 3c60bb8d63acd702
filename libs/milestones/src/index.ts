export * from './milestones.module';
export * from './milestones-jobs.module';
export { MilestonesService } from './milestones.service';
export { DisbursementService, type PayResult } from './disbursement.service';
export { MAIL_TRANSPORT, type MailTransport, type OutgoingMail } from './mail-transport';
export * from './notifications/notification-wording';
export { acceptedReportOf } from './repositories/submissions-for-evaluations.repository';
