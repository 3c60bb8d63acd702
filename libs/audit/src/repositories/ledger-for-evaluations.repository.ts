import { Sql, sql } from '@app/database';

/**
 * `(subject_id, after)` of the ledger's entries recording `action`: a decision's figures as they
 * were recorded when it was made (the ledger is immutable), for the library that made the decision
 * and owns its meaning but not the ledger. A plain subquery; the (action, recorded_at, id) index
 * finds the entries.
 */
export function ledgerDecisions(action: string): Sql {
  return sql`(SELECT a.subject_id, a.after FROM audit_entries a WHERE a.action = ${action})`;
}
