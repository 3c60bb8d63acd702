import { AuthUser } from '@app/common/auth';
import { Sql, sql } from '@app/database';
import { challengeOwnerSql } from './challenge-lock.repository';

/**
 * The challenges the ledger (libs/audit) may open up, as subqueries of ids: published and past
 * their bid deadline by the database's clock (the same verdict as `unsealed` on a locked
 * challenge), and of those, the ones `user`'s agency owns (the owner check, as SQL).
 */
export function unsealedChallengeIdsSql(): Sql {
  return sql`SELECT c.id FROM challenges c WHERE c.published_at IS NOT NULL AND now() >= c.bid_deadline`;
}

export function ownedUnsealedChallengeIdsSql(user: AuthUser): Sql {
  return sql`SELECT c.id FROM challenges c
              WHERE c.published_at IS NOT NULL AND now() >= c.bid_deadline AND ${challengeOwnerSql(user)}`;
}
