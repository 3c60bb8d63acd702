import { Injectable } from '@nestjs/common';
import { AuthUser } from '@app/common/auth';
import { Sql, sql } from '@app/database';

/**
 * What the ledger needs to know of challenges to apply ledger-access.ts in SQL, supplied by the
 * challenges library (a higher layer, which owns the table and the owner check) at start-up.
 * Each is a subquery of challenge ids, judged by the database's clock.
 */
export interface ChallengeLedgerScopes {
  /** Challenges published and past their bid deadline. */
  unsealedChallengeIds(): Sql;
  /** Those of them owned by `user`'s agency. */
  ownedUnsealedChallengeIds(user: AuthUser): Sql;
}

const NONE = sql`SELECT NULL::uuid WHERE false`;

/** The registry: until the challenges library registers, no challenge counts as unsealed (fails closed). */
@Injectable()
export class LedgerScopes {
  private scopes: ChallengeLedgerScopes | null = null;

  register(scopes: ChallengeLedgerScopes): void {
    if (this.scopes && this.scopes !== scopes) throw new Error('challenge ledger scopes are registered twice');
    this.scopes = scopes;
  }

  unsealedChallengeIds(): Sql {
    return this.scopes?.unsealedChallengeIds() ?? NONE;
  }

  ownedUnsealedChallengeIds(user: AuthUser): Sql {
    return this.scopes?.ownedUnsealedChallengeIds(user) ?? NONE;
  }
}
