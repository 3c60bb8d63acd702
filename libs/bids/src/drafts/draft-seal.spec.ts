import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { KeyRing } from '@app/documents';
import { draftBytes, draftContent, MAX_DRAFT_BYTES } from './draft-rules';
import { DraftSealBroken, draftScope, openDraft, sealDraft } from './draft-seal';

const k1 = randomBytes(32);
const ring = new KeyRing('k1', new Map([['k1', k1]]));
const scope = draftScope('c1', 'o1');
const json = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 });

describe('bid draft seal', () => {
  it('opens what it sealed, for any JSON content within the limit', () => {
    fc.assert(
      fc.property(json, (content) => {
        const judged = draftBytes(content);
        if ('error' in judged) return;
        const sealed = sealDraft(ring, scope, judged.bytes);
        expect(draftContent(openDraft(ring, scope, sealed))).toEqual(JSON.parse(JSON.stringify(content)));
        // The plaintext never appears in what is stored.
        if (judged.bytes.length >= 16) expect(sealed.sealed.includes(judged.bytes)).toBe(false);
      }),
    );
  });

  it('refuses any changed byte of the sealed content or of the wrapped key', () => {
    const sealed = sealDraft(ring, scope, Buffer.from('{"text":"a sealed plan"}'));
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }), (inKey, at, flip) => {
        const target = Buffer.from(inKey ? sealed.wrappedKey : sealed.sealed);
        target[at % target.length] ^= flip;
        const changed = inKey ? { ...sealed, wrappedKey: target } : { ...sealed, sealed: target };
        expect(() => openDraft(ring, scope, changed)).toThrow(DraftSealBroken);
      }),
    );
  });

  it('does not open under another organisation’s or challenge’s scope, nor after its key is retired', () => {
    const sealed = sealDraft(ring, scope, Buffer.from('{}'));
    expect(() => openDraft(ring, draftScope('c1', 'o2'), sealed)).toThrow(DraftSealBroken);
    expect(() => openDraft(ring, draftScope('c2', 'o1'), sealed)).toThrow(DraftSealBroken);
    const rotated = new KeyRing('k2', new Map([['k2', randomBytes(32)]]));
    expect(() => openDraft(rotated, scope, sealed)).toThrow(DraftSealBroken);
    // A rotation that keeps the old key still opens the drafts it wrapped.
    const kept = new KeyRing(
      'k2',
      new Map([
        ['k1', k1],
        ['k2', randomBytes(32)],
      ]),
    );
    expect(draftContent(openDraft(kept, scope, sealed))).toEqual({});
  });

  it('judges a draft by its size alone: up to 64 KiB of JSON', () => {
    const at = (n: number) => ({ text: 'x'.repeat(n - '{"text":""}'.length) });
    expect('bytes' in draftBytes(at(MAX_DRAFT_BYTES))).toBe(true);
    const over = draftBytes(at(MAX_DRAFT_BYTES + 1));
    expect(over).toEqual({ error: expect.objectContaining({ field: 'content' }) });
    // Chinese text counts in UTF-8 bytes (3 per character), as it is stored.
    expect('error' in draftBytes({ text: '方'.repeat(22_000) })).toBe(true);
  });
});
