import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { JobsModule } from '@app/jobs';
import { ChallengeCloseJob } from './challenge-close.job';
import { ChallengeCloseSteps } from './closing/challenge-close-steps';
import { Challenge } from './challenge.entity';
import { ChallengesReconciler } from './challenges.reconciler';
import { ChallengeQuestion } from './question.entity';

/**
 * For apps/worker only: the close-at-deadline handler and the reconciler. No controllers. Exports
 * the close steps, where higher libraries add their part of the close.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Challenge, ChallengeQuestion]), JobsModule, AuditModule],
  providers: [ChallengeCloseJob, ChallengesReconciler, ChallengeCloseSteps],
  exports: [ChallengeCloseSteps],
})
export class ChallengesJobsModule {}
