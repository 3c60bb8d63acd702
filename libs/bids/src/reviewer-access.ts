import { EntityManager } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { isConflicted } from './repositories/bid-conflicts.repository';
import { isPanelReviewer } from './repositories/review-panels.repository';

/** Whether `user` is a reviewer assigned to the challenge's panel. */
export async function isAssignedReviewer(em: EntityManager, challengeId: string, user: AuthUser | undefined): Promise<boolean> {
  if (!user || user.role !== Role.Reviewer) return false;
  return isPanelReviewer(em, challengeId, user.id);
}

/** Automatic conflict (the reviewer's organisation leads the bid or is in its consortium) or a declared one. */
export function isConflictedReviewer(em: EntityManager, bidId: string, user: AuthUser): Promise<boolean> {
  return isConflicted(em, bidId, user.id, user.organizationId);
}
