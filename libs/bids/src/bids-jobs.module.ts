import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ChallengesJobsModule } from '@app/challenges';
import { BidOpeningStep } from './bid-opening';

/** For apps/worker only: the bid opening (开标), a step of the challenge's close at its deadline. No controllers. */
@Module({
  imports: [ChallengesJobsModule, AuditModule],
  providers: [BidOpeningStep],
})
export class BidsJobsModule {}
