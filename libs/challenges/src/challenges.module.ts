import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { DocumentsModule } from '@app/documents';
import { FundingRulesModule } from '@app/funding-rules';
import { JobsModule } from '@app/jobs';
import { ChallengeDocumentAccess } from './challenge-document-access';
import { ChallengeLedgerAccess } from './challenge-ledger-scopes';
import { Challenge } from './challenge.entity';
import { ChallengesController } from './challenges.controller';
import { ChallengesService } from './challenges.service';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';
import { ChallengeQuestion } from './question.entity';

/**
 * Challenges, their lifecycle, discovery, Q&A and documents (HTTP side; the close job is in
 * ChallengesJobsModule). Imports DocumentsModule for its access registry, where the rule of the
 * `challenge` subject type is registered at start-up.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Challenge, ChallengeQuestion]),
    JobsModule,
    AuditModule,
    DocumentsModule,
    FundingRulesModule,
  ],
  controllers: [ChallengesController, QuestionsController],
  providers: [ChallengesService, QuestionsService, ChallengeDocumentAccess, ChallengeLedgerAccess],
  exports: [ChallengesService],
})
export class ChallengesModule {}
