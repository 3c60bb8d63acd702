import { EntityManager } from 'typeorm';
import { RowOf, Sql, rawSql, runSql, sql } from '@app/database';

export type BidMilestoneRow = RowOf<
  'bid_milestones',
  'id' | 'bid_id' | 'seq' | 'title' | 'due_at' | 'deliverable' | 'tranche_fen'
>;

const COLUMNS = rawSql('m.id, m.bid_id, m.seq, m.title, m.due_at, m.deliverable, m.tranche_fen');

/** The rows of `milestonesJson` (id, seq, title, due_at, deliverable, tranche_fen) for the bid in CTE `bidCte`. */
const milestonesOf = (bidCte: string, milestonesJson: string): Sql =>
  sql`SELECT x.id, ${rawSql(bidCte)}.id, x.seq, x.title, x.due_at, x.deliverable, x.tranche_fen
     FROM ${rawSql(bidCte)}, jsonb_to_recordset(${milestonesJson}::jsonb)
          AS x(id uuid, seq int, title text, due_at timestamptz, deliverable text, tranche_fen bigint)`;

/** Inserts the milestones of the bid in CTE `bidCte` (nothing when it is empty). */
export function insertBidMilestonesSql(bidCte: string, milestonesJson: string): Sql {
  return sql`INSERT INTO bid_milestones (id, bid_id, seq, title, due_at, deliverable, tranche_fen)
   ${milestonesOf(bidCte, milestonesJson)}`;
}

/** Writes the milestones of the bid in CTE `bidCte` over its old ones, seq by seq; RETURNING id, seq. */
export function upsertBidMilestonesSql(bidCte: string, milestonesJson: string): Sql {
  return sql`INSERT INTO bid_milestones (id, bid_id, seq, title, due_at, deliverable, tranche_fen)
           ${milestonesOf(bidCte, milestonesJson)}
           ON CONFLICT (bid_id, seq) DO UPDATE
             SET title = EXCLUDED.title, due_at = EXCLUDED.due_at, deliverable = EXCLUDED.deliverable, tranche_fen = EXCLUDED.tranche_fen
           RETURNING id, seq`;
}

/** Deletes the milestones of the bid in CTE `bidCte` from seq `fromSeq` on (a shorter plan). */
export function deleteBidMilestonesFromSql(bidCte: string, fromSeq: number): Sql {
  const b = rawSql(bidCte);
  return sql`DELETE FROM bid_milestones d USING ${b} WHERE d.bid_id = ${b}.id AND d.seq >= ${fromSeq} RETURNING d.id`;
}

/** The milestones of the bids, by bid then seq. */
export function readMilestonesOfBids(em: EntityManager, bidIds: string[]): Promise<BidMilestoneRow[]> {
  return runSql<BidMilestoneRow>(
    em,
    sql`SELECT ${COLUMNS} FROM bid_milestones m WHERE m.bid_id = ANY(${bidIds}::uuid[]) ORDER BY m.bid_id, m.seq`,
  );
}
