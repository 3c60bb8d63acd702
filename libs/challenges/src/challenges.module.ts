import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { JobsModule } from '@app/jobs';
import { Challenge } from './challenge.entity';
import { ChallengesController } from './challenges.controller';
import { ChallengesService } from './challenges.service';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';
import { ChallengeQuestion } from './question.entity';

/** Challenges, their lifecycle, discovery and Q&A (HTTP side; the close job is in ChallengesJobsModule). */
@Module({
  imports: [TypeOrmModule.forFeature([Challenge, ChallengeQuestion]), JobsModule, AuditModule],
  controllers: [ChallengesController, QuestionsController],
  providers: [ChallengesService, QuestionsService],
  exports: [ChallengesService],
})
export class ChallengesModule {}
