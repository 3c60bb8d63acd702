import { EntityManager } from 'typeorm';
import { RowOf, Sql, runSql, sql } from '@app/database';

/** One entry of a bid's current set of documents. */
export type BidDocumentRow = RowOf<'bid_documents', 'bid_id' | 'document_id' | 'role' | 'position'>;

/** The set a write lists, in order, as `{document_id, role, position}`. */
export type BidDocumentEntry = Pick<BidDocumentRow, 'document_id' | 'role' | 'position'>;

/**
 * The bid's current set becomes `entries` (two statements: the old set goes, the new one comes —
 * in one statement the insert would not see the delete). The documents stay attached to the bid.
 */
/** Empties the bid's set (a replaced version's), as a statement for a CTE; `insertBidDocuments` then adds the new set. */
export function clearBidDocumentsSql(bidId: string): Sql {
  return sql`DELETE FROM bid_documents WHERE bid_id = ${bidId}`;
}

/** Adds the entries to the bid's set (a new bid's). */
export async function insertBidDocuments(em: EntityManager, bidId: string, entries: BidDocumentEntry[]): Promise<void> {
  if (!entries.length) return;
  await runSql(
    em,
    sql`INSERT INTO bid_documents (bid_id, document_id, role, position)
        SELECT ${bidId}::uuid, x.document_id, x.role, x.position
          FROM jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) AS x(document_id uuid, role text, position int)`,
  );
}

/** The current sets of the bids, by bid then position. */
export function readBidDocumentSets(em: EntityManager, bidIds: string[]): Promise<BidDocumentRow[]> {
  if (!bidIds.length) return Promise.resolve([]);
  return runSql<BidDocumentRow>(
    em,
    sql`SELECT bid_id, document_id, role, position FROM bid_documents
         WHERE bid_id = ANY(${bidIds}::uuid[]) ORDER BY bid_id, position`,
  );
}
