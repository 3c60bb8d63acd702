/**
 * The ledger's hash chain, as pure functions (no Nest, no database).
 *
 * Every entry belongs to one chain: the chain of its challenge (key = the challenge id) or, when it
 * concerns no challenge, the `global` chain. Within a chain entries are numbered 1, 2, 3, … and each
 * carries the hash of the one before it (the first carries `GENESIS_HASH`).
 *
 *   hash = hex(SHA-256(UTF-8(RFC 8785 canonical JSON of {
 *            v, id, chain, seq, challengeId, actorId, action, subjectType, subjectId,
 *            before, after, public, recordedAt, prevHash })))
 *
 * `recordedAt` is hashed as its ISO-8601 UTC string with milliseconds (`toISOString()`), `before`
 * and `after` as the JSON the database stores (see `normalizeJson`). Anyone with the rows can
 * recompute every hash with any RFC 8785 implementation.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);
export const GLOBAL_CHAIN = 'global';
/** Version of the hashed layout; bump it (and keep the old one verifiable) to change the fields. */
export const HASH_VERSION = 1;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The fields an entry's hash covers. */
export interface HashedEntry {
  id: string;
  chain: string;
  seq: number;
  challengeId: string | null;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: JsonObject | null;
  after: JsonObject | null;
  public: boolean;
  /** ISO-8601 UTC with milliseconds. */
  recordedAt: string;
  prevHash: string;
}

/** An entry as stored: its fields and the hash it claims. */
export interface StoredEntry extends HashedEntry {
  hash: string;
}

export const chainOf = (challengeId: string | null): string => challengeId ?? GLOBAL_CHAIN;

/**
 * What the database will hand back for a jsonb value: dates become ISO strings, `undefined`
 * members disappear, non-finite numbers become null. Hashing this (not the caller's raw object)
 * makes a stored entry verify. Refuses anything that is not a plain object.
 */
export function normalizeJson(value: Record<string, unknown> | null | undefined): JsonObject | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError('before/after must be plain objects');
  const json = JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));
  return JSON.parse(json) as JsonObject;
}

export function canonicalEntry(entry: HashedEntry): string {
  const fields = {
    v: HASH_VERSION,
    id: entry.id,
    chain: entry.chain,
    seq: entry.seq,
    challengeId: entry.challengeId,
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: entry.before,
    after: entry.after,
    public: entry.public,
    recordedAt: entry.recordedAt,
    prevHash: entry.prevHash,
  };
  const text = canonicalize(fields);
  if (text === undefined) throw new TypeError('entry cannot be canonicalised');
  return text;
}

export function entryHash(entry: HashedEntry): string {
  return createHash('sha256').update(canonicalEntry(entry), 'utf8').digest('hex');
}

export type BreakReason =
  /** The entry's fields do not hash to its stored hash: it was altered. */
  | 'hash_mismatch'
  /** The entry does not point at the hash of the entry before it: that one was replaced, or this link altered. */
  | 'prev_hash_mismatch'
  /** An entry of this sequence number is missing: it was deleted. */
  | 'missing_entry'
  /** The sequence number repeats or goes backwards. */
  | 'unexpected_seq'
  /** The entry's chain does not match its challenge. */
  | 'wrong_chain'
  /** The chain's head (last seq and hash, kept beside the ledger) disagrees with its last entry. */
  | 'head_mismatch';

export interface ChainBreak {
  chain: string;
  seq: number;
  /** The entry found at `seq`, or null when it is missing. */
  entryId: string | null;
  reason: BreakReason;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Checks one chain, entry by entry, in seq order; remembers only the last entry, so a chain of any
 * length is checked in constant memory. Reports the first break only.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  private count = 0;
  private broken: ChainBreak | null = null;

  /** `from`: a checkpoint already verified (its seq and hash); the chain's start by default. */
  constructor(
    readonly chain: string,
    from: ChainHead = { seq: 0, hash: GENESIS_HASH },
  ) {
    this.expectedSeq = from.seq + 1;
    this.prevHash = from.hash;
  }

  get entries(): number {
    return this.count;
  }

  get firstBreak(): ChainBreak | null {
    return this.broken;
  }

  add(entry: StoredEntry): ChainBreak | null {
    this.count++;
    if (this.broken) return this.broken;
    const at = (seq: number, entryId: string | null, reason: BreakReason) =>
      (this.broken = { chain: this.chain, seq, entryId, reason });
    if (entry.seq > this.expectedSeq) return at(this.expectedSeq, null, 'missing_entry');
    if (entry.seq < this.expectedSeq) return at(entry.seq, entry.id, 'unexpected_seq');
    if (entry.chain !== this.chain || chainOf(entry.challengeId) !== this.chain) return at(entry.seq, entry.id, 'wrong_chain');
    if (entryHash(entry) !== entry.hash) return at(entry.seq, entry.id, 'hash_mismatch');
    if (entry.prevHash !== this.prevHash) return at(entry.seq, entry.id, 'prev_hash_mismatch');
    this.expectedSeq = entry.seq + 1;
    this.prevHash = entry.hash;
    return null;
  }

  /** Compares the last entry with the chain's head: catches entries deleted from the end. */
  finish(head: ChainHead | null): ChainBreak | null {
    if (this.broken) return this.broken;
    const lastSeq = this.expectedSeq - 1;
    if (!head) {
      if (lastSeq > 0) this.broken = { chain: this.chain, seq: lastSeq, entryId: null, reason: 'head_mismatch' };
      return this.broken;
    }
    if (head.seq > lastSeq) this.broken = { chain: this.chain, seq: lastSeq + 1, entryId: null, reason: 'missing_entry' };
    else if (head.seq < lastSeq || head.hash !== this.prevHash) {
      this.broken = { chain: this.chain, seq: Math.min(head.seq + 1, lastSeq), entryId: null, reason: 'head_mismatch' };
    }
    return this.broken;
  }
}

/** Convenience for a whole chain in memory (tests, small tools). */
export function verifyChain(
  chain: string,
  entries: Iterable<StoredEntry>,
  head: ChainHead | null,
): { entries: number; firstBreak: ChainBreak | null } {
  const verifier = new ChainVerifier(chain);
  for (const entry of entries) verifier.add(entry);
  verifier.finish(head);
  return { entries: verifier.entries, firstBreak: verifier.firstBreak };
}

/** Builds the next entry of a chain: the pure half of `AuditService.record`. */
export function nextEntry(head: ChainHead, fields: Omit<HashedEntry, 'seq' | 'prevHash' | 'chain'>): StoredEntry {
  const entry: HashedEntry = { ...fields, chain: chainOf(fields.challengeId), seq: head.seq + 1, prevHash: head.hash };
  return { ...entry, hash: entryHash(entry) };
}
