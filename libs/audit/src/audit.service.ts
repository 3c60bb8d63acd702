import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common/clock';
import { invalid } from '@app/common/domain-error';
import { Page, decodeCursor, encodeCursor } from '@app/common/http';
import { AuditEntry } from './audit-entry.entity';
import { ChainBreak, ChainHead, ChainVerifier, JsonObject, StoredEntry, chainOf, nextEntry, normalizeJson } from './hash-chain';
import { appendAuditEntry, lockChainHeadRow, readChainHeads } from './repositories/audit-chain.repository';
import { PublicEntriesAfter, readEntriesAfter, readPublicEntries } from './repositories/audit-entries.repository';

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

export interface VerifyResult {
  ok: boolean;
  chains: number;
  entries: number;
  /** The first break of the first broken chain (chains in key order), or null. */
  firstBroken: ChainBreak | null;
  /** Every broken chain's first break (at most 100). */
  broken: ChainBreak[];
  checkedAt: string;
}

const BATCH = 2000;

/**
 * The ledger. `record` appends to a chain inside the caller's transaction; `verify` recomputes
 * every chain. Appends to one chain wait for each other (the chain head row is locked until the
 * caller's transaction ends); appends to different chains do not. A transaction that records on
 * two chains should do so in a fixed order (global last) to avoid deadlocks.
 */
@Injectable()
export class AuditService {
  private verifying: Promise<VerifyResult> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Locks the head of a challenge's chain (creating it the first time) until the caller commits.
   * The lock serialises one chain, so callers keep the locked section short: `record` needs two
   * round trips under it (this lock, then entry + head in one statement); the award path places
   * the same append (`appendAuditEntryCtes`) in its own single write statement, hashing with `nextEntry`.
   */
  lockChainHead(em: EntityManager, challengeId: string | null): Promise<ChainHead> {
    return lockChainHeadRow(em, chainOf(challengeId));
  }

  /** Appends an entry in the caller's transaction (`em` from `dataSource.transaction`). */
  async record(em: EntityManager, entry: AuditRecord): Promise<AuditEntry> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must be called with the transaction manager of the change it records');
    }
    for (const [field, value, max] of [
      ['action', entry.action, 100],
      ['subjectType', entry.subjectType, 50],
      ['subjectId', entry.subjectId, 100],
    ] as const) {
      if (typeof value !== 'string' || !value || value.length > max)
        throw new Error(`audit ${field} must be 1–${max} characters`);
    }
    const head = await this.lockChainHead(em, entry.challengeId);
    const stored = nextEntry(head, {
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
    });
    await appendAuditEntry(em, stored);
    return Object.assign(new AuditEntry(), { ...stored, recordedAt: new Date(stored.recordedAt) });
  }

  /**
   * Public entries, oldest first. With a challenge: in chain order (seq), so a page never skips an
   * entry appended meanwhile. Without: by (recordedAt, id).
   */
  async listPublic(limit: number, cursor?: string, challengeId?: string): Promise<Page<AuditEntry>> {
    const rows = await readPublicEntries(this.dataSource.manager, startOfPage(cursor, challengeId), limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? challengeId
          ? encodeCursor(['c', last.seq])
          : encodeCursor(['g', last.recordedAt.toISOString(), last.id])
        : null;
    return { items, nextCursor };
  }

  /** Recomputes every chain. Concurrent calls on one replica share one pass. */
  verify(): Promise<VerifyResult> {
    if (!this.verifying) {
      this.verifying = this.verifyAll().finally(() => {
        this.verifying = null;
      });
    }
    return this.verifying;
  }

  private async verifyAll(): Promise<VerifyResult> {
    const heads = await readChainHeads(this.dataSource.manager);
    const broken: ChainBreak[] = [];
    const seenChains = new Set<string>();
    let entries = 0;
    let verifier = null as ChainVerifier | null;
    const close = (current: ChainVerifier | null) => {
      if (!current) return;
      const result = current.finish(heads.get(current.chain) ?? null);
      if (result) broken.push(result);
    };
    let after: { chain: string; seq: number } | null = null;
    for (;;) {
      const rows = await readEntriesAfter(this.dataSource.manager, after, BATCH);
      for (const row of rows) {
        if (verifier?.chain !== row.chain) {
          close(verifier);
          verifier = new ChainVerifier(row.chain);
          seenChains.add(row.chain);
        }
        verifier.add(toStored(row));
        entries++;
      }
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = { chain: last.chain, seq: last.seq };
    }
    close(verifier);
    // A chain whose every entry was deleted still has its head.
    for (const [chain, head] of heads) {
      if (!seenChains.has(chain) && head.seq > 0) broken.push({ chain, seq: 1, entryId: null, reason: 'missing_entry' });
    }
    broken.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
    const chains = new Set([...seenChains, ...[...heads.entries()].filter(([, h]) => h.seq > 0).map(([c]) => c)]).size;
    return {
      ok: broken.length === 0,
      chains,
      entries,
      firstBroken: broken[0] ?? null,
      broken: broken.slice(0, 100),
      checkedAt: new Date().toISOString(),
    };
  }
}

/** Where the page after `cursor` starts (a cursor of one kind is refused for the other listing). */
function startOfPage(cursor: string | undefined, challengeId: string | undefined): PublicEntriesAfter {
  if (challengeId) {
    if (!cursor) return { chain: challengeId, seq: null };
    const [mode, seq] = decodeCursor(cursor, 2);
    if (mode !== 'c' || !Number.isSafeInteger(seq)) throw badCursor();
    return { chain: challengeId, seq: seq as number };
  }
  if (!cursor) return null;
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

function toStored(row: AuditEntry): StoredEntry {
  return {
    id: row.id,
    chain: row.chain,
    seq: row.seq,
    challengeId: row.challengeId,
    actorId: row.actorId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    before: row.before as JsonObject | null,
    after: row.after as JsonObject | null,
    public: row.public,
    recordedAt: row.recordedAt.toISOString(),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
