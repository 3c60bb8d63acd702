import { EntityManager } from 'typeorm';
import { AuthUser, Role } from '@app/common/auth';
import { forbidden, notFound } from '@app/common/domain-error';
import type { StoredStage } from '@app/challenges/challenge.entity';
import { query } from './sql';

/** A challenge row as awards see it, read under `SELECT … FOR UPDATE`, with the database's now(). */
export interface LockedChallenge {
  id: string;
  status: string;
  mechanism: 'open_call' | 'horse_race';
  track: 'core_tech' | 'pm_major';
  title: string;
  budget_fen: string;
  max_award_fen: string | null;
  parallel_slots: number;
  awarded_fen: string;
  awarded_count: number;
  agency_id: string;
  published_at: Date | null;
  stages: StoredStage[];
  db_now: Date;
}

export const challengeNotFound = (id: string) => notFound('challenges.not_found', `No challenge ${id}.`);

/**
 * Locks the challenge row (every award, revocation and gate of a challenge waits for the one
 * before it) and checks the caller is its agency: 404 when they cannot see it, 403 when it is not theirs.
 */
export async function lockOwnedChallenge(em: EntityManager, challengeId: string, user: AuthUser): Promise<LockedChallenge> {
  const [c] = await query<LockedChallenge>(
    em,
    `SELECT id, status, mechanism, track, title, budget_fen, max_award_fen, parallel_slots, awarded_fen, awarded_count,
            agency_id, published_at, stages, now() AS db_now
       FROM challenges WHERE id = $1 FOR UPDATE`,
    [challengeId],
  );
  const isOwner = user.role === Role.Agency && c?.agency_id === user.id;
  if (!c || (c.published_at === null && !isOwner)) throw challengeNotFound(challengeId);
  if (!isOwner) throw forbidden('awards.not_owner', 'Only the agency that published this challenge may do this.');
  return c;
}
