export * from './challenges.module';
export * from './challenges-jobs.module';
export { ChallengesService } from './challenges.service';
export { Challenge, type StoredStage } from './challenge.entity';
export * from './challenge-lifecycle';
export * from './challenge-taxonomy';
export type { ChallengeRow } from './repositories/challenges.repository';
export * from './repositories/challenge-lock.repository';
