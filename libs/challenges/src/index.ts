export * from './challenges.module';
export * from './challenges-jobs.module';
export { ChallengesService } from './challenges.service';
export { Challenge, type StoredStage } from './challenge.entity';
export * from './challenge-lifecycle';
export * from './challenge-taxonomy';
export type { ChallengeRow } from './repositories/challenges.repository';
export * from './repositories/challenge-lock.repository';
// What other libraries may read or write of the challenges table (libs/README.md: one owner per table).
export * from './repositories/challenge-awards-for-awards.repository';
export * from './repositories/challenge-columns-for-awards.repository';
export * from './repositories/challenge-gates-for-bids.repository';
export * from './repositories/challenges-for-milestones.repository';
export * from './repositories/challenges-for-open-data.repository';
export { ChallengeCloseJob } from './challenge-close.job';
export * from './document-roles';
export { ChallengeCloseSteps, type ChallengeCloseStep, type ClosedChallenge } from './closing/challenge-close-steps';
export { CHALLENGE_SUBJECT_TYPE } from './challenge-document-access';
export * from './repositories/challenges-for-evaluations.repository';
