import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AwardsModule } from '@app/awards';
import { DocumentsModule } from '@app/documents';
import { FundingRulesModule } from '@app/funding-rules';
import { JobsModule } from '@app/jobs';
import { MilestoneDocumentsAccess } from './documents/milestone-documents.access';
import { MergeGuardsRegistration } from './merge-guards.registration';
import { NoticeMailScheduler } from './mail/notice-mail-scheduler';
import { NotificationPreferencesController } from './mail/notification-preferences.controller';
import { NotificationPreferencesService } from './mail/notification-preferences.service';
import { MilestonesController, PortfolioController } from './milestones.controller';
import { ChangeRequestsService } from './change-requests.service';
import { MilestonesService } from './milestones.service';
import { milestonesSettingsProvider } from './milestones-settings';
import { NotificationsService } from './notifications.service';
import { PortfolioService } from './portfolio.service';
import { SweepService } from './sweep.service';

/** Milestones, reviews, disbursements, portfolio, ledger, notifications (HTTP side; jobs are in MilestonesJobsModule). */
@Module({
  imports: [AwardsModule, FundingRulesModule, AuditModule, JobsModule, DocumentsModule],
  controllers: [MilestonesController, PortfolioController, NotificationPreferencesController],
  providers: [
    MilestonesService,
    ChangeRequestsService,
    PortfolioService,
    NotificationsService,
    SweepService,
    // Registers who may read submissions' and change requests' documents.
    MilestoneDocumentsAccess,
    // Tells merges (libs/awards) which projects have a tranche being paid.
    MergeGuardsRegistration,
    milestonesSettingsProvider,
    NoticeMailScheduler,
    NotificationPreferencesService,
  ],
  exports: [MilestonesService, NotificationsService],
})
export class MilestonesModule {}
