import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common/clock';
import { invalid } from '@app/common/domain-error';
import { Page, decodeCursor, encodeCursor } from '@app/common/http';
import { AuditChainHead, AuditEntry } from './audit-entry.entity';
import {
  ChainBreak,
  ChainVerifier,
  GENESIS_HASH,
  JsonObject,
  StoredEntry,
  chainOf,
  nextEntry,
  normalizeJson,
} from './hash-chain';

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
   * round trips under it (this lock, then entry + head in one statement); the award path embeds
   * the same insert in its own single write statement, hashing with `nextEntry`.
   */
  async lockChainHead(em: EntityManager, challengeId: string | null): Promise<{ seq: number; hash: string }> {
    const chain = chainOf(challengeId);
    const lock = () =>
      em.query(`SELECT seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE`, [chain]) as Promise<
        { seq: string; hash: string }[]
      >;
    let [head] = await lock();
    if (!head) {
      await em.query(`INSERT INTO audit_chain_heads (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING`, [
        chain,
        GENESIS_HASH,
      ]);
      [head] = await lock();
    }
    return { seq: Number(head.seq), hash: head.hash };
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
    const row: AuditEntry = Object.assign(new AuditEntry(), { ...stored, recordedAt: new Date(stored.recordedAt) });
    await em.query(
      `WITH entry AS (
         INSERT INTO audit_entries (id, chain, seq, challenge_id, actor_id, action, subject_type, subject_id, before, after, public, recorded_at, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14)
         RETURNING chain, seq, hash)
       UPDATE audit_chain_heads h SET seq = entry.seq, hash = entry.hash, updated_at = now() FROM entry WHERE h.chain = entry.chain`,
      [
        row.id,
        row.chain,
        row.seq,
        row.challengeId,
        row.actorId,
        row.action,
        row.subjectType,
        row.subjectId,
        row.before === null ? null : JSON.stringify(row.before),
        row.after === null ? null : JSON.stringify(row.after),
        row.public,
        row.recordedAt,
        row.prevHash,
        row.hash,
      ],
    );
    return row;
  }

  /**
   * Public entries, oldest first. With a challenge: in chain order (seq), so a page never skips an
   * entry appended meanwhile. Without: by (recordedAt, id).
   */
  async listPublic(limit: number, cursor?: string, challengeId?: string): Promise<Page<AuditEntry>> {
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('a')
      .where('a.public = true')
      .take(limit + 1);
    if (challengeId) {
      qb.andWhere('a.chain = :chain', { chain: challengeId }).orderBy('a.seq', 'ASC');
      if (cursor) {
        const [mode, seq] = decodeCursor(cursor, 2);
        if (mode !== 'c' || !Number.isSafeInteger(seq)) throw badCursor();
        qb.andWhere('a.seq > :seq', { seq });
      }
    } else {
      qb.orderBy('a.recorded_at', 'ASC').addOrderBy('a.id', 'ASC');
      if (cursor) {
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
        qb.andWhere('(a.recorded_at, a.id) > (:recordedAt, :id)', { recordedAt, id });
      }
    }
    const rows = await qb.getMany();
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
    const heads = new Map<string, { seq: number; hash: string }>();
    for (const head of await this.dataSource.getRepository(AuditChainHead).find())
      heads.set(head.chain, { seq: head.seq, hash: head.hash });
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
      const qb = this.dataSource
        .getRepository(AuditEntry)
        .createQueryBuilder('a')
        .orderBy('a.chain', 'ASC')
        .addOrderBy('a.seq', 'ASC')
        .take(BATCH);
      if (after) qb.where('(a.chain, a.seq) > (:chain, :seq)', after);
      const rows = await qb.getMany();
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
