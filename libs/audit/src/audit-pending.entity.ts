import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RecordedFields } from './audit-entry.entity';

/**
 * An entry waiting for its transaction's COMMIT to be chained (`AuditService.recordAtCommit`). The
 * row never outlives its transaction: a deferred trigger appends it to its chain at commit and
 * deletes it, so other transactions never see one. It holds the entry's fields and its canonical
 * text around the two holes (hash-template.ts) that only the chain's head can fill.
 */
@Entity({ name: 'audit_pending' })
export class AuditPendingEntry extends RecordedFields {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_audit_pending' })
  id: string;

  /** The canonical text up to the previous entry's hash. */
  @Column({ type: 'text' })
  textBeforePrevHash: string;

  /** Between the previous hash and the entry's seq. */
  @Column({ type: 'text' })
  textBeforeSeq: string;

  /** After the seq. */
  @Column({ type: 'text' })
  textAfterSeq: string;
}
