import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';

export type ReceiptRow = RowOf<'bids', 'challenge_id' | 'submitted_at' | 'status'>;

/** The bid whose current version carries this receipt hash (a replaced version's hash is no longer any bid's). */
export async function readBidByReceipt(em: EntityManager, hash: string): Promise<ReceiptRow | undefined> {
  const [row] = await runSql<ReceiptRow>(
    em,
    sql`SELECT challenge_id, submitted_at, status FROM bids WHERE receipt_hash = ${hash} LIMIT 1`,
  );
  return row;
}
