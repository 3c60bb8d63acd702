import { Injectable, OnModuleInit } from '@nestjs/common';
import { DocumentAccess, DocumentAccessRegistry, DocumentAccessResolver } from '@app/documents';
import { canSeeChallenge } from './repositories/challenge-lock.repository';
import { findChallengeVisibility } from './repositories/challenges.repository';

/** The subject type of a challenge's own documents (notice, technical annex). */
export const CHALLENGE_SUBJECT_TYPE = 'challenge';

/**
 * A challenge's documents are seen as the challenge is: by anyone once it is published (served
 * with a public, cacheable Cache-Control — the call is public and its files never change), before
 * that by its agency and admins only; anyone else may not know a draft's file exists (404).
 */
export const challengeDocumentAccess: DocumentAccessResolver = async (doc, user, em): Promise<DocumentAccess> => {
  const challenge = await findChallengeVisibility(em, doc.subjectId);
  if (!challenge) return 'hidden';
  if (challenge.published_at !== null) return 'public';
  return canSeeChallenge(challenge, user) ? 'allowed' : 'hidden';
};

/** Registers the rule at start-up (apps/api: ChallengesModule imports DocumentsModule). */
@Injectable()
export class ChallengeDocumentAccess implements OnModuleInit {
  constructor(private readonly registry: DocumentAccessRegistry) {}

  onModuleInit(): void {
    this.registry.register(CHALLENGE_SUBJECT_TYPE, challengeDocumentAccess);
  }
}
