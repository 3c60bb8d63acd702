import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common/clock';
import { invalid } from '@app/common/domain-error';
import { Page, decodeCursor, encodeCursor } from '@app/common/http';
import { AuditEntry } from './audit-entry.entity';
import { AuthUser } from '@app/common/auth';
import { Sql, sql } from '@app/database';
import { chainOf, normalizeJson } from './hash-chain';
import { ledgerReaderOf } from './ledger-access';
import { LedgerScopes } from './ledger-scopes';
import { LedgerVerifyService, VerifyResult } from './ledger-verify.service';
import { UnchainedEntry } from './hash-template';
import { appendOnHead, ensureChainHead, insertPendingEntry } from './repositories/audit-chain.repository';
import { LedgerAfter, LedgerFilter, readLedgerPage } from './repositories/ledger-listing.repository';

export interface AuditRecord {
  challengeId: string | null;
  /** Null when the system decided (a job). */
  actorId: string | null;
  /** What happened, e.g. `challenge.published` (≤ 100 characters). */
  action: string;
  subjectType: string;
  subjectId: string;
  /** Only the fields that changed, as they were. Never sealed bid content or secrets. */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Shown by the public `GET /audit` (default false). */
  public?: boolean;
}

/**
 * The ledger. `record` appends to a chain inside the caller's transaction; `list` reads what the
 * caller may see; `verify` checks the chains from their checkpoints. Appends to one chain wait for each other (the chain head row is locked until the
 * caller's transaction ends); appends to different chains do not. A transaction that records on
 * two chains should do so in a fixed order (global last) to avoid deadlocks.
 */
@Injectable()
export class AuditService {
  /** Chains this process has seen with a head (bounded: forgetting one costs one idempotent INSERT). */
  private readonly chainsWithHead = new Set<string>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scopes: LedgerScopes,
    private readonly verifier: LedgerVerifyService,
  ) {}

  /** Appends an entry in the caller's transaction (`em` from `dataSource.transaction`). */
  async record(em: EntityManager, entry: AuditRecord): Promise<AuditEntry> {
    const fields = this.fieldsOf(em, entry);
    await this.ensureChain(em, entry.challengeId);
    const chained = await appendOnHead(em, fields);
    return Object.assign(new AuditEntry(), { ...fields, ...chained, recordedAt: new Date(fields.recordedAt) });
  }

  /**
   * Makes sure the chain of `challengeId` has a head before the caller appends with
   * `appendOnHeadCtes`, so that appends to it wait for each other from its very first entry. In the
   * caller's transaction (a concurrent creation is waited for, not failed), the first time this
   * process meets the chain; once the head is seen committed, never again (heads are never removed).
   */
  async ensureChain(em: EntityManager, challengeId: string | null): Promise<void> {
    const chain = chainOf(challengeId);
    if (this.chainsWithHead.has(chain)) return;
    // Remembered only when it existed before: a head this transaction created may yet roll back.
    if (!(await ensureChainHead(em, chain))) return;
    if (this.chainsWithHead.size >= KNOWN_CHAINS_MAX) this.chainsWithHead.clear();
    this.chainsWithHead.add(chain);
  }

  /**
   * Like `record`, but the entry is chained when the caller's transaction commits (by a deferred
   * trigger), so its chain is locked only for the commit itself: for the hottest writes, the bids
   * of a deadline rush. Its seq and hash are not known before the commit. Use it only where the
   * transaction records nothing else: its append comes last, after any `record`, whatever the order
   * of the calls (and chains are locked in that order). `alongside`: CTEs of the caller's own
   * writes (`name AS (…)`, from its repositories) run in the same statement, saving round trips.
   */
  async recordAtCommit(em: EntityManager, entry: AuditRecord, alongside?: Sql): Promise<void> {
    await insertPendingEntry(em, this.fieldsOf(em, entry), alongside);
  }

  /** The entry's hashed fields but the two its chain's head decides; refuses what the ledger cannot hold. */
  private fieldsOf(em: EntityManager, entry: AuditRecord): UnchainedEntry {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('AuditService must record with the transaction manager of the change it records');
    }
    for (const [field, value, max] of [
      ['action', entry.action, 100],
      ['subjectType', entry.subjectType, 50],
      ['subjectId', entry.subjectId, 100],
    ] as const) {
      if (typeof value !== 'string' || !value || value.length > max)
        throw new Error(`audit ${field} must be 1–${max} characters`);
    }
    return {
      id: randomUUID(),
      challengeId: entry.challengeId,
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      before: normalizeJson(entry.before),
      after: normalizeJson(entry.after),
      public: entry.public ?? false,
      recordedAt: this.clock.now().toISOString(),
    };
  }

  /**
   * The entries `user` may read (ledger-access.ts) that match `filter`, oldest first. With a
   * challenge: in chain order (seq), so a page never skips an entry appended meanwhile. Without:
   * by (recordedAt, id).
   */
  async list(user: AuthUser | undefined, filter: LedgerFilter, limit: number, cursor?: string): Promise<Page<AuditEntry>> {
    const reader = ledgerReaderOf(user);
    const unsealedIds =
      reader === 'auditor'
        ? this.scopes.unsealedChallengeIds()
        : reader === 'agency' && user
          ? this.scopes.ownedUnsealedChallengeIds(user)
          : sql`SELECT NULL::uuid WHERE false`;
    const after = startOfPage(cursor, filter.challengeId);
    const rows = await readLedgerPage(this.dataSource.manager, { reader, unsealedIds }, filter, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? filter.challengeId
          ? encodeCursor(['c', last.seq])
          : encodeCursor(['g', last.recordedAt.toISOString(), last.id])
        : null;
    return { items, nextCursor };
  }

  /** Verifies every chain from its checkpoint (ledger-verify.service.ts); `full` recomputes every chain from its start. */
  verify(full = false): Promise<VerifyResult> {
    return this.verifier.verify(null, full);
  }

  /** Verifies one challenge's chain from its checkpoint. */
  verifyChallenge(challengeId: string): Promise<VerifyResult> {
    return this.verifier.verify(chainOf(challengeId));
  }
}

const KNOWN_CHAINS_MAX = 50_000;

/** Where the page after `cursor` starts (a cursor of one kind is refused for the other listing). */
function startOfPage(cursor: string | undefined, challengeId: string | undefined): LedgerAfter {
  if (!cursor) return null;
  if (challengeId) {
    const [mode, seq] = decodeCursor(cursor, 2);
    if (mode !== 'c' || !Number.isSafeInteger(seq)) throw badCursor();
    return { seq: seq as number };
  }
  const [mode, recordedAt, id] = decodeCursor(cursor, 3);
  if (
    mode !== 'g' ||
    typeof recordedAt !== 'string' ||
    Number.isNaN(Date.parse(recordedAt)) ||
    typeof id !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(id)
  ) {
    throw badCursor();
  }
  return { recordedAt, id };
}

const badCursor = () =>
  invalid('invalid_cursor', 'The cursor is not one this API issued.', [{ field: 'cursor', message: 'is not a valid cursor' }]);
