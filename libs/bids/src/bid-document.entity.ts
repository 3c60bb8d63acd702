import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Bid } from './bid.entity';

/**
 * The documents of a bid's current version, in the order the team listed them. The documents
 * themselves (and every document ever attached to the bid, by any revision) are in the documents
 * library's table, attached to the subject `bid`; a replace rewrites only this set. The receipt
 * covers this set (receipt.ts).
 */
@Entity({ name: 'bid_documents' })
@Check('CHK_bid_documents_role', `"role" IN ('application', 'commitment', 'qualification', 'budget', 'other')`)
export class BidDocument {
  @PrimaryColumn({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  @PrimaryColumn({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'varchar', length: 20 })
  role: string;

  /** 0 … in the order listed in the request. */
  @Column({ type: 'int' })
  position: number;
}
