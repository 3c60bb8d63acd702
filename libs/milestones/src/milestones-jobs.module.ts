import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { FundingRulesModule } from '@app/funding-rules';
import { JobsModule } from '@app/jobs';
import { DisbursementService } from './disbursement.service';
import { mailTransportProvider } from './mail/mail-transport.provider';
import { NoticeMailScheduler } from './mail/notice-mail-scheduler';
import { NotificationMailJob, NotificationMailReconciler } from './mail/notification-mail.job';
import { NotificationMailer } from './mail/notification-mailer.service';
import { MilestoneDisburseJob } from './milestone-disburse.job';
import { milestonesSettingsProvider } from './milestones-settings';
import { MilestonesSweepJob } from './milestones-sweep.job';
import { MilestonesReconciler } from './milestones.reconciler';
import { LedgerNoticesService } from './notices/ledger-notices.service';
import { NoticesReconciler, NoticesSweepJob } from './notices/notices-sweep.job';
import { SweepService } from './sweep.service';

/** For apps/worker only: the sweep, disbursement, ledger-notice and notice-mail handlers and their reconcilers. No controllers. */
@Module({
  imports: [JobsModule, AuditModule, FundingRulesModule],
  providers: [
    SweepService,
    DisbursementService,
    MilestonesSweepJob,
    MilestoneDisburseJob,
    MilestonesReconciler,
    milestonesSettingsProvider,
    NoticeMailScheduler,
    NotificationMailer,
    NotificationMailJob,
    NotificationMailReconciler,
    mailTransportProvider,
    LedgerNoticesService,
    NoticesSweepJob,
    NoticesReconciler,
  ],
})
export class MilestonesJobsModule {}
