import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';

/** Postgres bigint ⇄ JS safe integer (sequence numbers). */
export const seqTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => {
    if (value === null || value === undefined) return value;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new TypeError(`seq ${String(value)} is not a safe integer`);
    return n;
  },
};

/** What an entry records, whether chained (`AuditEntry`) or waiting for its commit (`AuditPendingEntry`). */
export abstract class RecordedFields {
  /** The challenge id, or `global`. */
  @Column({ type: 'varchar', length: 64 })
  chain: string;

  @Column({ type: 'uuid', nullable: true })
  challengeId: string | null;

  /** Who decided; null for the system (a job). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** What happened, e.g. `challenge.published`. */
  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 50 })
  subjectType: string;

  @Column({ type: 'varchar', length: 100 })
  subjectId: string;

  /** The changed fields before the change. */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  /** The changed fields after the change. */
  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** Shown by the public `GET /audit`; false for anything sealed or personal. */
  @Column({ type: 'boolean', default: false })
  public: boolean;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}

/**
 * One line of the ledger. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE, and the hash
 * chain (see hash-chain.ts) exposes any change made around it.
 */
@Entity({ name: 'audit_entries' })
@Index('UQ_audit_entries_chain_seq', ['chain', 'seq'], { unique: true })
@Index('IDX_audit_entries_recorded_at_id', ['recordedAt', 'id'])
@Index('IDX_audit_entries_actor_recorded_at', ['actorId', 'recordedAt', 'id'])
@Index('IDX_audit_entries_action_recorded_at', ['action', 'recordedAt', 'id'])
// An expression index TypeORM cannot express (a replaced bid revision's receipt hash, for the public
// receipt check): kept by the migration only.
@Index('IDX_audit_entries_replaced_receipt', { synchronize: false })
export class AuditEntry extends RecordedFields {
  /** Set by the application (it is hashed). */
  @PrimaryColumn('uuid')
  id: string;

  /** 1, 2, 3, … within the chain. */
  @Column({ type: 'bigint', transformer: seqTransformer })
  seq: number;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

/**
 * The last seq and hash of each chain. Its row is locked (`SELECT … FOR UPDATE`) while an entry is
 * appended, so appends to one chain are serialised and appends to different chains never wait on
 * each other. It also lets verify notice entries deleted from a chain's end.
 */
@Entity({ name: 'audit_chain_heads' })
export class AuditChainHead {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  chain: string;

  @Column({ type: 'bigint', transformer: seqTransformer })
  seq: number;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/**
 * Per chain, the last entry a verify pass found intact (its seq and hash). The next pass starts
 * there, so verifying costs what was appended since, not the whole ledger. Only moves forward.
 */
@Entity({ name: 'audit_chain_checkpoints' })
export class AuditChainCheckpoint {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_audit_chain_checkpoints' })
  chain: string;

  @Column({ type: 'bigint', transformer: seqTransformer })
  seq: number;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  verifiedAt: Date;
}
