import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  ChainHead,
  GENESIS_HASH,
  GLOBAL_CHAIN,
  ChainVerifier,
  StoredEntry,
  canonicalEntry,
  chainOf,
  entryHash,
  nextEntry,
  normalizeJson,
  verifyChain,
} from './hash-chain';

const CHALLENGE = '7d0c9a3e-5a8e-4b8f-9d58-0b6f1f1f2a01';

function buildChain(n: number, challengeId: string | null = CHALLENGE): { entries: StoredEntry[]; head: ChainHead } {
  let head: ChainHead = { seq: 0, hash: GENESIS_HASH };
  const entries: StoredEntry[] = [];
  for (let i = 1; i <= n; i++) {
    const entry = nextEntry(head, {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      challengeId,
      actorId: null,
      action: `test.step${i}`,
      subjectType: 'challenge',
      subjectId: challengeId ?? 'none',
      before: { status: 'draft', n: i - 1 },
      after: { status: 'published', n: i, 名称: '榜单' },
      public: i % 2 === 0,
      recordedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
    });
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return { entries, head };
}

describe('hash chain', () => {
  it('hashes the RFC 8785 canonical JSON (sorted keys, no whitespace) with SHA-256', () => {
    const { entries } = buildChain(1);
    const text = canonicalEntry(entries[0]);
    expect(text.startsWith('{"action":"test.step1","actorId":null,"after":{"n":1,"status":"published","名称":"榜单"}')).toBe(
      true,
    );
    expect(text).toContain(`"prevHash":"${GENESIS_HASH}"`);
    expect(text).toContain('"v":1');
    expect(entries[0].hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(entries[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order of keys in before/after', () => {
    const { entries } = buildChain(1);
    const reordered = { ...entries[0], after: { 名称: '榜单', n: 1, status: 'published' } };
    expect(entryHash(reordered)).toBe(entries[0].hash);
  });

  it('links each entry to the one before, numbered from 1', () => {
    const { entries, head } = buildChain(4);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i].prevHash).toBe(entries[i - 1].hash);
    expect(verifyChain(CHALLENGE, entries, head)).toEqual({ entries: 4, firstBreak: null });
  });

  it('puts entries without a challenge on the global chain', () => {
    expect(chainOf(null)).toBe(GLOBAL_CHAIN);
    expect(chainOf(CHALLENGE)).toBe(CHALLENGE);
    const { entries, head } = buildChain(2, null);
    expect(entries[0].chain).toBe(GLOBAL_CHAIN);
    expect(verifyChain(GLOBAL_CHAIN, entries, head).firstBreak).toBeNull();
  });

  it('reports an altered entry at its seq', () => {
    const { entries, head } = buildChain(5);
    entries[2] = { ...entries[2], after: { ...entries[2].after, status: 'cancelled' } };
    expect(verifyChain(CHALLENGE, entries, head).firstBreak).toEqual({
      chain: CHALLENGE,
      seq: 3,
      entryId: entries[2].id,
      reason: 'hash_mismatch',
    });
  });

  it('reports an altered entry whose hash was recomputed at the next link', () => {
    const { entries, head } = buildChain(5);
    const forged = { ...entries[1], action: 'test.forged' };
    entries[1] = { ...forged, hash: entryHash(forged) };
    expect(verifyChain(CHALLENGE, entries, head).firstBreak).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
  });

  it('reports a deleted entry by its missing seq', () => {
    const { entries, head } = buildChain(5);
    entries.splice(1, 1);
    expect(verifyChain(CHALLENGE, entries, head).firstBreak).toEqual({
      chain: CHALLENGE,
      seq: 2,
      entryId: null,
      reason: 'missing_entry',
    });
  });

  it('reports entries deleted from the end by comparing with the head', () => {
    const { entries, head } = buildChain(5);
    entries.pop();
    expect(verifyChain(CHALLENGE, entries, head).firstBreak).toEqual({
      chain: CHALLENGE,
      seq: 5,
      entryId: null,
      reason: 'missing_entry',
    });
  });

  it('reports a last entry replaced with a rehashed one, by the head', () => {
    const { entries, head } = buildChain(3);
    const forged = { ...entries[2], action: 'test.forged' };
    entries[2] = { ...forged, hash: entryHash(forged) };
    expect(verifyChain(CHALLENGE, entries, head).firstBreak).toMatchObject({ seq: 3, reason: 'head_mismatch' });
  });

  it('reports an entry moved to another chain', () => {
    const { entries, head } = buildChain(2);
    entries[0] = { ...entries[0], chain: GLOBAL_CHAIN };
    expect(verifyChain(CHALLENGE, entries, head).firstBreak).toMatchObject({ seq: 1, reason: 'wrong_chain' });
  });

  it('reports a repeated seq', () => {
    const { entries, head } = buildChain(2);
    entries.push(entries[1]);
    expect(verifyChain(CHALLENGE, entries, head).firstBreak).toMatchObject({ seq: 2, reason: 'unexpected_seq' });
  });

  it('counts every entry even after the first break', () => {
    const { entries, head } = buildChain(4);
    entries[0] = { ...entries[0], action: 'x' };
    expect(verifyChain(CHALLENGE, entries, head)).toMatchObject({ entries: 4, firstBreak: { seq: 1 } });
  });

  it('normalises before/after to what jsonb gives back', () => {
    expect(normalizeJson({ at: new Date('2025-01-01T00:00:00Z'), gone: undefined, n: 1 })).toEqual({
      at: '2025-01-01T00:00:00.000Z',
      n: 1,
    });
    expect(normalizeJson(undefined)).toBeNull();
    expect(() => normalizeJson([] as unknown as Record<string, unknown>)).toThrow(TypeError);
  });

  describe('from a checkpoint', () => {
    const resume = (entries: StoredEntry[], from: ChainHead, head: ChainHead) => {
      const verifier = new ChainVerifier(CHALLENGE, from);
      for (const e of entries) verifier.add(e);
      return { entries: verifier.entries, firstBreak: verifier.finish(head) };
    };

    it('verifies only the entries after it, and agrees with a full pass on an intact chain', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), (n, k) => {
          const { entries, head } = buildChain(n);
          const at = k % (n + 1);
          const from = at === 0 ? { seq: 0, hash: GENESIS_HASH } : { seq: at, hash: entries[at - 1].hash };
          const result = resume(entries.slice(at), from, head);
          expect(result).toEqual({ entries: n - at, firstBreak: null });
          expect(verifyChain(CHALLENGE, entries, head).firstBreak).toBeNull();
        }),
      );
    });

    it('still catches an entry altered, or deleted, after the checkpoint', () => {
      fc.assert(
        fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), fc.boolean(), (n, k, remove) => {
          const { entries, head } = buildChain(n);
          const at = k % (n - 1); // the checkpoint; at least one entry after it
          const from = at === 0 ? { seq: 0, hash: GENESIS_HASH } : { seq: at, hash: entries[at - 1].hash };
          const tail = entries.slice(at).map((e) => ({ ...e }));
          const victim = tail.length - 1 - (k % tail.length);
          if (remove) tail.splice(victim, 1);
          else tail[victim] = { ...tail[victim], after: { status: 'cancelled' } };
          expect(resume(tail, from, head).firstBreak).not.toBeNull();
        }),
      );
    });

    it('refuses a tail that does not link onto the checkpoint’s hash', () => {
      const { entries, head } = buildChain(4);
      const result = resume(entries.slice(2), { seq: 2, hash: 'f'.repeat(64) }, head);
      expect(result.firstBreak).toMatchObject({ seq: 3, reason: 'prev_hash_mismatch' });
    });
  });
});
