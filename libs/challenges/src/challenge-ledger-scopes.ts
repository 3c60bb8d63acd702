import { Injectable, OnModuleInit } from '@nestjs/common';
import { ChallengeLedgerScopes, LedgerScopes } from '@app/audit';
import { AuthUser } from '@app/common/auth';
import { Sql } from '@app/database';
import { ownedUnsealedChallengeIdsSql, unsealedChallengeIdsSql } from './repositories/challenges-for-audit.repository';

/**
 * Tells the ledger, at start-up, which challenges are past their deadline and whose they are, so
 * `GET /audit` can open their non-public entries to auditors and to their own agency.
 */
@Injectable()
export class ChallengeLedgerAccess implements OnModuleInit, ChallengeLedgerScopes {
  constructor(private readonly scopes: LedgerScopes) {}

  onModuleInit(): void {
    this.scopes.register(this);
  }

  unsealedChallengeIds(): Sql {
    return unsealedChallengeIdsSql();
  }

  ownedUnsealedChallengeIds(user: AuthUser): Sql {
    return ownedUnsealedChallengeIdsSql(user);
  }
}
