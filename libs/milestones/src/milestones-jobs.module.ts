import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { FundingRulesModule } from '@app/funding-rules';
import { JobsModule } from '@app/jobs';
import { DisbursementService } from './disbursement.service';
import { LogMailTransport, MAIL_TRANSPORT } from './mail-transport';
import { MilestoneDisburseJob } from './milestone-disburse.job';
import { milestonesSettingsProvider } from './milestones-settings';
import { MilestonesSweepJob } from './milestones-sweep.job';
import { MilestonesReconciler } from './milestones.reconciler';
import { SweepService } from './sweep.service';

/** For apps/worker only: the sweep and disbursement handlers and the reconciler. No controllers. */
@Module({
  imports: [JobsModule, AuditModule, FundingRulesModule],
  providers: [
    SweepService,
    DisbursementService,
    MilestonesSweepJob,
    MilestoneDisburseJob,
    MilestonesReconciler,
    milestonesSettingsProvider,
    { provide: MAIL_TRANSPORT, useClass: LogMailTransport },
  ],
})
export class MilestonesJobsModule {}
