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

/** What the ledger says of a replaced bid revision: its challenge, when it was issued, and when the next one replaced it. */
export interface ReplacedReceiptEntry {
  challengeId: string | null;
  /** The replaced revision's submission time, as the entry recorded it (ISO). */
  issuedAt: string | null;
  /** The replacing revision's submission time (ISO). */
  replacedAt: string | null;
}

/**
 * The `bid.replaced` entry whose replaced revision (`before`) carried this receipt hash (by the
 * migration's partial expression index); undefined when none did.
 */
export async function readReplacedReceipt(em: EntityManager, hash: string): Promise<ReplacedReceiptEntry | undefined> {
  const [row] = await runSql<{ challenge_id: string | null; issued_at: string | null; replaced_at: string | null }>(
    em,
    sql`SELECT a.challenge_id, a.before->>'submittedAt' AS issued_at, a.after->>'submittedAt' AS replaced_at
          FROM audit_entries a
         WHERE a.action = 'bid.replaced' AND a.before->>'receiptHash' = ${hash}
         ORDER BY a.recorded_at LIMIT 1`,
  );
  return row && { challengeId: row.challenge_id, issuedAt: row.issued_at, replacedAt: row.replaced_at };
}
