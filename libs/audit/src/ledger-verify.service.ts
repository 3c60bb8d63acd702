import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { ChainBreak, ChainHead, ChainVerifier, JsonObject, StoredEntry } from './hash-chain';
import {
  ChainToVerify,
  advanceCheckpoints,
  readBrokenCheckpoints,
  readChainsToVerify,
  readLedgerSize,
  readTailsAfter,
} from './repositories/audit-checkpoints.repository';

export interface VerifyResult {
  ok: boolean;
  /** Chains with entries (in scope: every chain, or the one asked for). */
  chains: number;
  /** Entries those chains hold, by their heads. */
  entries: number;
  /** Entries hashed by this call: those appended since each chain's checkpoint. */
  checked: number;
  /** The first break of the first broken chain (chains in key order), or null. */
  firstBroken: ChainBreak | null;
  /** Every broken chain's first break (at most 100). */
  broken: ChainBreak[];
  checkedAt: string;
}

const BATCH = 2000;

/**
 * Verifies the ledger from each chain's checkpoint: the entries appended since are hashed and
 * linked onto the checkpoint's hash, the checkpointed entry itself must still be there with that
 * hash, and each chain's end must meet its head. A chain found intact moves its checkpoint to its
 * head, so a call costs what was appended since the last one (plus one index lookup per chain),
 * whatever the size of the ledger. What lies before a checkpoint was verified when it was
 * appended; a full recompute (`full`) re-checks it, for auditors.
 *
 * The pass reads in one REPEATABLE READ snapshot (heads and entries agree, whatever is appended
 * meanwhile); checkpoints are written after it, each forward only.
 */
@Injectable()
export class LedgerVerifyService {
  private readonly running = new Map<string, Promise<VerifyResult>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every chain (`chain` null) or one; concurrent calls for the same scope on one replica share one pass. */
  verify(chain: string | null, full = false): Promise<VerifyResult> {
    const key = `${full ? 'full' : 'since'}:${chain ?? '*'}`;
    let pass = this.running.get(key);
    if (!pass) {
      pass = this.pass(chain, full).finally(() => this.running.delete(key));
      this.running.set(key, pass);
    }
    return pass;
  }

  private async pass(chain: string | null, full: boolean): Promise<VerifyResult> {
    const advance: { chain: string; at: ChainHead }[] = [];
    const result = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const size = await readLedgerSize(em, chain);
      const anchors = full ? [] : await readBrokenCheckpoints(em, chain);
      const skip = new Set(anchors.map((b) => b.chain));
      const targets = (await readChainsToVerify(em, chain, full)).filter((c) => !skip.has(c.chain));
      const verifiers = await this.verifyTails(em, targets, full);
      const broken: ChainBreak[] = [...anchors];
      let checked = 0;
      for (const target of targets) {
        const verifier = verifiers.get(target.chain) as ChainVerifier;
        checked += verifier.entries;
        const end = verifier.finish(target.head);
        if (end) broken.push(end);
        else if (target.head) advance.push({ chain: target.chain, at: target.head });
      }
      broken.sort((a, b) => (a.chain < b.chain ? -1 : a.chain > b.chain ? 1 : 0));
      return { ...size, checked, broken };
    });
    await advanceCheckpoints(this.dataSource.manager, advance);
    return {
      ok: result.broken.length === 0,
      chains: result.chains,
      entries: result.entries,
      checked: result.checked,
      firstBroken: result.broken[0] ?? null,
      broken: result.broken.slice(0, 100),
      checkedAt: new Date().toISOString(),
    };
  }

  /** Feeds every target chain's entries after its start (checkpoint, or genesis) to a verifier of its own. */
  private async verifyTails(em: EntityManager, targets: ChainToVerify[], full: boolean): Promise<Map<string, ChainVerifier>> {
    const verifiers = new Map<string, ChainVerifier>();
    const starts = targets.map((t) => {
      const from = full ? undefined : (t.checkpoint ?? undefined);
      verifiers.set(t.chain, new ChainVerifier(t.chain, from));
      return { chain: t.chain, afterSeq: from?.seq ?? 0 };
    });
    if (starts.length === 0) return verifiers;
    let after: { chain: string; seq: number } | null = null;
    for (;;) {
      const rows = await readTailsAfter(em, starts, after, BATCH);
      for (const row of rows) verifiers.get(row.chain)?.add(toStored(row));
      if (rows.length < BATCH) return verifiers;
      const last = rows[rows.length - 1];
      after = { chain: last.chain, seq: last.seq };
    }
  }
}

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
