import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';
import { JsonObject, chainOf } from '../hash-chain';

/** A ledger entry as the bids library reads back a record it wrote (the bid opening). */
export type LedgerEntryForBids = RowOf<'audit_entries', 'id' | 'recorded_at', { after: JsonObject | null }>;

/**
 * The first entry of the challenge's chain with this action, as written (the ledger is
 * append-only, so this is the record of the moment it was written); undefined when there is none.
 */
export async function readFirstChallengeEntry(
  em: EntityManager,
  challengeId: string,
  action: string,
): Promise<LedgerEntryForBids | undefined> {
  const [row] = await runSql<LedgerEntryForBids>(
    em,
    sql`SELECT a.id, a.after, a.recorded_at FROM audit_entries a
         WHERE a.chain = ${chainOf(challengeId)} AND a.action = ${action}
         ORDER BY a.seq LIMIT 1`,
  );
  return row;
}
